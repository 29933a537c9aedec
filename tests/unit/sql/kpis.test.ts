import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiSql } from '../../../src/sql/kpis';
import { NodeEngine } from '../../support/node-engine';

const CSV = 'sample-data/orders.csv';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  engine.registerPath('/seglab/orders.csv', CSV);
  await engine.exec(
    `CREATE TABLE orders AS SELECT * FROM read_csv('/seglab/orders.csv', header = true)`,
  );
  await engine.exec(`CREATE TABLE tiny (customer_id VARCHAR, amount DOUBLE)`);
  // a: 2 orders, 100; b: 1 order, 300; c: 1 refund, -50; d: 3 orders, 600; a missing customer.
  await engine.exec(`INSERT INTO tiny VALUES
    ('a', 40), ('a', 60), ('b', 300), ('c', -50), ('d', 100), ('d', 200), ('d', 300), (NULL, 999)`);
});
afterAll(() => engine.close());

/** The same four figures, computed here in plain JS from the CSV text. */
function fromCsv() {
  const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const ci = cols.indexOf('customer_id');
  const ai = cols.indexOf('amount');
  const per = new Map<string, { orders: number; spend: number }>();
  for (const line of lines) {
    const f = line.split(',');
    const id = f[ci];
    if (!id) continue;
    const p = per.get(id) ?? { orders: 0, spend: 0 };
    p.orders += 1;
    p.spend += Number(f[ai]);
    per.set(id, p);
  }
  const all = [...per.values()];
  const spends = all.map((p) => Math.max(p.spend, 0)).sort((a, b) => b - a);
  const top = Math.ceil(0.2 * spends.length);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    customers: all.length,
    revenue: sum(all.map((p) => p.spend)),
    repeat: all.filter((p) => p.orders >= 2).length / all.length,
    top20: sum(spends.slice(0, top)) / sum(spends),
  };
}

describe('kpiSql', () => {
  it('gives the hand-worked figures of a tiny order list', async () => {
    const [row] = (await engine.query(kpiSql({ orders: 'tiny' }))).rows;
    expect(Number(row.customers)).toBe(4);
    expect(row.revenue).toBeCloseTo(950, 9); // 100 + 300 - 50 + 600
    expect(row.repeat_rate).toBeCloseTo(0.5, 12); // a and d
    // ceil(0.2 * 4) = 1 customer (d, 600) of 100 + 300 + 0 + 600 = 1000
    expect(row.top20_share).toBeCloseTo(0.6, 12);
  });

  it('matches an independent computation over the sample orders CSV', async () => {
    const [row] = (await engine.query(kpiSql({ orders: 'orders' }))).rows;
    const expected = fromCsv();
    expect(Number(row.customers)).toBe(expected.customers);
    expect(row.revenue).toBeCloseTo(expected.revenue, 4);
    expect(row.repeat_rate).toBeCloseTo(expected.repeat, 12);
    expect(row.top20_share).toBeCloseTo(expected.top20, 12);
    expect(expected.customers).toBeGreaterThan(1000);
  });
});
