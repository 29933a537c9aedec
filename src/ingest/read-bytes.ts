/** A file as the browser hands it over (File is a Blob), or bytes already in memory. */
export type ByteSource = Blob | Uint8Array;

/** How much of a file the sniffers look at: enough for a 10,000-column header line. */
export const HEAD_BYTES = 256 * 1024;

export function byteLength(input: ByteSource): number {
  return input instanceof Uint8Array ? input.byteLength : input.size;
}

/** Bytes `start..end` of the file, without reading the rest of it. */
export async function readBytes(
  input: ByteSource,
  start: number,
  end: number,
): Promise<Uint8Array> {
  if (input instanceof Uint8Array) return input.subarray(start, end);
  return new Uint8Array(await input.slice(start, end).arrayBuffer());
}
