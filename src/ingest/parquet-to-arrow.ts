import { Table, tableToIPC, type Vector } from 'apache-arrow';
import { arrowColumn, type ColumnType } from './arrow-column';
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

function columnTypeOf(el: SchemaElement): ColumnType {
  const logical = el.logical_type?.type;
  const converted = el.converted_type;
  if (logical === 'DECIMAL' || converted === 'DECIMAL') return 'float64';
  switch (el.type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
      return logical === 'DATE' || converted === 'DATE' ? 'date' : 'int32';
    case 'INT64':
      return logical === 'TIMESTAMP' || converted?.startsWith('TIMESTAMP') ? 'timestamp' : 'int64';
    case 'INT96':
      return 'timestamp';
    case 'FLOAT':
    case 'DOUBLE':
      return 'float64';
    default:
      return 'text';
  }
}

function normalise(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'text' && typeof value !== 'string') {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
  return value;
}

/** The top-level columns of a Parquet file and the Arrow types SegLab loads them as. */
export function parquetColumns(metadata: FileMetaData): { name: string; type: ColumnType }[] {
  const [, ...rest] = metadata.schema;
  const out: { name: string; type: ColumnType }[] = [];
  for (let i = 0; i < rest.length; i++) {
    const el = rest[i]!;
    // Nested columns (lists, structs) arrive assembled; they are loaded as JSON text.
    out.push({ name: el.name, type: el.num_children ? 'text' : columnTypeOf(el) });
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
      vectors[name] = arrowColumn(
        type,
        rows.map((row) => normalise(row[c], type)),
      );
    });
    yield { ipc: tableToIPC(new Table(vectors), 'stream'), rowsDone: rowEnd, rowsTotal };
    rowStart = rowEnd;
  }
}
