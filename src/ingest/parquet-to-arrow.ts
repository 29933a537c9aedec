import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMicrosecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import {
  parquetMetadataAsync,
  parquetRead,
  type AsyncBuffer,
  type FileMetaData,
  type SchemaElement,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/** A File (or bytes) as the random-access buffer hyparquet reads from, slice by slice. */
export function asyncBufferOf(data: Blob | Uint8Array): AsyncBuffer {
  if (data instanceof Uint8Array) {
    const copy = data.slice();
    return { byteLength: copy.byteLength, slice: (s, e) => copy.buffer.slice(s, e) };
  }
  return { byteLength: data.size, slice: (s, e) => data.slice(s, e).arrayBuffer() };
}

function arrowTypeOf(el: SchemaElement): DataType {
  const logical = el.logical_type?.type;
  const converted = el.converted_type;
  if (logical === 'DECIMAL' || converted === 'DECIMAL') return new Float64();
  switch (el.type) {
    case 'BOOLEAN':
      return new Bool();
    case 'INT32':
      return logical === 'DATE' || converted === 'DATE' ? new DateDay() : new Int32();
    case 'INT64':
      return logical === 'TIMESTAMP' || converted?.startsWith('TIMESTAMP')
        ? new TimestampMicrosecond()
        : new Int64();
    case 'INT96':
      return new TimestampMicrosecond();
    case 'FLOAT':
    case 'DOUBLE':
      return new Float64();
    default:
      return new Utf8();
  }
}

function normalise(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Utf8 && typeof value !== 'string') {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
  if (type instanceof Int64 && typeof value === 'number') return BigInt(value);
  if (type instanceof Float64 && typeof value === 'bigint') return Number(value);
  return value;
}

/** The top-level columns of a Parquet file and the Arrow types SegLab loads them as. */
export function parquetColumns(metadata: FileMetaData): { name: string; type: DataType }[] {
  const [, ...rest] = metadata.schema;
  const out: { name: string; type: DataType }[] = [];
  for (let i = 0; i < rest.length; i++) {
    const el = rest[i]!;
    // Nested columns (lists, structs) arrive assembled; they are loaded as JSON text.
    out.push({ name: el.name, type: el.num_children ? new Utf8() : arrowTypeOf(el) });
    i += countDescendants(rest, i);
  }
  return out;
}

function countDescendants(schema: SchemaElement[], index: number): number {
  let remaining = schema[index]!.num_children ?? 0;
  let count = 0;
  while (remaining > 0) {
    count++;
    remaining += (schema[index + count]!.num_children ?? 0) - 1;
  }
  return count;
}

/**
 * Reads a Parquet file row group by row group and hands each one on as an Arrow IPC stream,
 * so a large file never sits in memory as JS objects all at once. DuckDB-WASM 1.32 has no
 * built-in Parquet reader (it would download the extension), hence hyparquet.
 */
export async function* parquetToArrowBatches(
  data: Blob | Uint8Array,
): AsyncGenerator<{ ipc: Uint8Array; rowsDone: number; rowsTotal: number }> {
  const file = asyncBufferOf(data);
  const metadata = await parquetMetadataAsync(file);
  const columns = parquetColumns(metadata);
  const rowsTotal = Number(metadata.num_rows);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await new Promise<unknown[][]>((resolve, reject) => {
      parquetRead({ file, metadata, compressors, rowStart, rowEnd, onComplete: resolve }).catch(
        reject,
      );
    });
    const vectors: Record<string, Vector> = {};
    columns.forEach(({ name, type }, c) => {
      const values = rows.map((row) => normalise(row[c], type));
      vectors[name] = vectorFromArray(values as never[], type) as Vector;
    });
    yield { ipc: tableToIPC(new Table(vectors), 'stream'), rowsDone: rowEnd, rowsTotal };
    rowStart = rowEnd;
  }
}
