import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleaningStepInit } from '../../../src/domain/cleaning-step';
import type { TableMapping } from '../../../src/domain/roles';
import { guessRoles, guessTableKind } from '../../../src/model/guess-roles';
import { customerSummarySql } from '../../../src/sql/customer-summary';
import { featuresSql } from '../../../src/sql/features';
import { SUMMARY_GAPS, summaryFeaturesSql } from '../../../src/sql/features-from-summary';
import { FEATURE_COLUMNS, type FeatureColumn } from '../../support/features-fixture';
import { NodeEngine } from '../../support/node-engine';
import { AS_OF, LINES, ORDERS, REFUND, createShop, type Line } from '../../support/summary-fixture';

const COLUMNS = [
  'order_no',
  'customer',
  'ordered_at',
  'paid',
  'qty',
  'price',
  'province',
  'channel',
];

interface Summary {
  customer_id: string;
  first_order_date: string;
  last_order_date: string;
  order_count: number;
  total_spend: number;
  province: string;
  channel: string;
}

/** The summary by plain loops: trimmed ids, one order per id (or per line without one). */
function aggregate(lines: Line[], amount: (l: Line) => number, before?: string): Summary[] {
  const byCustomer = new Map<string, Line[]>();
  for (const l of lines) {
    const id = l.customer?.trim();
    if (!id || (before && l.day >= before)) continue;
    byCustomer.set(id, [...(byCustomer.get(id) ?? []), l]);
  }
  const mode = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  };
  return [...byCustomer]
    .map(([id, ls]) => {
      const days = ls.map((l) => l.day).sort();
      const orders = new Set(ls.filter((l) => l.order !== null).map((l) => l.order)).size;
      return {
        customer_id: id,
        first_order_date: days[0]!,
        last_order_date: days[days.length - 1]!,
        order_count: orders + ls.filter((l) => l.order === null).length,
        total_spend: ls.reduce((s, l) => s + amount(l), 0),
        province: mode(ls.map((l) => l.province)),
        channel: mode(ls.map((l) => l.channel)),
      };
    })
    .sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
}

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createShop(engine, [REFUND]);
});
afterAll(() => engine.close());

async function run(sql: string): Promise<Summary[]> {
  const { rows } = await engine.query(sql);
  return rows.map((r) => ({
    ...(r as unknown as Summary),
    first_order_date: (r.first_order_date as Date).toISOString().slice(0, 10),
    last_order_date: (r.last_order_date as Date).toISOString().slice(0, 10),
  }));
}

describe('customerSummarySql', () => {
  it('equals a plain aggregation of the orders, the refund counted as an order', async () => {
    const expected = aggregate([...LINES, REFUND], (l) => l.amount);
    expect(expected.find((s) => s.customer_id === 'B')).toMatchObject({
      order_count: 2,
      total_spend: 140,
    });
    expect(await run(customerSummarySql({ orders: ORDERS }))).toEqual(expected);
  });

  it('uses the amount definition: Quantity × Unit price when no Amount is mapped', async () => {
    const { amount: _, ...columns } = ORDERS.columns;
    await engine.exec(`UPDATE "shop orders" SET paid = NULL`);
    try {
      const sql = customerSummarySql({ orders: { ...ORDERS, columns } });
      expect(sql).toContain('-- Amount of an order line: "qty" × "price".');
      expect(await run(sql)).toEqual(aggregate([...LINES, REFUND], (l) => l.qty * l.price));
    } finally {
      await createShop(engine, [REFUND]);
    }
  });

  it('applies the table’s cleaning steps and the analysis date', async () => {
    const steps: CleaningStepInit[] = [
      { kind: 'exclude', filter: { test: 'negative', column: 'paid' } },
    ];
    const sql = customerSummarySql({
      orders: ORDERS,
      cleaning: { columns: COLUMNS, steps },
      asOf: '2024-02-01',
    });
    const kept = LINES.filter((l) => l.amount >= 0);
    expect(await run(sql)).toEqual(aggregate(kept, (l) => l.amount, '2024-02-01'));
    const all = await run(
      customerSummarySql({ orders: ORDERS, cleaning: { columns: COLUMNS, steps } }),
    );
    expect(all.find((s) => s.customer_id === 'B')).toMatchObject({
      order_count: 1,
      total_spend: 200,
    });
  });

  it('makes a table the app reads as a customer summary, with the same features as the orders', async () => {
    await createShop(engine);
    await engine.exec(`CREATE OR REPLACE TABLE made AS ${customerSummarySql({ orders: ORDERS })}`);
    const columns = (await engine.query('DESCRIBE made')).rows.map((r) => String(r.column_name));
    expect(guessTableKind('customer_summary', columns)).toBe('summary');
    const summary: TableMapping = {
      table: 'made',
      kind: 'summary',
      columns: guessRoles('summary', columns),
    };
    expect(summary.columns).toMatchObject({
      customerId: 'customer_id',
      firstOrderDate: 'first_order_date',
      lastOrderDate: 'last_order_date',
      orderCount: 'order_count',
      totalSpend: 'total_spend',
      province: 'province',
      channel: 'channel',
    });
    await engine.exec(featuresSql({ name: 'fo', asOf: AS_OF, orders: ORDERS }));
    await engine.exec(summaryFeaturesSql({ name: 'fs', asOf: AS_OF, summary }));
    const [o, s] = await Promise.all(
      ['fo', 'fs'].map(
        async (t) => (await engine.query(`SELECT * FROM ${t} ORDER BY customer_id`)).rows,
      ),
    );
    const shared = (Object.keys(FEATURE_COLUMNS) as FeatureColumn[]).filter(
      (c) => !(c in SUMMARY_GAPS),
    );
    expect(s!.map((r) => shared.map((c) => r[c]))).toEqual(o!.map((r) => shared.map((c) => r[c])));
  });
});
