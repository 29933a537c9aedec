import { LoadError } from './load-error';
import { byteLength, readBytes } from './read-bytes';

export interface Transcoded<T> {
  data: T;
  /** False when the input was returned as it was (UTF-8 without a byte-order mark). */
  changed: boolean;
  /** Characters that could not be decoded and became U+FFFD: a sign of the wrong encoding. */
  replaced: number;
}

export interface TranscodeOptions {
  /** Used in error messages when the input is bare bytes. */
  fileName?: string;
  chunkBytes?: number;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (done: number, total: number) => void;
}

const CHUNK_BYTES = 4 * 1024 * 1024;
const UTF8_BOM = 3;

/**
 * Re-encodes a text file as UTF-8 without a byte-order mark, chunk by chunk so a large file never
 * becomes one JS string. `encoding` is any TextDecoder label: the detected one or the user's pick.
 */
export async function transcodeToUtf8(
  input: Uint8Array,
  encoding: string,
  options?: TranscodeOptions,
): Promise<Transcoded<Uint8Array>>;
export async function transcodeToUtf8(
  input: File,
  encoding: string,
  options?: TranscodeOptions,
): Promise<Transcoded<File>>;
export async function transcodeToUtf8(
  input: File | Uint8Array,
  encoding: string,
  options: TranscodeOptions = {},
): Promise<Transcoded<File | Uint8Array>> {
  const fileName = input instanceof Uint8Array ? (options.fileName ?? 'file') : input.name;
  const decoder = decoderFor(encoding, fileName);
  if (decoder.encoding === 'utf-8') {
    const head = await readBytes(input, 0, UTF8_BOM);
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    if (!bom) return { data: input, changed: false, replaced: 0 };
    const data =
      input instanceof Uint8Array
        ? input.subarray(UTF8_BOM)
        : new File([input.slice(UTF8_BOM)], input.name, { type: input.type });
    return { data, changed: true, replaced: 0 };
  }

  const encoder = new TextEncoder();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const size = byteLength(input);
  const step = options.chunkBytes ?? CHUNK_BYTES;
  let replaced = 0;
  const push = (text: string) => {
    replaced += countReplacements(text);
    chunks.push(encoder.encode(text));
  };
  for (let start = 0; start < size; start += step) {
    push(decoder.decode(await readBytes(input, start, start + step), { stream: true }));
    options.onProgress?.(Math.min(size, start + step), size);
  }
  push(decoder.decode());

  const data =
    input instanceof Uint8Array
      ? concat(chunks)
      : new File(chunks, input.name, { type: input.type || 'text/csv' });
  return { data, changed: true, replaced };
}

function decoderFor(encoding: string, fileName: string): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch (cause) {
    throw new LoadError({
      code: 'encoding',
      file: fileName,
      messages: {
        en: `"${fileName}": the encoding "${encoding}" is not known to this browser.`,
        zh: `“${fileName}”：浏览器不支持编码“${encoding}”。`,
      },
      hint: {
        en: 'Pick another encoding, e.g. UTF-8, GB18030 or UTF-16.',
        zh: '请换一种编码，例如 UTF-8、GB18030 或 UTF-16。',
      },
      cause,
    });
  }
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
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
