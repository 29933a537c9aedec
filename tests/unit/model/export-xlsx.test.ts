import { describe, expect, it } from 'vitest';
import { read, utils } from '@e965/xlsx';
import { toXlsx } from '../../../src/model/export-xlsx';

const columns = [
  { name: 'customer_id', kind: 'string' as const },
  { name: 'segment', kind: 'string' as const },
  { name: 'monetary', kind: 'number' as const },
  { name: 'is_prospect', kind: 'boolean' as const },
  { name: 'first_order_date', kind: 'date' as const },
  { name: 'seen_at', kind: 'timestamp' as const },
];
const rows = [
  {
    customer_id: 'c1',
    segment: '重要客户',
    monetary: -12.5,
    is_prospect: false,
    first_order_date: new Date('2024-02-29T00:00:00Z'),
    seen_at: new Date('2024-03-01T08:30:00Z'),
  },
  {
    customer_id: '=1+1',
    segment: 'VIP',
    monetary: null,
    is_prospect: true,
    first_order_date: null,
    seen_at: null,
  },
];

describe('XLSX export', () => {
  it('round-trips rows through a workbook', () => {
    const bytes = toXlsx(rows, columns, 'Value tiers: 2024/06');
    expect(bytes).toBeInstanceOf(Uint8Array);
    const book = read(bytes, { type: 'array', cellDates: true, UTC: true });
    expect(book.SheetNames).toEqual(['Value tiers  2024 06']); // : and / are not allowed
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    const back = utils.sheet_to_json(sheet, { header: 1, raw: true, UTC: true, defval: null });
    expect(back).toEqual([
      columns.map((c) => c.name),
      ['c1', '重要客户', -12.5, false, rows[0]!.first_order_date, rows[0]!.seen_at],
      ['=1+1', 'VIP', null, true, null, null],
    ]);
  });

  it('writes text as text, never as a formula, and formats dates', () => {
    const book = read(toXlsx(rows, columns), { type: 'array', cellDates: true, UTC: true });
    const sheet = book.Sheets.Segments!;
    expect(sheet.A3).toMatchObject({ t: 's', v: '=1+1' });
    expect(sheet.A3!.f).toBeUndefined();
    expect(sheet.C2).toMatchObject({ t: 'n', v: -12.5 });
    expect(sheet.E2!.w).toBe('2024-02-29');
  });

  it('needs columns', () => {
    expect(() => toXlsx([], [])).toThrow(/at least one column/);
  });
});
