import { describe, expect, it } from 'vitest';
import { read, utils } from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { toXlsx, toXlsxBook } from '../../../src/io/export-xlsx';

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

describe('XLSX header', () => {
  const files = unzipSync(toXlsx(rows, columns));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const styles = strFromU8(files['xl/styles.xml']!);

  it('is frozen and has a filter over the whole table', () => {
    expect(sheet).toMatch(
      /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/,
    );
    expect(sheet).toContain('<autoFilter ref="A1:F3"/>');
  });

  it('is bold white on blue, and only the header is', () => {
    const header = /<row r="1"[^>]*>(.*?)<\/row>/.exec(sheet)![1]!;
    const s = [...header.matchAll(/<c r="[A-Z]+1" s="(\d+)"/g)].map((m) => Number(m[1]));
    expect(s).toHaveLength(columns.length);
    expect(new Set(s).size).toBe(1);
    const xfs = [
      .../<cellXfs count="\d+">(.*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf [^>]*\/>/g),
    ];
    const xf = xfs[s[0]!]![0];
    const font = Number(/fontId="(\d+)"/.exec(xf)![1]);
    const fill = Number(/fillId="(\d+)"/.exec(xf)![1]);
    const fonts = [
      .../<fonts count="\d+">(.*?)<\/fonts>/.exec(styles)![1]!.matchAll(/<font>(.*?)<\/font>/g),
    ];
    const fills = [
      .../<fills count="\d+">(.*?)<\/fills>/.exec(styles)![1]!.matchAll(/<fill>(.*?)<\/fill>/g),
    ];
    expect(fonts[font]![1]).toContain('<b/>');
    expect(fonts[font]![1]).toContain('FFFFFFFF');
    expect(fills[fill]![1]).toContain('patternType="solid"');
    // The counts stay true, or Excel reports the file as damaged.
    expect(styles).toContain(`<fonts count="${fonts.length}">`);
    expect(styles).toContain(`<fills count="${fills.length}">`);
    expect(styles).toContain(`<cellXfs count="${xfs.length}">`);
    const body = sheet.slice(sheet.indexOf('<row r="2"'));
    expect(body).not.toContain(` s="${s[0]}"`);
  });

  it('sizes columns to their contents, Chinese counted double', () => {
    const widths = [...sheet.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[2]),
    );
    expect(widths).toHaveLength(columns.length);
    // customer_id (11 + filter button) is wider than the 8-character minimum; seen_at holds a
    // timestamp of 19 characters.
    expect(widths[0]).toBeGreaterThan(13);
    expect(widths[5]).toBeGreaterThan(19);
    const zh = unzipSync(toXlsx([{ segment: '重要价值客户重要价值客户' }], [{ name: 'segment' }]));
    const w = Number(
      /<col [^>]*width="([\d.]+)"/.exec(strFromU8(zh['xl/worksheets/sheet1.xml']!))![1],
    );
    expect(w).toBeGreaterThan(24);
  });
});

describe('XLSX workbook of several sheets', () => {
  const profile = [{ segment: 'VIP', feature: 'frequency', lift: 3.1 }];
  const profileColumns = [
    { name: 'segment', kind: 'string' as const },
    { name: 'feature', kind: 'string' as const },
    { name: 'lift', kind: 'number' as const },
  ];
  const bytes = toXlsxBook([
    { rows, columns, name: 'Segments' },
    { rows: profile, columns: profileColumns, name: 'Profiles' },
  ]);

  it('keeps each sheet, in order, with its own rows', () => {
    const book = read(bytes, { type: 'array', cellDates: true, UTC: true });
    expect(book.SheetNames).toEqual(['Segments', 'Profiles']);
    const back = utils.sheet_to_json(book.Sheets.Profiles!, { header: 1, raw: true });
    expect(back).toEqual([
      ['segment', 'feature', 'lift'],
      ['VIP', 'frequency', 3.1],
    ]);
  });

  it('styles and freezes the header of every sheet', () => {
    const files = unzipSync(bytes);
    for (const n of [1, 2]) {
      const sheet = strFromU8(files[`xl/worksheets/sheet${n}.xml`]!);
      expect(sheet).toContain('state="frozen"');
      const header = /<row r="1"[^>]*>(.*?)<\/row>/.exec(sheet)![1]!;
      expect([...header.matchAll(/<c r="[A-Z]+1" s="\d+"/g)]).toHaveLength(
        n === 1 ? columns.length : profileColumns.length,
      );
    }
  });

  it('gives sheets of the same name different names', () => {
    const book = read(
      toXlsxBook([
        { rows: profile, columns: profileColumns, name: 'Same' },
        { rows: profile, columns: profileColumns, name: 'Same' },
      ]),
      { type: 'array' },
    );
    expect(book.SheetNames).toEqual(['Same', 'Same 2']);
  });
});
