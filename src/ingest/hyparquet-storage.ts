import {
  parquetRead,
  type AsyncBuffer,
  type ColumnData,
  type FileMetaData,
  type ParquetParsers,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ArrowStorage, ColumnType } from './arrow-column';

/**
 * Columns as hyparquet reads them (JS values, chunk by chunk) laid out as Arrow stores them:
 * for what parquet-flat-column.ts leaves to hyparquet (nested columns, decimals, booleans,
 * INT96, text that is not UTF-8 value by value).
 */
export interface ChunkColumn {
  name: string;
  type: ColumnType;
  /** Flat BYTE_ARRAY: its strings arrive as UTF-8 bytes (see STORAGE_PARSERS). */
  utf8: boolean;
}

/** A text column's value: strings as they are; lists, structs and JSON values as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * Flat columns skip hyparquet's Date objects and string decoding: values arrive as Arrow stores
 * them. Timestamps keep whole milliseconds, as when they went through Date.
 */
export const STORAGE_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms: bigint) => ms * 1000n,
  timestampFromMicroseconds: (us: bigint) => (us / 1000n) * 1000n,
  timestampFromNanoseconds: (ns: bigint) => (ns / 1_000_000n) * 1000n,
  dateFromDays: (days: number) => days,
  stringFromBytes: (bytes: Uint8Array) => bytes,
};

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function isNull(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

function markValid(bitmap: Uint8Array, row: number): void {
  bitmap[row >> 3]! |= 1 << (row & 7);
}

function isBigIntArray(a: unknown): boolean {
  return a instanceof BigInt64Array || a instanceof BigUint64Array;
}

function boolStorage(chunks: ColumnData[], start: number, length: number): ArrowStorage {
  const bitmap = new Uint8Array((length + 7) >> 3);
  const data = new Uint8Array((length + 7) >> 3);
  let valid = 0;
  for (const { columnData: values, rowStart } of chunks) {
    const at = rowStart - start;
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (isNull(v)) continue;
      if (v === true) markValid(data, at + i);
      markValid(bitmap, at + i);
      valid++;
    }
  }
  return { length, data, nullBitmap: bitmap, nullCount: length - valid };
}

/** Numbers into Int32Array/Float64Array, bigints into BigInt64Array; typed chunks copied whole. */
function fixedStorage(
  data: Int32Array | Float64Array | BigInt64Array,
  chunks: ColumnData[],
  start: number,
): ArrowStorage {
  const length = data.length;
  const bitmap = new Uint8Array((length + 7) >> 3);
  const bigints = data instanceof BigInt64Array;
  let valid = 0;
  for (const { columnData: values, rowStart } of chunks) {
    const at = rowStart - start;
    if (ArrayBuffer.isView(values) && isBigIntArray(values) === bigints) {
      // Same kind of typed array (bigint or number): `set` converts as assignment would.
      (data as Float64Array).set(values as Float64Array, at);
      for (let i = 0; i < values.length; i++) markValid(bitmap, at + i);
      valid += values.length;
    } else if (bigints) {
      for (let i = 0; i < values.length; i++) {
        const v: unknown = values[i];
        if (isNull(v)) continue;
        data[at + i] = typeof v === 'bigint' ? v : BigInt(v as number);
        markValid(bitmap, at + i);
        valid++;
      }
    } else {
      for (let i = 0; i < values.length; i++) {
        const v: unknown = values[i];
        if (isNull(v)) continue;
        data[at + i] = typeof v === 'number' ? v : Number(v);
        markValid(bitmap, at + i);
        valid++;
      }
    }
  }
  return { length, data, nullBitmap: bitmap, nullCount: length - valid };
}

function textStorage(
  chunks: ColumnData[],
  start: number,
  length: number,
  utf8: boolean,
): ArrowStorage {
  const bitmap = new Uint8Array((length + 7) >> 3);
  const parts: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(length);
  let valid = 0;
  let raw = false;
  for (const { columnData: values, rowStart } of chunks) {
    const at = rowStart - start;
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (isNull(v)) continue;
      if (utf8 && v instanceof Uint8Array) {
        // TextDecoder, which these bytes skip, drops a leading byte-order mark.
        const bom = v.length >= 3 && v[0] === 0xef && v[1] === 0xbb && v[2] === 0xbf;
        parts[at + i] = bom ? v.subarray(3) : v;
        raw = true;
      } else {
        parts[at + i] = encoder.encode(asText(v));
      }
      markValid(bitmap, at + i);
      valid++;
    }
  }
  let packed = pack(parts, length);
  if (raw && !validUtf8(packed.data, parts)) {
    const decoded = parts.map((p) => p && encoder.encode(lenientUtf8.decode(p)));
    packed = pack(decoded, length);
  }
  return { length, ...packed, nullBitmap: bitmap, nullCount: length - valid };
}

function pack(parts: (Uint8Array | undefined)[], length: number) {
  const valueOffsets = new Int32Array(length + 1);
  for (let r = 0; r < length; r++) valueOffsets[r + 1] = valueOffsets[r]! + (parts[r]?.length ?? 0);
  const data = new Uint8Array(valueOffsets[length]!);
  for (let r = 0; r < length; r++) {
    const part = parts[r];
    if (!part) continue;
    const at = valueOffsets[r]!;
    if (part.length > 16) data.set(part, at);
    else for (let b = 0; b < part.length; b++) data[at + b] = part[b]!;
  }
  return { data, valueOffsets };
}

/**
 * Whether every value is valid UTF-8 on its own, as TextDecoder would have read it: the bytes
 * are valid as a whole, and no value starts inside a character left open by the one before.
 */
function validUtf8(data: Uint8Array, parts: (Uint8Array | undefined)[]): boolean {
  for (const part of parts) if (part?.length && (part[0]! & 0xc0) === 0x80) return false;
  try {
    strictUtf8.decode(data);
    return true;
  } catch {
    return false;
  }
}

export function storageOf(
  column: ChunkColumn,
  chunks: ColumnData[],
  start: number,
  length: number,
) {
  switch (column.type) {
    case 'text':
      return textStorage(chunks, start, length, column.utf8);
    case 'bool':
      return boolStorage(chunks, start, length);
    case 'float64':
      return fixedStorage(new Float64Array(length), chunks, start);
    case 'int64':
    case 'timestamp':
      return fixedStorage(new BigInt64Array(length), chunks, start);
    default:
      return fixedStorage(new Int32Array(length), chunks, start);
  }
}

/** Reads some top-level columns of one row group, as hyparquet's column chunks by name. */
export async function readChunks(
  file: AsyncBuffer,
  metadata: FileMetaData,
  columns: ChunkColumn[],
  rowStart: number,
  rowEnd: number,
  parsers?: Partial<ParquetParsers>,
): Promise<Map<string, ColumnData[]>> {
  const chunks = new Map<string, ColumnData[]>(columns.map((c) => [c.name, []]));
  if (columns.length === 0) return chunks;
  await parquetRead({
    file,
    metadata,
    compressors,
    columns: columns.map((c) => c.name),
    rowStart,
    rowEnd,
    ...(parsers ? { parsers } : {}),
    onChunk: (chunk) => chunks.get(chunk.columnName)?.push(chunk),
  });
  return chunks;
}
