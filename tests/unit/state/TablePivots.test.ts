import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import { TablePivots } from '../../../src/state/TablePivots';
import { NodeEngine } from '../../support/node-engine';

// An input table with a name and columns that need quoting, and a NULL region.
const ORDERS = Array.from({ length: 240 }, (_, i) => ({
  region: i % 11 === 0 ? null : ['华东', 'North "N"', 'west'][i % 3]!,
  channel: ['app', 'web'][(i * 7) % 2]!,
  amount: Math.round(((i * 37) % 101) * 13.7) / 10,
}));

let engine: NodeEngine;
let pivots: TablePivots;
let notebook: NotebookState;
beforeAll(async () => {
  engine = await NodeEngine.start();
  const rows = ORDERS.map(
    (o) =>
      `(${o.region === null ? 'NULL' : `'${o.region.replace(/'/g, "''")}'`}, '${o.channel}', ${o.amount})`,
  ).join(', ');
  await engine.exec(`CREATE TABLE "my orders" AS SELECT region AS "销售 区域", channel, CAST(amount AS DOUBLE) AS amount
    FROM (VALUES ${rows}) v(region, channel, amount)`);
  notebook = new NotebookState(null);
  notebook.notebook.tables = [
    { table: 'my orders', fileName: 'orders.csv', origin: 'file', columns: [] },
  ];
  pivots = new TablePivots({ notebook, exclusive: (work) => work(engine) });
});
afterAll(() => engine.close());

describe('TablePivots', () => {
  it("offers the table's columns with their kinds", async () => {
    const columns = await pivots.columns('my orders');
    expect(columns.map((c) => [c.name, c.kind])).toEqual([
      ['销售 区域', 'string'],
      ['channel', 'string'],
      ['amount', 'number'],
    ]);
  });

  it('pivots an input table as a GROUP BY in JS does: region × channel, summed', async () => {
    const table = await pivots.run('my orders', {
      rows: ['销售 区域'],
      column: 'channel',
      value: 'amount',
      aggregate: 'sum',
    });
    const expected = new Map<string, number>();
    for (const o of ORDERS) {
      const key = `${o.region}|${o.channel}`;
      expected.set(key, (expected.get(key) ?? 0) + o.amount);
    }
    expect(table.columnValues).toEqual(['app', 'web']);
    const got = new Map<string, number>();
    for (const r of table.rows) {
      table.columnValues.forEach((c, j) => {
        if (r.cells[j] !== null) got.set(`${r.keys[0]}|${c}`, Number(r.cells[j]));
      });
    }
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) expect(got.get(k)).toBeCloseTo(v, 6);
    const all = ORDERS.reduce((n, o) => n + o.amount, 0);
    expect(Number(table.totals!.total)).toBeCloseTo(all, 6);
  });

  it('saves the choice with the table, and only with it', () => {
    expect(pivots.choice('my orders')).toBeUndefined();
    const choice = { rows: ['channel'], column: null, value: 'amount', aggregate: 'avg' as const };
    pivots.choose('my orders', choice);
    expect(pivots.choice('my orders')).toEqual(choice);
    expect(notebook.notebook.tables[0]!.pivot).toEqual(choice);
    expect(pivots.choice('other')).toBeUndefined();
  });
});
