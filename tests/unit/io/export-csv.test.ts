import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/io/export-csv';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const columns = [
  { name: 'id', kind: 'string' as const },
  { name: 'amount', kind: 'number' as const },
  { name: 'note', kind: 'string' as const },
];

describe('CSV export', () => {
  it('starts with a UTF-8 byte order mark and keeps Chinese text', () => {
    const csv = toCsv([{ id: '客户1', amount: 12.5, note: '重要客户' }], columns);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe('\uFEFFid,amount,note\r\n客户1,12.5,重要客户\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const csv = toCsv([{ id: 'a,b', amount: null, note: 'say "hi"\nbye' }], columns);
    expect(csv).toBe('\uFEFFid,amount,note\r\n"a,b",,"say ""hi""\nbye"\r\n');
  });

  it('neutralises formula-like text but leaves numbers alone', () => {
    const rows = [
      { id: '=HYPERLINK("http://x","y")', amount: -5, note: '+1' },
      { id: '-2', amount: -0.25, note: '@SUM(A1)' },
      { id: '\tcmd', amount: 0, note: '\r=1' },
      { id: 'safe-text', amount: '-9007199254740993', note: "it's fine" },
    ];
    const csv = toCsv(rows, columns);
    expect(csv.split('\r\n').slice(1, 5)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")",-5,'+1`,
      `'-2,-0.25,'@SUM(A1)`,
      `'\tcmd,0,"'\r=1"`,
      `safe-text,-9007199254740993,it's fine`,
    ]);
  });

  it('neutralises formulas behind whitespace, line breaks, invisible characters and full-width signs', () => {
    const hidden = [
      ' =1+1',
      '\n=1+1',
      '\r\n@SUM(A1)',
      '\u00A0=1+1',
      '\u200B=1+1',
      '\u200D+1',
      '\uFEFF-1+1',
      '\u2060=1',
      ' \u00A0\u200B =1',
      '\uFF1D1+1',
      '\uFF0B1',
      '\uFF0D1',
      '\uFF20SUM(A1)',
      '\u3000\uFF1D1',
    ];
    const cols = [{ name: 'v' }];
    for (const v of hidden) {
      const line = toCsv([{ v }], cols).split('\r\n').slice(1, -1).join('\r\n');
      expect(line.replace(/^"/, ''), JSON.stringify(v)).toMatch(/^'/);
    }
    // Text that only looks alike, and numbers, negative ones included, stay as they are.
    const plain = [
      { v: 'a=b', n: -3 },
      { v: ' x', n: '-12' },
      { v: '\u00A0plain', n: 4.5 },
    ];
    const csv = toCsv(plain, [{ name: 'v' }, { name: 'n', kind: 'number' }]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['a=b,-3', ' x,-12', '\u00A0plain,4.5']);
  });

  it('neutralises header names too and formats dates', () => {
    const csv = toCsv(
      [
        {
          '=cmd': 'x',
          day: new Date('2024-02-29T00:00:00Z'),
          at: new Date('2024-02-29T13:45:06Z'),
        },
      ],
      [{ name: '=cmd' }, { name: 'day', kind: 'date' }, { name: 'at', kind: 'timestamp' }],
    );
    expect(csv).toBe("\uFEFF'=cmd,day,at\r\nx,2024-02-29,2024-02-29 13:45:06\r\n");
  });

  it('is read back cell for cell by DuckDB’s CSV reader', async () => {
    const rows = [
      { id: '中,文', amount: 1, note: 'two\r\nlines "quoted"' },
      { id: 'plain', amount: -3.5, note: null },
    ];
    await engine.registerFile('/seglab/export.csv', new TextEncoder().encode(toCsv(rows, columns)));
    const { rows: back } = await engine.query(
      "SELECT * FROM read_csv('/seglab/export.csv', header = true, all_varchar = true) ORDER BY id",
    );
    expect(back).toEqual([
      { id: 'plain', amount: '-3.5', note: null },
      { id: '中,文', amount: '1', note: 'two\r\nlines "quoted"' },
    ]);
  });

  it('rejects an export without columns', () => {
    expect(() => toCsv([], [])).toThrow(/at least one column/);
  });
});
