import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipEntryNames } from '../../../src/ingest/zip-entry-names';

describe('zipEntryNames', () => {
  const zip = zipSync({
    'a.txt': strToU8('x'.repeat(1000)),
    '数据/订单.csv': strToU8('id\n1\n'),
    z: {},
  });

  it('lists entries from the central directory, UTF-8 names included', async () => {
    expect(await zipEntryNames(zip)).toEqual(['a.txt', '数据/订单.csv', 'z/']);
    expect(await zipEntryNames(new Blob([zip]))).toEqual(['a.txt', '数据/订单.csv', 'z/']);
  });

  it('falls back to local headers when the archive is cut short', async () => {
    expect(await zipEntryNames(zip.subarray(0, zip.length - 30))).toEqual([
      'a.txt',
      '数据/订单.csv',
      'z/',
    ]);
  });

  it('returns nothing for bytes that are no ZIP', async () => {
    expect(await zipEntryNames(new TextEncoder().encode('PK but not really'))).toEqual([]);
  });
});
