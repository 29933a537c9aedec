/**
 * A copy of a ZIP whose central directory declares `size` uncompressed bytes (and, when given,
 * compression `method`) for the entry `name`; the data stays as it is. Archive bombs declare
 * what they unpack to: this makes one without writing gigabytes.
 */
export function declareZipEntry(
  bytes: Uint8Array,
  name: string,
  size: number,
  method?: number,
): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    const found = out.subarray(at + 46, at + 46 + length);
    if (length === wanted.length && found.every((b, i) => b === wanted[i])) {
      view.setUint32(at + 24, size, true);
      if (method !== undefined) view.setUint16(at + 10, method, true);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}
