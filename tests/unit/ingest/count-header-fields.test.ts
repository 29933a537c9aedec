import { describe, expect, it } from 'vitest';
import { countHeaderFields } from '../../../src/ingest/count-header-fields';
import { LoadError } from '../../../src/ingest/load-error';
import { prepareFile } from '../../../src/ingest/prepare-file';

const bytes = (text: string) => new TextEncoder().encode(text);
const header = (n: number, sep = ',') => Array.from({ length: n }, (_, i) => `c${i + 1}`).join(sep);
const options = { encoding: 'utf-8', delimiter: ',' as const, quote: '"', skip: 0 };

describe('countHeaderFields', () => {
  it('counts the fields of the first record, quotes and skipped lines considered', async () => {
    expect(await countHeaderFields(bytes('a,b,c\n1,2,3\n'), options)).toBe(3);
    expect(await countHeaderFields(bytes('"a,b",c\r\n1,2\r\n'), options)).toBe(2);
    expect(await countHeaderFields(bytes('"line\nbreak",x,y'), options)).toBe(3);
    const skipped = bytes('title line, with a comma\r\na;b;c;d\r\n');
    expect(await countHeaderFields(skipped, { ...options, delimiter: ';', skip: 1 })).toBe(4);
  });

  it('reads a header far longer than the sniffed head, in slices', async () => {
    // 200,000 columns: "c1,...,c200000" is about 1.3 MB, past the 256 KB head and one slice.
    const text = `${header(200_000)}\n${'1,'.repeat(199_999)}1\n`;
    expect(await countHeaderFields(bytes(text), options)).toBe(200_000);
  });
});

describe('a CSV with too many columns', () => {
  it('says the true count, not the count in the first 256 KB', async () => {
    const text = `${header(200_000)}\n${'1,'.repeat(199_999)}1\n`;
    const error = await prepareFile({ name: 'wide.csv', data: bytes(text) }).catch((e) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).code).toBe('too-many-columns');
    expect((error as LoadError).messages.en).toBe(
      '"wide.csv" has 200000 columns; SegLab reads at most 2000.',
    );
  });
});
