import { Field, makeData, RecordBatch, Schema, Struct, Table, tableToIPC } from 'apache-arrow';
import { arrowColumnOf, arrowType, type ArrowStorage, type ColumnType } from './arrow-column';
import {
  parquetMetadataAsync,
  type AsyncBuffer,
  type FileMetaData,
  type RowGroup,
  type SchemaElement,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readChunks, STORAGE_PARSERS, storageOf } from './hyparquet-storage';
import { flatColumnOf, NotFlat, readFlatColumn, type FlatColumn } from './parquet-flat-column';

/** One Arrow IPC stream of a Parquet file's rows, and how far through the file it reaches. */
export interface ParquetBatch {
  ipc: Uint8Array;
  rowsDone: number;
  rowsTotal: number;
}

/**
 * Rows per batch handed to DuckDB: a file written as one huge row group still reaches it in
 * parts, and the many small row groups of most writers (DuckDB's are 122,880 rows) are inserted
 * a few at a time: each insert into DuckDB-WASM has a cost of its own (in Node, 4M rows took
 * 7.4 s in inserts of 100k rows, 2.2-2.4 s in inserts of 246k-492k).
 */
export const BATCH_ROWS = 1 << 18;

/** Bytes per batch at most (about), so that wide or long-text rows still come in bounded parts. */
export const BATCH_BYTES = 64 << 20;

/** The bytes of a record batch's buffers. */
function byteSize(batch: RecordBatch): number {
  let bytes = 0;
  for (const child of batch.data.children) {
    bytes += child.values.byteLength + (child.valueOffsets?.byteLength ?? 0);
    bytes += child.nullBitmap?.byteLength ?? 0;
  }
  return bytes;
}

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

interface TopColumn {
  name: string;
  type: ColumnType;
  /** Lists and structs (and repeated fields): assembled by hyparquet, loaded as JSON text. */
  nested: boolean;
  /** Flat BYTE_ARRAY: its strings arrive as UTF-8 bytes (see STORAGE_PARSERS). */
  utf8: boolean;
  /** Decoded by readFlatColumn, not hyparquet, when its pages allow. */
  flat?: FlatColumn;
}

function topColumns(metadata: FileMetaData): TopColumn[] {
  const [, ...rest] = metadata.schema;
  const out: TopColumn[] = [];
  for (let i = 0; i < rest.length; i++) {
    const el = rest[i]!;
    const nested = Boolean(el.num_children) || el.repetition_type === 'REPEATED';
    const type = el.num_children ? 'text' : columnTypeOf(el);
    const flat = nested ? undefined : flatColumnOf(el, type);
    out.push({
      name: el.name,
      type,
      nested,
      utf8: !nested && el.type === 'BYTE_ARRAY',
      ...(flat ? { flat } : {}),
    });
    i += countDescendants(rest, i);
  }
  return out;
}

