import type { ReadDelimiter } from '../model/read-choices';
import { byteLength, readBytes, type ByteSource } from './read-bytes';

const CHUNK = 256 * 1024;
/** A header longer than this is not read to its end; the count is then a lower bound. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface HeaderFieldsOptions {
  encoding: string;
  delimiter: ReadDelimiter;
  quote: string;
  /** Lines to pass over before the header. */
  skip: number;
}

/**
 * The number of fields in a CSV's first record (after `skip` lines), read in slices up to its
 * first line break outside quotes: the sniffers see only the file's first 256 KB, which cuts a
 * header of 200,000 columns short. A File's slices are read as separate tasks: the page stays
 * responsive.
 */
export async function countHeaderFields(
  data: ByteSource,
  { encoding, delimiter, quote, skip }: HeaderFieldsOptions,
): Promise<number> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    decoder = new TextDecoder();
  }
  const size = Math.min(byteLength(data), MAX_BYTES);
  let skipped = 0;
  let fields = 1;
  let quoted = false;
  let inGap = false;
  let previous = '';
  for (let start = 0; start < size; start += CHUNK) {
    const end = Math.min(size, start + CHUNK);
    const text = decoder.decode(await readBytes(data, start, end), { stream: end < size });
    for (const c of text) {
      const after = previous;
      previous = c;
      if (c === quote) quoted = !quoted;
      if (quoted) continue;
      if (c === '\n' || c === '\r') {
        if (c === '\n' && after === '\r') continue;
        if (skipped < skip) {
          skipped++;
          fields = 1;
          continue;
        }
        return fields;
      }
      if (skipped < skip) continue;
      if (delimiter === 'whitespace') {
        const gap = c === ' ' || c === '\t';
        if (gap && !inGap && fields > 0) fields++;
        inGap = gap;
      } else if (c === delimiter) fields++;
    }
  }
  return fields;
}
