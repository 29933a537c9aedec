import { byteLength, readBytes, type ByteSource } from './read-bytes';

export interface WhitespaceOptions {
  /** The quote character: spaces inside quotes are kept. */
  quote?: string;
  chunkBytes?: number;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (done: number, total: number) => void;
}

const CHUNK_BYTES = 4 * 1024 * 1024;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Rewrites a UTF-8 text whose values are separated by runs of spaces or tabs (columns aligned
 * for people, as in CDNOW_master.txt) as tab-separated text DuckDB's CSV reader can read:
 * spaces at the start and end of a line go, each run between values becomes one tab. DuckDB
 * itself takes only one character as the delimiter, so " 00001 19970101  1" would be one column.
 * Works on bytes, chunk by chunk (spaces, tabs and line ends are single bytes in UTF-8), so a
 * large file never becomes a JS string; the result is never longer than the input.
 */
export async function whitespaceToTabs(
  input: ByteSource,
  options: WhitespaceOptions = {},
): Promise<File | Uint8Array> {
  const quote = (options.quote ?? '"').charCodeAt(0);
  const size = byteLength(input);
  const step = options.chunkBytes ?? CHUNK_BYTES;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  // Carried from one chunk to the next.
  let lineStart = true;
  let gap = false;
  let quoted = false;
  for (let start = 0; start < size; start += step) {
    const bytes = await readBytes(input, start, start + step);
    // One more: a run of spaces that ended the previous chunk becomes a tab in this one.
    const out = new Uint8Array(bytes.byteLength + 1);
    let n = 0;
    for (let i = 0; i < bytes.byteLength; i++) {
      const b = bytes[i]!;
      if (quoted) {
        if (b === quote) quoted = false;
        out[n++] = b;
      } else if (b === SPACE || b === TAB) {
        if (!lineStart) gap = true;
      } else if (b === LF || b === CR) {
        gap = false;
        lineStart = true;
        out[n++] = b;
      } else {
        if (gap) out[n++] = TAB;
        gap = false;
        lineStart = false;
        if (b === quote) quoted = true;
        out[n++] = b;
      }
    }
    chunks.push(out.subarray(0, n));
    options.onProgress?.(Math.min(size, start + step), size);
  }
  if (input instanceof Uint8Array) return concat(chunks);
  const name = input instanceof File ? input.name : 'file.txt';
  return new File(chunks, name, { type: 'text/tab-separated-values' });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
