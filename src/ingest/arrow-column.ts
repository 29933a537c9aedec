import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  TimestampMicrosecond,
  Utf8,
  makeData,
  makeVector,
  type DataType,
  type Vector,
} from 'apache-arrow';

export type ColumnType = 'bool' | 'int32' | 'int64' | 'float64' | 'date' | 'timestamp' | 'text';

const MS_PER_DAY = 86_400_000;

export function arrowType(type: ColumnType): DataType {
  switch (type) {
    case 'bool':
      return new Bool();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMicrosecond();
    default:
      return new Utf8();
  }
}

function toMillis(v: unknown): number {
  return v instanceof Date ? v.getTime() : Number(v);
}

/**
 * One Arrow column from JS values, built directly from typed arrays. Arrow's own builders
 * compile their null check with `new Function`, which the app's Content-Security-Policy
 * (no 'unsafe-eval') forbids, hence this.
 */
export function arrowColumn(type: ColumnType, values: readonly unknown[]): Vector {
  const length = values.length;
  const nullBitmap = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  const base = { length, nullCount, nullBitmap: nullCount > 0 ? nullBitmap : undefined };
  const valid = (i: number) => values[i] !== null && values[i] !== undefined;

  switch (type) {
    case 'bool': {
      const data = new Uint8Array(Math.ceil(length / 8));
      values.forEach((v, i) => {
        if (v === true) data[i >> 3]! |= 1 << (i & 7);
      });
      return makeVector(makeData({ type: new Bool(), data, ...base }));
    }
    case 'int32':
      return makeVector(
        makeData({
          type: new Int32(),
          data: Int32Array.from(values, (v) => Number(v ?? 0)),
          ...base,
        }),
      );
    case 'int64':
      return makeVector(
        makeData({
          type: new Int64(),
          data: BigInt64Array.from(values, (v, i) =>
            valid(i) ? BigInt(v as number | bigint) : 0n,
          ),
          ...base,
        }),
      );
    case 'float64':
      return makeVector(
        makeData({
          type: new Float64(),
          data: Float64Array.from(values, (v, i) => (valid(i) ? Number(v) : 0)),
          ...base,
        }),
      );
    case 'date':
      return makeVector(
        makeData({
          type: new DateDay(),
          data: Int32Array.from(values, (v, i) =>
            valid(i) ? Math.floor(toMillis(v) / MS_PER_DAY) : 0,
          ),
          ...base,
        }),
      );
    case 'timestamp':
      return makeVector(
        makeData({
          type: new TimestampMicrosecond(),
          data: BigInt64Array.from(values, (v, i) =>
            valid(i) ? BigInt(Math.round(toMillis(v))) * 1000n : 0n,
          ),
          ...base,
        }),
      );
    default: {
      const encoder = new TextEncoder();
      const chunks = values.map((v, i) =>
        valid(i) ? encoder.encode(String(v)) : new Uint8Array(0),
      );
      const valueOffsets = new Int32Array(length + 1);
      chunks.forEach((c, i) => (valueOffsets[i + 1] = valueOffsets[i]! + c.byteLength));
      const data = new Uint8Array(valueOffsets[length]!);
      chunks.forEach((c, i) => data.set(c, valueOffsets[i]!));
      return makeVector(makeData({ type: new Utf8(), data, valueOffsets, ...base }));
    }
  }
}
