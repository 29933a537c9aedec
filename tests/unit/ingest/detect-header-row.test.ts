import { describe, expect, it } from 'vitest';
import { detectHeaderRow, type SheetCell } from '../../../src/ingest/detect-header-row';

const d = new Date(Date.UTC(2024, 0, 5));

describe('detectHeaderRow', () => {
  it('takes the first row when it is the header', () => {
    expect(
      detectHeaderRow([
        ['id', 'amount'],
        ['C1', 5],
      ]),
    ).toBe(0);
  });

  it('skips a title (merged across, so one distinct value), a note and a blank row', () => {
    const title = '2024 销售报表';
    const rows: SheetCell[][] = [
      [title, title, title, title],
      ['导出时间：2024-04-01', null, null, null],
      [],
      ['客户ID', '订单日期', '金额', '备注'],
      ['C1', d, 5, null],
    ];
    expect(detectHeaderRow(rows)).toBe(3);
  });

  it('does not take a row of numbers or dates as the header', () => {
    const rows: SheetCell[][] = [
      ['Report', null, null],
      [1, d, 3],
      ['id', 'date', 'amount'],
      ['C1', d, 3],
    ];
    expect(detectHeaderRow(rows)).toBe(2);
  });

  it('does not take a row followed by a blank row (a block of notes)', () => {
    const rows: SheetCell[][] = [
      ['Company: ACME', 'Period: Q1', 'Currency: CNY', null, null, null],
      [],
      ['id', 'date', 'amount', 'channel', 'city', 'note'],
      ['C1', d, 3, 'web', 'Shanghai', null],
    ];
    expect(detectHeaderRow(rows)).toBe(2);
  });

  it('accepts a sheet that is only a header, and narrow sheets', () => {
    expect(detectHeaderRow([[], ['id', 'name', 'amount']])).toBe(1);
    expect(detectHeaderRow([['id'], ['C1'], ['C2']])).toBe(0);
    // One column: a title cannot be told by width, but it stands apart from the header.
    expect(detectHeaderRow([['Title only'], [], ['id'], ['C1']])).toBe(2);
  });

  it('falls back to the first non-blank row when nothing looks like a header', () => {
    expect(detectHeaderRow([[], [1, 2, 3], [4, 5, 6]])).toBe(1);
    expect(detectHeaderRow([])).toBe(0);
  });
});