/** The top-level columns of a Parquet file and the Arrow types SegLab loads them as. */
export function parquetColumns(metadata: FileMetaData): { name: string; type: ColumnType }[] {
  return topColumns(metadata).map(({ name, type }) => ({ name, type }));
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
 * The row group's plain columns, decoded straight into Arrow's layout from one read of their
 * bytes; a column whose pages readFlatColumn does not handle is left out (hyparquet reads it).
 */
async function readFlatColumns(
  file: AsyncBuffer,
  group: RowGroup,
  columns: TopColumn[],
  rows: number,
): Promise<Map<string, ArrowStorage>> {
  const out = new Map<string, ArrowStorage>();
  const chunks = columns.flatMap((column) => {
    const chunk = group.columns.find(
      (c) =>
        c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column.name,
    );
    const meta = chunk?.meta_data;
    if (!column.flat || !meta || chunk.file_path) return [];
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    return [
      { column, flat: column.flat, meta, start, end: start + Number(meta.total_compressed_size) },
    ];
  });
  if (chunks.length === 0) return out;
  const from = Math.min(...chunks.map((c) => c.start));
  const to = Math.max(...chunks.map((c) => c.end));
  const bytes = new Uint8Array(await file.slice(from, to));
  for (const { column, flat, meta, start, end } of chunks) {
    try {
      const chunkBytes = bytes.subarray(start - from, end - from);
      out.set(column.name, readFlatColumn(chunkBytes, meta, flat, rows, compressors));
    } catch (e) {
      if (!(e instanceof NotFlat)) throw e;
    }
  }
  return out;
}

/** The rows of one row group, in the file's order, as one Arrow record batch of `schema`. */
async function readRowGroup(
  file: AsyncBuffer,
  metadata: FileMetaData,
  group: RowGroup,
  columns: TopColumn[],
  schema: Schema,
  rowStart: number,
): Promise<RecordBatch> {
  const length = Number(group.num_rows);
  const rowEnd = rowStart + length;
  const decoded = await readFlatColumns(file, group, columns, length);
  const others = columns.filter((c) => !c.nested && !decoded.has(c.name));
  const nested = columns.filter((c) => c.nested);
  const chunks = new Map([
    ...(await readChunks(file, metadata, others, rowStart, rowEnd, STORAGE_PARSERS)),
    ...(await readChunks(file, metadata, nested, rowStart, rowEnd)),
  ]);
  const children = columns.map((column) => {
    const storage =
      decoded.get(column.name) ?? storageOf(column, chunks.get(column.name)!, rowStart, length);
    return arrowColumnOf(column.type, storage).data[0]!;
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, children }));
}

/**
 * Reads a Parquet file row group by row group, column by column, and hands the rows on as
 * Arrow IPC streams of `batchRows` rows or about `batchBytes` bytes, whichever comes first
 * (the last one fewer): small row groups are gathered, a large one is split, so a large file never sits in memory all at once and DuckDB inserts
 * few large batches (each insert has a cost of its own; see docs/performance.md).
 * DuckDB-WASM 1.32 has no built-in Parquet reader (it would download the extension), hence
 * this. Runs in the Parquet worker, or on the page where there are no workers.
 */
export async function* parquetToArrowBatches(
  data: Blob | Uint8Array,
  batchRows = BATCH_ROWS,
  batchBytes = BATCH_BYTES,
): AsyncGenerator<ParquetBatch> {
  const file = asyncBufferOf(data);
  const metadata = await parquetMetadataAsync(file);
  const columns = topColumns(metadata);
  const schema = new Schema(columns.map((c) => new Field(c.name, arrowType(c.type), true)));
  const rowsTotal = Number(metadata.num_rows);
  let pending: RecordBatch[] = [];
  let pendingRows = 0;
  let pendingBytes = 0;
  let rowsDone = 0;
  let sent = false;
  const flush = (): ParquetBatch => {
    const ipc = tableToIPC(new Table(schema, pending), 'stream');
    pending = [];
    pendingRows = 0;
    pendingBytes = 0;
    sent = true;
    return { ipc, rowsDone, rowsTotal };
  };
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const batch = await readRowGroup(file, metadata, group, columns, schema, rowStart);
    rowStart += batch.numRows;
    const rowBytes = byteSize(batch) / Math.max(1, batch.numRows);
    const rowsFor = (bytes: number) => Math.max(1, Math.floor(bytes / Math.max(1, rowBytes)));
    for (let from = 0; from < batch.numRows;) {
      const room = Math.min(batchRows - pendingRows, rowsFor(batchBytes - pendingBytes));
      const take = Math.min(batch.numRows - from, room);
      pending.push(take === batch.numRows ? batch : batch.slice(from, from + take));
      pendingRows += take;
      pendingBytes += take * rowBytes;
      rowsDone += take;
      from += take;
      if (take === room) yield flush();
    }
  }
  // The last rows; an empty file still gives one (empty) batch, which makes the table.
  if (pendingRows > 0 || !sent) yield flush();
}
