import type { ColumnMetaData, Compressors, DataReader, PageHeader, SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import type { ArrowStorage, ColumnType } from './arrow-column';

/**
 * A column chunk this reader leaves to hyparquet: an encoding, type or annotation it does not
 * handle, or text that is not valid UTF-8 value by value.
 */
export class NotFlat extends Error {}

type TimeUnit = 'MILLIS' | 'MICROS' | 'NANOS';

/** How one flat column's values are stored in the file and what SegLab loads them as. */
export interface FlatColumn {
  type: ColumnType;
  physical: 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE' | 'BYTE_ARRAY';
  /** 1 when the column is OPTIONAL (its pages carry definition levels), else 0. */
  maxDefinition: 0 | 1;
  /** Timestamps: the file's unit. */
  unit?: TimeUnit;
}

const SIGNED_INTS = new Set(['INT_8', 'INT_16', 'INT_32', 'INT_64']);

function timeUnitOf(el: SchemaElement): TimeUnit | undefined {
  if (el.converted_type === 'TIMESTAMP_MILLIS') return 'MILLIS';
  if (el.converted_type === 'TIMESTAMP_MICROS') return 'MICROS';
  const logical = el.logical_type;
  return logical?.type === 'TIMESTAMP' ? logical.unit : undefined;
}

/**
 * The plain columns most files hold (integers, dates, timestamps, floats, strings), which this
 * reader decodes straight into Arrow's layout; undefined for anything else (decimals, unsigned
 * integers, INT96, booleans, JSON, nested), which hyparquet reads.
 */
export function flatColumnOf(el: SchemaElement, type: ColumnType): FlatColumn | undefined {
  if (el.num_children || el.repetition_type === 'REPEATED') return undefined;
  const maxDefinition = el.repetition_type === 'REQUIRED' ? 0 : 1;
  const ctype = el.converted_type;
  const ltype = el.logical_type;
  const base = { type, maxDefinition } as const;
  switch (el.type) {
    case 'INT32':
      if (type === 'date' && ctype === 'DATE') return { ...base, physical: 'INT32' };
      if (type !== 'int32') return undefined;
      if (ctype && !SIGNED_INTS.has(ctype)) return undefined;
      if (ltype && !(ltype.type === 'INTEGER' && ltype.isSigned)) return undefined;
      return { ...base, physical: 'INT32' };
    case 'INT64': {
      if (type === 'timestamp') {
        const unit = timeUnitOf(el);
        return unit ? { ...base, physical: 'INT64', unit } : undefined;
      }
      if (type !== 'int64') return undefined;
      if (ctype && !SIGNED_INTS.has(ctype)) return undefined;
      if (ltype && !(ltype.type === 'INTEGER' && ltype.isSigned)) return undefined;
      return { ...base, physical: 'INT64' };
    }
    case 'FLOAT':
    case 'DOUBLE':
      if (ctype || ltype) return undefined;
      return { ...base, physical: el.type };
    case 'BYTE_ARRAY':
      if (ctype && ctype !== 'UTF8' && ctype !== 'ENUM') return undefined;
      if (ltype && ltype.type !== 'STRING' && ltype.type !== 'ENUM') return undefined;
      return { ...base, physical: 'BYTE_ARRAY' };
    default:
      return undefined;
  }
}

const WIDTH = { INT32: 4, INT64: 8, FLOAT: 4, DOUBLE: 8 } as const;

/** Values of one page (or the dictionary): fixed-width numbers, or UTF-8 strings. */
interface Values {
  /** Fixed width: the raw little-endian bytes, `width` each. */
  bytes: Uint8Array;
  /** Strings: where each value starts and ends in `bytes`. */
  starts?: Int32Array;
  ends?: Int32Array;
  count: number;
}

/** Reads `count` PLAIN values from `page` at `pos`. */
function plainValues(col: FlatColumn, page: Uint8Array, pos: number, count: number): Values {
  if (col.physical !== 'BYTE_ARRAY') {
    const width = WIDTH[col.physical];
    const end = pos + count * width;
    if (end > page.length) throw new Error('parquet page shorter than its values');
    return { bytes: page.subarray(pos, end), count };
  }
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(pos, true);
    let start = pos + 4;
    pos = start + length;
    if (pos > page.length) throw new Error('parquet string runs past its page');
    // TextDecoder, which these bytes skip, drops a leading byte-order mark.
    if (length >= 3 && page[start] === 0xef && page[start + 1] === 0xbb && page[start + 2] === 0xbf)
      start += 3;
    starts[i] = start;
    ends[i] = pos;
  }
  return { bytes: page, starts, ends, count };
}

/** Where one column chunk's decoded rows go, in Arrow's layout. */
class Output {
  readonly nullBitmap: Uint8Array;
  valid = 0;
  /** Fixed width: the values' bytes, row by row. */
  readonly fixed?: Uint8Array;
  /** Strings: bytes so far and each row's end offset. */
  text?: Uint8Array;
  textLength = 0;
  readonly offsets?: Int32Array;

