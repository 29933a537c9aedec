import { readFileSync } from 'node:fs';
import path from 'node:path';
import { utils, write, type Range } from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import { openWorkbook, readSheet } from '../../../src/ingest/read-excel';

const FIXTURES = path.join(__dirname, '../../fixtures/bad');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const utc = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min));
const range = (r1: number, c1: number, r2: number, c2: number): Range => ({
  s: { r: r1, c: c1 },
  e: { r: r2, c: c2 },
});

function makeBook(aoa: unknown[][], merges: Range[], bookType: 'xlsx' | 'biff8' = 'xlsx') {
  const wb = utils.book_new();
  const ws = utils.aoa_to_sheet(aoa, { cellDates: true, UTC: true });
  ws['!merges'] = merges;
  utils.book_append_sheet(wb, ws, 'Data');
  return new Uint8Array(write(wb, { type: 'array', bookType, cellDates: true }));
}

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('openWorkbook + readSheet', () => {
  it('lists sheets with their size', () => {
    const book = openWorkbook(fixture('merged-header.xlsx'), 'merged-header.xlsx');
    expect(book.sheets).toEqual([
      { name: '订单', rows: 8, cols: 7 },
      { name: '说明', rows: 1, cols: 1 },
    ]);
  });

  it('skips the title, spreads a merged header, names blanks and repeats', () => {
    const book = openWorkbook(fixture('merged-header.xlsx'), 'merged-header.xlsx');
    const table = readSheet(book);
    expect(table.headerRow).toBe(4);
    expect(table.columns).toEqual([
      '客户ID',
      '订单日期',
      '销售额_1',
      '销售额_2',
      'column_5',
      '备注',
      '客户ID_2',
    ]);
    expect(table.rows).toEqual([
      ['C001', utc(2024, 1, 5), 100.5, 20, null, 'VIP', 'x1'],
      ['C002', utc(2024, 1, 6, 10, 30), null, 30, null, null, 'x2'],
      ['C003', utc(2024, 2, 29), 0, -5.25, 'extra', '新客', 'x3'],
    ]);
    expect(table.renamed.map((r) => r.to)).toEqual(['column_5', '客户ID_2']);
    expect(table.warnings.map((w) => w.en)).toEqual([
      expect.stringContaining('2 column name(s) were blank, repeated or too long'),
      '"merged-header.xlsx", sheet "订单": the header is on row 4; the 3 row(s) above it ("2024年一季度销售报表") were skipped.',
    ]);
    expect(table.warnings[1]!.zh).toBe(
      '“merged-header.xlsx”的工作表“订单”：表头在第 4 行，已跳过其上方的 3 行 ("2024年一季度销售报表")。',
    );
  });

  it('joins a two-level header (XLS): 销售额 over 线上 | 线下', () => {
    const table = readSheet(openWorkbook(fixture('two-level-header.xls'), 'two-level-header.xls'));
    expect(table.headerRow).toBe(2);
    expect(table.columns).toEqual(['客户ID', '订单日期', '销售额_线上', '销售额_线下']);
    expect(table.rows).toEqual([
      ['C001', utc(2024, 3, 1), 10, 5],
      ['C002', utc(2024, 3, 2), 0, 7.5],
    ]);
  });

  it('keeps dates on their UTC day in a time zone east of UTC', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-480);
    const data = makeBook([['d'], [utc(2024, 1, 5)], [utc(2024, 1, 6, 23, 30)]], []);
    const table = readSheet(openWorkbook(data, 'tz.xlsx'));
    expect(table.rows).toEqual([[utc(2024, 1, 5)], [utc(2024, 1, 6, 23, 30)]]);
  });

  it('reads a sheet without a title as is, and rows wider than the header', () => {
    const data = makeBook([['id', 'amount'], ['a', 1, 'stray'], [], ['b', true]], [], 'biff8');
    const table = readSheet(openWorkbook(data, 'plain.xls'));
    expect(table).toMatchObject({ headerRow: 1, columns: ['id', 'amount', 'column_3'] });
    expect(table.rows).toEqual([
      ['a', 1, 'stray'],
      ['b', true, null],
    ]);
  });

  it('spreads a merged header over its columns when no second header row names them', () => {
    const data = makeBook(
      [
        ['Sales', null, 'Region'],
        [10, 20, 'North'],
      ],
      [range(0, 0, 0, 1)],
    );
    expect(readSheet(openWorkbook(data, 'm.xlsx')).columns).toEqual([
      'Sales_1',
      'Sales_2',
      'Region',
    ]);
  });

  it('reads an HTML table saved as .xls', () => {
    const table = readSheet(openWorkbook(fixture('html-table.xls'), 'html-table.xls'));
    expect(table.columns).toEqual(['客户ID', '金额']);
    expect(table.rows).toEqual([
      ['C001', 12.5],
      ['C002', 30],
    ]);
  });

  it('names the sheets there are when asked for a missing one', () => {
    const book = openWorkbook(fixture('merged-header.xlsx'), 'm.xlsx');
    const error = (() => {
      try {
        readSheet(book, 'Sheet9');
      } catch (e) {
        return e;
      }
    })() as LoadError;
    expect(error).toMatchObject({ code: 'sheet-not-found', file: 'm.xlsx' });
    expect(error.messages.en).toBe('"m.xlsx" has no sheet named "Sheet9".');
    expect(error.hint.en).toBe('Choose one of: 订单, 说明.');
  });

  it('turns a broken workbook into a LoadError', () => {
    const broken = fixture('merged-header.xlsx').slice(0, 2000);
    const error = (() => {
      try {
        openWorkbook(broken, 'broken.xlsx');
      } catch (e) {
        return e;
      }
    })() as LoadError;
    expect(error).toBeInstanceOf(LoadError);
    expect(error.code).toBe('excel-unreadable');
    expect(error.messages.en).toMatch(
      /^"broken.xlsx" could not be read as an Excel workbook \(.+\)\.$/,
    );
    expect(error.hint.zh).toContain('重新另存为 .xlsx');
  });
});
