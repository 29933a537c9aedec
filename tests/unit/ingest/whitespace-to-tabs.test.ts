import { describe, expect, it } from 'vitest';
import { whitespaceToTabs } from '../../../src/ingest/whitespace-to-tabs';

const text = async (input: string, chunkBytes?: number) => {
  const out = await whitespaceToTabs(
    new TextEncoder().encode(input),
    chunkBytes ? { chunkBytes } : {},
  );
  return new TextDecoder().decode(out as Uint8Array);
};

describe('whitespaceToTabs', () => {
  it('drops spaces at line ends and turns each run between values into one tab', async () => {
    expect(await text(' 00001 19970101  1  11.77\r\n 00002\t 19970112 1 12.00  \r\n')).toBe(
      '00001\t19970101\t1\t11.77\r\n00002\t19970112\t1\t12.00\r\n',
    );
  });

  it('gives the same bytes whatever the chunk size, runs and CRLF split across chunks', async () => {
    const input = '  id   name  \r\n  1   "Ann  Lee"  \r\n\n   2\t\t"B ""x"" "   \r\n';
    const whole = await text(input);
    expect(whole).toBe('id\tname\r\n1\t"Ann  Lee"\r\n\n2\t"B ""x"" "\r\n');
    for (const size of [1, 2, 3, 5, 7]) expect(await text(input, size)).toBe(whole);
  });

  it('keeps multi-byte characters intact', async () => {
    expect(await text('  客户  金额\n  张三  ¥12\n', 2)).toBe('客户\t金额\n张三\t¥12\n');
  });

  it('returns a File for a File', async () => {
    const file = new File([' a  b\n 1  2\n'], 'x.txt');
    const out = await whitespaceToTabs(file);
    expect(out).toBeInstanceOf(File);
    expect(await (out as File).text()).toBe('a\tb\n1\t2\n');
  });
});
