/** Bytes hashed per call to SubtleCrypto, so a large file is never read into memory whole. */
const CHUNK = 8 * 1024 * 1024;

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A fingerprint of a file's bytes: SHA-256 of each 8 MiB chunk, then SHA-256 of those digests
 * with the size (SubtleCrypto has no incremental hashing). Equal bytes give equal digests.
 */
export async function fileDigest(data: Blob | Uint8Array): Promise<string> {
  const size = data instanceof Uint8Array ? data.byteLength : data.size;
  const parts: Uint8Array[] = [];
  let start = 0;
  do {
    const end = Math.min(start + CHUNK, size);
    const bytes =
      data instanceof Uint8Array
        ? data.slice(start, end)
        : new Uint8Array(await data.slice(start, end).arrayBuffer());
    parts.push(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    start = end;
  } while (start < size);
  const all = new Uint8Array(parts.length * 32 + 8);
  parts.forEach((p, i) => all.set(p, i * 32));
  new DataView(all.buffer).setFloat64(parts.length * 32, size);
  return hex(await crypto.subtle.digest('SHA-256', all));
}
