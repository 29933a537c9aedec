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
 * A column already laid out as Arrow stores it: `data` holds days for dates, microseconds for
 * timestamps, packed bits for booleans and UTF-8 bytes (with `valueOffsets`) for text; bit i of
 * `nullBitmap` is set when row i has a value. Left out when nothing is null.
 */
export interface ArrowStorage {
  length: number;
  data: Uint8Array | Int32Array | BigInt64Array | Float64Array;
  valueOffsets?: Int32Array;
  nullBitmap?: Uint8Array;
  nullCount: number;
}

/** One Arrow column from buffers in Arrow's layout (see ArrowStorage), without copying them. */
export function arrowColumnOf(type: ColumnType, storage: ArrowStorage): Vector {
  const { length, data, valueOffsets, nullCount } = storage;
  const props = {
    type: arrowType(type),
    length,
    data,
    nullCount,
    nullBitmap: nullCount > 0 ? storage.nullBitmap : undefined,
    ...(type === 'text' ? { valueOffsets: valueOffsets ?? new Int32Array(length + 1) } : {}),
  };
  // arrowType gives the DataType matching `type`, so the props fit what makeData expects.
  return makeVector(makeData(props as Parameters<typeof makeData>[0]));
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
  const base = { length, nullCount, nullBitmap };
  const valid = (i: number) => values[i] !== null && values[i] !== undefined;

  switch (type) {
    case 'bool': {
      const data = new Uint8Array(Math.ceil(length / 8));
      values.forEach((v, i) => {
        if (v === true) data[i >> 3]! |= 1 << (i & 7);
      });
      return arrowColumnOf(type, { data, ...base });
    }
    case 'int32':
      return arrowColumnOf(type, { data: Int32Array.from(values, (v) => Number(v ?? 0)), ...base });
    case 'int64':
      return arrowColumnOf(type, {
        data: BigInt64Array.from(values, (v, i) => (valid(i) ? BigInt(v as number | bigint) : 0n)),
        ...base,
      });
    case 'float64':
      return arrowColumnOf(type, {
        data: Float64Array.from(values, (v, i) => (valid(i) ? Number(v) : 0)),
        ...base,
      });
    case 'date':
      return arrowColumnOf(type, {
        data: Int32Array.from(values, (v, i) =>
          valid(i) ? Math.floor(toMillis(v) / MS_PER_DAY) : 0,
        ),
        ...base,
      });
    case 'timestamp':
      return arrowColumnOf(type, {
        data: BigInt64Array.from(values, (v, i) =>
          valid(i) ? BigInt(Math.round(toMillis(v))) * 1000n : 0n,
        ),
        ...base,
      });
    default: {
      const encoder = new TextEncoder();
      const chunks = values.map((v, i) =>
        valid(i) ? encoder.encode(String(v)) : new Uint8Array(0),
      );
      const valueOffsets = new Int32Array(length + 1);
      chunks.forEach((c, i) => (valueOffsets[i + 1] = valueOffsets[i]! + c.byteLength));
      const data = new Uint8Array(valueOffsets[length]!);
      chunks.forEach((c, i) => data.set(c, valueOffsets[i]!));
      return arrowColumnOf(type, { data, valueOffsets, ...base });
    }
  }
}
