import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileDigest } from '../../../../src/state/persist/file-digest';

/** The same construction with Node's own hash: SHA-256 per 8 MiB chunk, then of those + size. */
function expected(bytes: Uint8Array): string {
  const chunk = 8 * 1024 * 1024;
  const parts: Buffer[] = [];
  let start = 0;
  do {
    parts.push(
      createHash('sha256')
        .update(bytes.subarray(start, start + chunk))
        .digest(),
    );
    start += chunk;
  } while (start < bytes.length);
  const size = Buffer.alloc(8);
  size.writeDoubleBE(bytes.length);
  return createHash('sha256')
    .update(Buffer.concat([...parts, size]))
    .digest('hex');
}

describe('fileDigest', () => {
  it('equal bytes give equal digests, as a File or as bytes; other bytes another', async () => {
    const bytes = new TextEncoder().encode('id,amount\n1,2\n');
    const a = await fileDigest(new File([bytes], 'a.csv'));
    expect(await fileDigest(bytes)).toBe(a);
    expect(a).toBe(expected(bytes));
    expect(await fileDigest(new TextEncoder().encode('id,amount\n1,3\n'))).not.toBe(a);
    expect(await fileDigest(new Uint8Array(0))).toBe(expected(new Uint8Array(0)));
  });

  it('hashes a file larger than one chunk piece by piece', async () => {
    const bytes = new Uint8Array(8 * 1024 * 1024 + 5).map((_, i) => i % 251);
    expect(await fileDigest(new File([bytes], 'big.bin'))).toBe(expected(bytes));
  });
});
