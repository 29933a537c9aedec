import { DataType, type Field, type Table, util } from 'apache-arrow';
import type { CellValue, ColumnInfo, ColumnKind, QueryResult, Row } from './types';

function kindOf(field: Field): ColumnKind {
  const t = field.type;
  if (DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t)) return 'number';
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t) || DataType.isDictionary(t)) return 'string';
  if (DataType.isDate(t)) return 'date';
  if (DataType.isTimestamp(t)) return 'timestamp';
  if (DataType.isBool(t)) return 'boolean';
  return 'other';
}

function toNumber(v: bigint): number | string {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v.toString();
}

function converter(field: Field): (v: unknown) => CellValue {
  const t = field.type;
  if (DataType.isDecimal(t)) {
    const scale = t.scale;
    return (v) => (v == null ? null : util.bigNumToNumber(v as never, scale));
  }
  if (DataType.isInt(t)) {
    return (v) => (v == null ? null : typeof v === 'bigint' ? toNumber(v) : (v as number));
  }
  if (DataType.isDate(t) || DataType.isTimestamp(t)) {
    return (v) => (v == null ? null : new Date(typeof v === 'bigint' ? Number(v) : (v as number)));
  }
  if (
    DataType.isFloat(t) ||
    DataType.isBool(t) ||
    DataType.isUtf8(t) ||
    DataType.isLargeUtf8(t) ||
    DataType.isDictionary(t)
  ) {
    return (v) => (v == null ? null : (v as CellValue));
  }
  // Lists, structs, intervals, blobs...: show their text form.
  return (v) => {
    if (v == null) return null;
    if (typeof v === 'bigint') return toNumber(v);
    if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
    const json = (v as { toJSON?: () => unknown }).toJSON?.() ?? v;
    return JSON.stringify(json, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  };
}

/** Describes the columns of an Arrow table. */
export function arrowColumns(table: Table): ColumnInfo[] {
  return table.schema.fields.map((f) => ({ name: f.name, type: String(f.type), kind: kindOf(f) }));
}

/** Converts an Arrow table into plain rows (BigInt -> number where safe, dates -> Date). */
export function arrowToResult(table: Table): QueryResult {
  const fields = table.schema.fields;
  const columns = arrowColumns(table);
  const convert = fields.map(converter);
  const vectors = fields.map((_f, i) => table.getChildAt(i));
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) {
      row[fields[c]!.name] = convert[c]!(vectors[c]?.get(r));
    }
    rows[r] = row;
  }
  return { columns, rows };
}

/**
 * The columns of an Arrow table as Float64Arrays, NULL as NaN: numbers for JS to count over
 * without a row object each. Columns that are not numbers are left out.
 */
export function arrowNumberColumns(table: Table): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  table.schema.fields.forEach((field, i) => {
    const t = field.type;
    if (!DataType.isFloat(t) && !DataType.isInt(t) && !DataType.isBool(t)) return;
    const vector = table.getChildAt(i)!;
    const values = new Float64Array(table.numRows);
    let r = 0;
    for (const chunk of vector.data) {
      const plain = chunk.nullCount === 0 && DataType.isFloat(t) ? chunk.values : null;
      if (plain instanceof Float64Array) {
        values.set(plain.subarray(chunk.offset, chunk.offset + chunk.length), r);
        r += chunk.length;
        continue;
      }
      for (const end = r + chunk.length; r < end; r++) {
        const v: unknown = vector.get(r);
        values[r] = v == null ? NaN : Number(v);
      }
    }
    out[field.name] = values;
  });
  return out;
}