  constructor(
    readonly col: FlatColumn,
    readonly length: number,
    textCapacity: number,
  ) {
    this.nullBitmap = new Uint8Array((length + 7) >> 3);
    if (col.physical === 'BYTE_ARRAY') {
      this.offsets = new Int32Array(length + 1);
      this.text = new Uint8Array(Math.max(64, textCapacity));
    } else {
      this.fixed = new Uint8Array(length * WIDTH[col.physical]);
    }
  }

  /** Rows [row, row + defs.length): values in order where the definition level is set. */
  put(row: number, n: number, values: Values, indices: Int32Array | undefined, defs?: Uint8Array) {
    if (row + n > this.length) throw new Error('parquet column chunk has more rows than its group');
    const bitmap = this.nullBitmap;
    let v = 0;
    if (this.fixed) {
      const width = WIDTH[this.col.physical as keyof typeof WIDTH];
      const out = this.fixed;
      const src = values.bytes;
      if (!defs && !indices) {
        out.set(src.subarray(0, n * width), row * width);
      } else {
        for (let i = 0; i < n; i++) {
          if (defs && defs[i] === 0) continue;
          const from = (indices ? indices[v]! : v) * width;
          if (from + width > src.length) throw new Error('parquet dictionary index out of range');
          v++;
          const to = (row + i) * width;
          for (let b = 0; b < width; b++) out[to + b] = src[from + b]!;
        }
      }
    } else {
      const starts = values.starts!;
      const ends = values.ends!;
      const offsets = this.offsets!;
      const src = values.bytes;
      for (let i = 0; i < n; i++) {
        const r = row + i;
        if (defs && defs[i] === 0) {
          offsets[r + 1] = this.textLength;
          continue;
        }
        const k = indices ? indices[v]! : v;
        if (k >= values.count) throw new Error('parquet dictionary index out of range');
        v++;
        const start = starts[k]!;
        const length = ends[k]! - start;
        if (this.textLength + length > this.text!.length) this.grow(length);
        const text = this.text!;
        const at = this.textLength;
        if (length > 16) text.set(src.subarray(start, start + length), at);
        else for (let b = 0; b < length; b++) text[at + b] = src[start + b]!;
        this.textLength = at + length;
        offsets[r + 1] = this.textLength;
      }
    }
    if (!defs) {
      for (let i = 0; i < n; i++) bitmap[(row + i) >> 3]! |= 1 << ((row + i) & 7);
      this.valid += n;
    } else {
      for (let i = 0; i < n; i++) {
        if (defs[i] === 0) continue;
        bitmap[(row + i) >> 3]! |= 1 << ((row + i) & 7);
      }
      this.valid += v;
    }
  }

