import { describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import { transcodeToUtf8 } from '../../../src/ingest/transcode';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) =>
  new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
// 客户ID,金额\n in GBK.
const GBK = new Uint8Array([
  0xbf, 0xcd, 0xbb, 0xa7, 0x49, 0x44, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a,
]);

describe('transcodeToUtf8', () => {
  it('returns UTF-8 without a BOM untouched', async () => {
    const input = utf8('id,金额\n1,2\n');
    const out = await transcodeToUtf8(input, 'utf-8');
    expect(out.data).toBe(input);
    expect(out).toMatchObject({ changed: false, replaced: 0 });
  });

  it('strips a UTF-8 BOM without decoding', async () => {
    const out = await transcodeToUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a,b\n')]), 'utf8');
    expect(text(out.data)).toBe('a,b\n');
    expect(out.changed).toBe(true);
  });

  it('converts GB18030 to UTF-8, also when chunks split a character', async () => {
    for (const chunkBytes of [1, 3, 4, 1024]) {
      const out = await transcodeToUtf8(GBK, 'gb18030', { chunkBytes });
      expect(text(out.data)).toBe('客户ID,金额\n');
      expect(out.replaced).toBe(0);
    }
  });

  it('converts UTF-16 LE and drops its BOM', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0xa2, 0x5b, 0x2c, 0x00, 0x31, 0x00]);
    const out = await transcodeToUtf8(bytes, 'utf-16le', { chunkBytes: 3 });
    expect(text(out.data)).toBe('客,1');
  });

  it('streams a File into a File of the same name', async () => {
    const file = new File([GBK], '订单.csv', { type: 'text/csv' });
    const out = await transcodeToUtf8(file, 'gb18030', { chunkBytes: 5 });
    expect(out.data).toBeInstanceOf(File);
    expect(out.data.name).toBe('订单.csv');
    expect(await out.data.text()).toBe('客户ID,金额\n');
    const bom = new File([new Uint8Array([0xef, 0xbb, 0xbf]), 'x,y\n'], 'b.csv');
    const stripped = await transcodeToUtf8(bom, 'utf-8');
    expect(new Uint8Array(await stripped.data.arrayBuffer())).toEqual(utf8('x,y\n'));
  });

  it('counts characters the chosen encoding could not decode', async () => {
    const out = await transcodeToUtf8(new Uint8Array([0x61, 0x81, 0x20, 0x62]), 'gb18030');
    expect(out.replaced).toBe(1);
    expect(text(out.data)).toBe('a\uFFFD b');
  });

  it('refuses an unknown encoding with a bilingual message', async () => {
    const error = await transcodeToUtf8(GBK, 'klingon', { fileName: 'a.csv' }).catch((e) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ code: 'encoding', file: 'a.csv' });
    expect(error.messages.en).toContain('"klingon"');
    expect(error.messages.zh).toContain('klingon');
  });
});
