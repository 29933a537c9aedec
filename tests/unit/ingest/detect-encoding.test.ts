import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../src/ingest/detect-encoding';

const utf8 = (s: string) => new TextEncoder().encode(s);
// 客户ID,金额 in GBK: 客 BF CD, 户 BB A7, 金 BD F0, 额 B6 EE.
const GBK_HEADER = new Uint8Array([
  0xbf, 0xcd, 0xbb, 0xa7, 0x49, 0x44, 0x2c, 0xbd, 0xf0, 0xb6, 0xee,
]);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

describe('detectEncoding', () => {
  it('trusts byte-order marks', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toMatchObject({
      encoding: 'utf-8',
      bom: 3,
      confidence: 'high',
    });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({
      encoding: 'utf-16le',
      bom: 2,
    });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toMatchObject({
      encoding: 'utf-16be',
      bom: 2,
    });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    const text = '客户ID,金额\r\nC001,100\r\n';
    expect(detectEncoding(utf16(text, true))).toMatchObject({ encoding: 'utf-16le', bom: 0 });
    expect(detectEncoding(utf16(text, false))).toMatchObject({ encoding: 'utf-16be', bom: 0 });
  });

  it('reads valid UTF-8 as UTF-8, even when the sample cuts a character in half', () => {
    const bytes = utf8('客户ID,金额\n');
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-8', bom: 0, confidence: 'high' });
    expect(detectEncoding(bytes.subarray(0, 2)).encoding).toBe('utf-8');
    expect(detectEncoding(utf8('id,amount\n1,2\n')).reason.en).toMatch(/ASCII/);
  });

  it('recognises GBK from Excel on Chinese Windows', () => {
    expect(new TextDecoder('gb18030').decode(GBK_HEADER)).toBe('客户ID,金额');
    const guess = detectEncoding(GBK_HEADER);
    expect(guess).toMatchObject({ encoding: 'gb18030', bom: 0, confidence: 'high' });
    expect(guess.reason.zh).toMatch(/GBK/);
  });

  it('falls back to Windows-1252 for Western text that also happens to decode as GBK', () => {
    // ü ß ö followed by letters are valid GBK pairs, but outside the common-Hanzi block.
    const latin1 = new Uint8Array([...'Gr'].map((c) => c.charCodeAt(0)).concat([0xfc, 0xdf, 0x65]));
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(latin1)).not.toThrow();
    const guess = detectEncoding(latin1);
    expect(guess).toMatchObject({ encoding: 'windows-1252', confidence: 'low' });
    expect(guess.reason.en).toMatch(/Pick another encoding/);
    expect(detectEncoding(new Uint8Array([0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x31])).encoding).toBe(
      'windows-1252',
    );
  });
});