  private grow(need: number) {
    const next = new Uint8Array(Math.max(this.text!.length * 2, this.textLength + need));
    next.set(this.text!.subarray(0, this.textLength));
    this.text = next;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether every value is valid UTF-8 on its own (as hyparquet's TextDecoder would read it). */
function validUtf8(data: Uint8Array, offsets: Int32Array, length: number): boolean {
  for (let r = 0; r < length; r++) {
    const start = offsets[r]!;
    if (start < offsets[r + 1]! && (data[start]! & 0xc0) === 0x80) return false;
  }
  try {
    strictUtf8.decode(data);
    return true;
  } catch {
    return false;
  }
}

/**
 * Timestamps to what SegLab stores: microseconds, cut to whole milliseconds towards zero (as
 * hyparquet's Date values were). In doubles where the value is a safe integer, else in BigInt.
 */
function toMicros(raw: BigInt64Array, unit: TimeUnit): void {
  const words = new Int32Array(raw.buffer, raw.byteOffset, raw.length * 2);
  const TWO32 = 4294967296;
  for (let i = 0; i < raw.length; i++) {
    const hi = words[2 * i + 1]!;
    const x = hi * TWO32 + (words[2 * i]! >>> 0);
    let r: number;
    if (unit === 'MILLIS') r = x * 1000;
    else if (unit === 'MICROS') r = x - (x % 1000);
    else r = (x - (x % 1_000_000)) / 1000;
    if (Number.isSafeInteger(x) && Number.isSafeInteger(r)) {
      const high = Math.floor(r / TWO32);
      words[2 * i + 1] = high;
      words[2 * i] = r - high * TWO32;
    } else {
      const v = raw[i]!;
      raw[i] =
        unit === 'MILLIS'
          ? v * 1000n
          : unit === 'MICROS'
            ? (v / 1000n) * 1000n
            : (v / 1_000_000n) * 1000n;
    }
  }
}

function storageOf(out: Output): ArrowStorage {
  const { col, length, nullBitmap, valid } = out;
  const base = { length, nullBitmap, nullCount: length - valid };
  if (out.offsets) {
    const data = out.text!.subarray(0, out.textLength);
    if (!validUtf8(data, out.offsets, length)) throw new NotFlat('not UTF-8 value by value');
    return { ...base, data, valueOffsets: out.offsets };
  }
  const buffer = out.fixed!.buffer as ArrayBuffer;
  switch (col.physical) {
    case 'INT32':
      return { ...base, data: new Int32Array(buffer) };
    case 'FLOAT':
      return { ...base, data: Float64Array.from(new Float32Array(buffer)) };
    case 'DOUBLE':
      return { ...base, data: new Float64Array(buffer) };
    default: {
      const data = new BigInt64Array(buffer);
      if (col.unit) toMicros(data, col.unit);
      return { ...base, data };
    }
  }
}

/** Definition levels (bit width 1 for a flat OPTIONAL column), one per value in the page. */
function readDefinitions(reader: DataReader, count: number, byteLength?: number): Uint8Array {
  const defs = new Uint8Array(count);
  readRleBitPackedHybrid(reader, 1, defs, byteLength);
  return defs;
}

/** Dictionary indices: one byte of bit width, then RLE/bit-packed runs to the page's end. */
function readIndices(page: Uint8Array, pos: number, count: number): Int32Array {
  const indices = new Int32Array(count);
  const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: pos };
  const width = page[reader.offset++]!;
  if (width > 32) throw new Error('parquet dictionary index width over 32');
  if (width) readRleBitPackedHybrid(reader, width, indices, page.length - reader.offset);
  return indices;
}

function pageValues(
  col: FlatColumn,
  encoding: string,
  page: Uint8Array,
  pos: number,
  count: number,
  dictionary: Values | undefined,
): { values: Values; indices?: Int32Array } {
  if (encoding === 'PLAIN') return { values: plainValues(col, page, pos, count) };
  if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
    if (!dictionary) throw new Error('parquet dictionary page missing');
    return { values: dictionary, indices: readIndices(page, pos, count) };
  }
  throw new NotFlat(encoding);
}

/**
 * Decodes one column chunk of a row group (its bytes, dictionary page first) into Arrow's
 * layout without making a JS value per row. Throws NotFlat for what it leaves to hyparquet.
 */
export function readFlatColumn(
  bytes: Uint8Array,
  meta: ColumnMetaData,
  col: FlatColumn,
  rows: number,
  compressors: Compressors,
): ArrowStorage {
  const out = new Output(col, rows, Number(meta.total_uncompressed_size));
  const reader: DataReader = {
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    offset: 0,
  };
  let dictionary: Values | undefined;
  let row = 0;
  while (row < rows) {
    if (reader.offset >= bytes.length) throw new Error('parquet column chunk ends early');
    const header: PageHeader = parquetHeader(reader);
    const compressed = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    const size = header.uncompressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const dph = header.dictionary_page_header!;
      const page = decompressPage(compressed, size, meta.codec, compressors);
      dictionary = plainValues(col, page, 0, dph.num_values);
    } else if (header.type === 'DATA_PAGE') {
      const dph = header.data_page_header!;
      const page = decompressPage(compressed, size, meta.codec, compressors);
      const pageReader = {
        view: new DataView(page.buffer, page.byteOffset, page.length),
        offset: 0,
      };
      const n = dph.num_values;
      // The deprecated BIT_PACKED levels are left to hyparquet.
      if (col.maxDefinition && dph.definition_level_encoding !== 'RLE') throw new NotFlat('levels');
      const defs = col.maxDefinition ? readDefinitions(pageReader, n) : undefined;
      const count = defs ? countSet(defs) : n;
      const { values, indices } = pageValues(
        col,
        dph.encoding,
        page,
        pageReader.offset,
        count,
        dictionary,
      );
      out.put(row, n, values, indices, defs && count < n ? defs : undefined);
      row += n;
    } else if (header.type === 'DATA_PAGE_V2') {
      const dph = header.data_page_header_v2!;
      if (dph.repetition_levels_byte_length) throw new NotFlat('repetition levels');
      const n = dph.num_values;
      const defLength = dph.definition_levels_byte_length;
      const levels = {
        view: new DataView(compressed.buffer, compressed.byteOffset, defLength),
        offset: 0,
      };
      const defs =
        col.maxDefinition && defLength ? readDefinitions(levels, n, defLength) : undefined;
      const rest = compressed.subarray(defLength);
      const page =
        dph.is_compressed === false
          ? rest
          : decompressPage(rest, size - defLength, meta.codec, compressors);
      const count = n - dph.num_nulls;
      const { values, indices } = pageValues(col, dph.encoding, page, 0, count, dictionary);
      out.put(row, n, values, indices, defs && count < n ? defs : undefined);
      row += n;
    }
    // Index pages (and unknown ones) carry no rows.
  }
  return storageOf(out);
}

function countSet(defs: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < defs.length; i++) n += defs[i]!;
  return n;
}
