import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/model/export-csv';
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
