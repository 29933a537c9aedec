import { utils, write } from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/ingest/detect-format';
import { LoadError } from '../../../src/ingest/load-error';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);

function book(bookType: 'xlsx' | 'biff8' | 'ods'): Uint8Array<ArrayBuffer> {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet([['id'], [1]]), 'S');
  return new Uint8Array(write(wb, { type: 'array', bookType }));
}

async function refusal(data: Uint8Array, name: string): Promise<LoadError> {
  const error = await detectFormat(data, name).catch((e: unknown) => e);
  if (!(error instanceof LoadError)) throw new Error(`expected a LoadError for ${name}`);
  return error;
}

describe('detectFormat', () => {
  it('recognises data files by content, not by name', async () => {
    expect(await detectFormat(utf8('PAR1\0\0\0'), 'x.csv')).toEqual({ format: 'parquet' });
    expect(await detectFormat(book('xlsx'), 'export.csv')).toEqual({ format: 'xlsx' });
    expect(await detectFormat(book('biff8'), 'export.xlsx')).toEqual({ format: 'xls' });
    expect(await detectFormat(book('ods'), 'export.xlsx')).toEqual({ format: 'ods' });
    expect(await detectFormat(utf8('a,b\n1,2\n'), 'data.xlsx')).toEqual({ format: 'csv' });
  });

  it('tells text formats apart', async () => {
    expect(await detectFormat(utf8('id,amount\n1,2\n'), 'a.txt')).toEqual({ format: 'csv' });
    expect(await detectFormat(utf8('id\tamount\n1\t2\n'), 'a.TSV')).toEqual({ format: 'tsv' });
    expect(await detectFormat(utf8(' [{"a":1}]'), 'a.txt')).toEqual({ format: 'json' });
    expect(await detectFormat(utf8('{"a":1}\n{"a":2}\n'), 'a.json')).toEqual({ format: 'ndjson' });
    expect(await detectFormat(utf8('{"a":\n1}'), 'a.json')).toEqual({ format: 'json' });
    expect(await detectFormat(utf8('{"a":1}'), 'a.jsonl')).toEqual({ format: 'ndjson' });
    const xml2003 =
      '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">';
    expect(await detectFormat(utf8(xml2003), 'a.xml')).toEqual({ format: 'xls' });
  });

  it('reads UTF-16 text as text although half its bytes are zero', async () => {
    const text = 'a,b\r\n1,2\r\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    expect(await detectFormat(le, 'u.csv')).toEqual({ format: 'csv' });
    expect(await detectFormat(le.subarray(2), 'u.csv')).toEqual({ format: 'csv' });
  });

  it('takes a File (Blob) as well as bytes', async () => {
    const file = new File([book('xlsx')], 'a.xlsx');
    expect(await detectFormat(file, file.name)).toEqual({ format: 'xlsx' });
    expect(await detectFormat(new Blob(['a;b\n']), 'b.csv')).toEqual({ format: 'csv' });
  });

  it('finds a workbook from its first entries when the end of the ZIP is missing', async () => {
    const full = book('xlsx');
    expect(await detectFormat(full.subarray(0, full.length - 200), 'cut.xlsx')).toEqual({
      format: 'xlsx',
    });
  });

  it('refuses empty files, also ones holding only a BOM and blank lines', async () => {
    for (const data of [new Uint8Array(0), utf8(' \r\n\n'), bytes(0xef, 0xbb, 0xbf)]) {
      const e = await refusal(data, 'e.csv');
      expect(e.code).toBe('empty');
      expect(e.messages.en).toBe('"e.csv" is empty (no data at all).');
      expect(e.messages.zh).toBe('“e.csv”是空文件（没有任何数据）。');
      expect(e.hint.en).toMatch(/export/);
    }
  });

  it('refuses web pages, except an HTML table saved as .xls', async () => {
    const page = utf8('\n<!DOCTYPE html><html><body>Login</body></html>');
    const e = await refusal(page, 'orders.csv');
    expect(e).toMatchObject({ code: 'html', file: 'orders.csv' });
    expect(e.messages.en).toContain('"orders.csv" is a web page');
    expect(e.hint.zh).toContain('重新下载');
    expect((await refusal(utf8('<HTML><table></table></HTML>'), 'a.csv')).code).toBe('html');
    const table = utf8('<html><body><table><tr><td>id</td></tr></table></body></html>');
    expect(await detectFormat(table, 'export.xls')).toEqual({ format: 'xls' });
  });

  it('refuses PDFs, images, archives, RTF and other XML by their first bytes', async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [utf8('%PDF-1.7\n...'), 'pdf', /PDF/],
      [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), 'image', /PNG/],
      [bytes(0xff, 0xd8, 0xff, 0xe0), 'image', /JPEG/],
      [utf8('GIF89a....'), 'image', /GIF/],
      [bytes(0x1f, 0x8b, 0x08, 0x00), 'archive', /gzip/],
      [utf8('{\\rtf1\\ansi'), 'unsupported', /RTF/],
      [utf8('<?xml version="1.0"?><orders/>'), 'unsupported', /XML/],
    ];
    for (const [data, code, what] of cases) {
      const e = await refusal(data, 'f.csv');
      expect(e.code).toBe(code);
      expect(e.messages.en).toMatch(what);
      expect(e.messages.zh).toContain('f.csv');
    }
  });

  it('refuses a ZIP that is not a workbook and names what is inside', async () => {
    const zip = zipSync({ 'readme.txt': strToU8('hi'), 'data/orders.csv': strToU8('a\n1\n') });
    const e = await refusal(zip, 'orders.xlsx');
    expect(e.code).toBe('zip-not-workbook');
    expect(e.messages.en).toBe(
      '"orders.xlsx" is a ZIP archive of 2 file(s), not an Excel workbook.',
    );
    expect(e.hint.en).toContain('data/orders.csv');
    const docx = zipSync({
      '[Content_Types].xml': strToU8('<x/>'),
      'word/document.xml': strToU8('<w/>'),
    });
    expect((await refusal(docx, 'report.xlsx')).messages.en).toContain('a Word document');
  });

  it('refuses binary junk: NUL bytes, or many control characters', async () => {
    expect((await refusal(utf8('id,amount\n1,\u0000\u0000'), 'j.csv')).code).toBe('binary');
    const controls = utf8('a,b\n' + '\u0001\u0002\u0003x'.repeat(20));
    expect((await refusal(controls, 'j.csv')).code).toBe('binary');
    const fine = utf8('a,b\n' + 'x'.repeat(200) + '\u0001');
    expect(await detectFormat(fine, 'ok.csv')).toEqual({ format: 'csv' });
  });
});
