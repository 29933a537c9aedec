import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetCell } from '../../../src/ingest/detect-header-row';
import { rowsToArrowIPC } from '../../../src/ingest/rows-to-arrow';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const utc = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min));

describe('rowsToArrowIPC', () => {
  it('gives each column one DuckDB type and keeps every value', async () => {
    const columns = ['id', 'amount', 'vip', 'day', 'at', 'mixed', 'empty', '"; DROP TABLE x; --'];
    const rows: SheetCell[][] = [
      ['C1', 12.5, true, utc(2024, 1, 5), utc(2024, 1, 5, 10, 30), 7, null, 'a'],
      ['C2', null, false, null, utc(2024, 1, 6), utc(2024, 1, 6), null, null],
      [null, -3, null, utc(2024, 2, 29), null, 'text', null, 'c'],
      ['C4', 0, true, utc(2024, 3, 1), utc(2024, 3, 1, 0, 0), utc(2024, 3, 1, 8, 0), null, 'd'],
    ];
    await engine.insertArrowIPC('sheet', rowsToArrowIPC(columns, rows), true);
    const types = await engine.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'sheet' ORDER BY ordinal_position",
    );
    expect(types.rows.map((r) => [r.column_name, r.data_type])).toEqual([
      ['id', 'VARCHAR'],
      ['amount', 'DOUBLE'],
      ['vip', 'BOOLEAN'],
      ['day', 'DATE'],
      ['at', 'TIMESTAMP'],
      ['mixed', 'VARCHAR'],
      ['empty', 'VARCHAR'],
      ['"; DROP TABLE x; --', 'VARCHAR'],
    ]);
    const { rows: back } = await engine.query('SELECT * FROM sheet');
    expect(back).toEqual([
      {
        id: 'C1',
        amount: 12.5,
        vip: true,
        day: utc(2024, 1, 5),
        at: utc(2024, 1, 5, 10, 30),
        mixed: '7',
        empty: null,
        '"; DROP TABLE x; --': 'a',
      },
      {
        id: 'C2',
        amount: null,
        vip: false,
        day: null,
        at: utc(2024, 1, 6),
        mixed: '2024-01-06',
        empty: null,
        '"; DROP TABLE x; --': null,
      },
      {
        id: null,
        amount: -3,
        vip: null,
        day: utc(2024, 2, 29),
        at: null,
        mixed: 'text',
        empty: null,
        '"; DROP TABLE x; --': 'c',
      },
      {
        id: 'C4',
        amount: 0,
        vip: true,
        day: utc(2024, 3, 1),
        at: utc(2024, 3, 1),
        mixed: '2024-03-01 08:00:00',
        empty: null,
        '"; DROP TABLE x; --': 'd',
      },
    ]);
  });

  it('makes an empty table from a header without rows', async () => {
    await engine.insertArrowIPC('bare', rowsToArrowIPC(['a', 'b'], []), true);
    const { columns, rows } = await engine.query('SELECT * FROM bare');
    expect(columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(rows).toEqual([]);
  });
});
