import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestSql, separationSql } from '../../../src/sql/backtest';
import type { OrdersRelation } from '../../../src/sql/orders-relation';
import { NodeEngine } from '../../support/node-engine';
import { amountSql } from '../../../src/sql/amount';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  // Window for cut-off 2024-03-01 and 30 days: 2024-03-01 <= day < 2024-03-31.
  await engine.exec(`CREATE TABLE "order lines" AS SELECT * FROM (VALUES
    ('o1', 'c1', DATE '2024-02-10', 100.0),
    ('o2', 'c1', DATE '2024-03-01', 50.0),
    ('o3', 'c1', DATE '2024-03-15', 20.0),
    ('o3', 'c1', DATE '2024-03-15', 10.0),
    ('o4', 'c2', DATE '2024-03-31', 999.0),
    ('o5', 'c3', DATE '2024-03-30', 40.0),
    ('o6', 'c3', DATE '2024-03-20', NULL),
    ('o7', 'c5', DATE '2024-03-10', 20.0),
    ('o8', 'c9', DATE '2024-03-05', 500.0),
    ('o9', NULL, DATE '2024-03-05', 70.0)
  ) t("Order No", "Cust", "Day", "Amount")`);
  await engine.exec(`CREATE TABLE seg_a AS SELECT * FROM (VALUES
    ('c1', 'X'), ('c2', 'X'), ('c3', 'Y'), ('c4', 'Y'), ('c5', 'Z')
  ) t(customer_id, segment)`);
  await engine.exec(`CREATE TABLE seg_b AS SELECT * FROM (VALUES
    ('c1', 'hi'), ('c3', 'hi'), ('c5', 'hi'), ('c2', 'lo'), ('c4', 'lo')
  ) t(customer_id, segment)`);
});
afterAll(() => engine.close());

const orders: OrdersRelation = {
  relation: 'order lines',
  customerId: 'Cust',
  orderDate: 'Day',
  amountSql: amountSql({ amount: 'Amount' })!,
  orderId: 'Order No',
};
const window = { orders, cutoff: '2024-03-01', horizonDays: 30 };

describe('backtest', () => {
  it('measures retention, orders, revenue and lift per segment in the window', async () => {
    const sql = backtestSql({ ...window, segments: { table: 'seg_a' }, lang: 'en' });
    const { rows } = await engine.query(sql);
    // X: c1 (orders o2, o3 = 50 + 20 + 10) and c2 (only on the excluded end day)
    // Y: c3 (o5 40, o6 with no amount) and c4 (nothing); Z: c5 (o7 20, a first purchase)
    // overall: 140 over 5 members = 28 per member
    expect(
      rows.map((r) => [r.segment, r.is_total, r.customers, r.retained, r.orders, r.revenue]),
    ).toEqual([
      ['X', false, 2, 1, 2, 80],
      ['Y', false, 2, 1, 2, 40],
      ['Z', false, 1, 1, 1, 20],
      ['All customers', true, 5, 3, 5, 140],
    ]);
    expect(rows.map((r) => r.retention_rate)).toEqual([0.5, 0.5, 1, 0.6]);
    expect(rows.map((r) => r.orders_per_customer)).toEqual([1, 1, 1, 1]);
    expect(rows.map((r) => r.revenue_per_customer)).toEqual([40, 20, 20, 28]);
    const lifts = rows.map((r) => r.lift as number);
    [40 / 28, 20 / 28, 20 / 28, 1].forEach((v, i) => expect(lifts[i]).toBeCloseTo(v, 12));
  });

  it('counts order lines as orders without an order id, and speaks Chinese', async () => {
    const { orderId: _drop, ...lines } = orders;
    const sql = backtestSql({
      ...window,
      orders: lines,
      segments: { sql: "SELECT 'c1' AS customer_id, NULL AS segment" },
      lang: 'zh-CN',
    });
    const { rows } = await engine.query(sql);
    expect(rows.map((r) => [r.segment, r.orders, r.revenue])).toEqual([
      ['（未分群）', 3, 80],
      ['全部客户', 3, 80],
    ]);
  });

  it('rejects a bad window', () => {
    const segments = { table: 'seg_a' };
    expect(() => backtestSql({ ...window, segments, lang: 'en', cutoff: '2024-02-30' })).toThrow(
      /cut-off date/,
    );
    expect(() => backtestSql({ ...window, segments, lang: 'en', horizonDays: 0 })).toThrow(
      /观察期/,
    );
    expect(() =>
      backtestSql({ ...window, orders: { ...orders, amountSql: '' }, segments, lang: 'en' }),
    ).toThrow(/amount column/);
  });
});

describe('separation', () => {
  it('scores segmentations by eta squared of window revenue and retention', async () => {
    const sql = separationSql({
      ...window,
      segmentations: [
        { name: 'A', segments: { table: 'seg_a' } },
        { name: "B's", segments: { table: 'seg_b' } },
      ],
    });
    const { rows } = await engine.query(sql);
    // revenue per member: c1 80, c2 0, c3 40, c4 0, c5 20; mean 28; total SS 4480.
    // A: X {80, 0} mean 40, Y {40, 0} mean 20, Z {20}: between 2*144 + 2*64 + 64 = 480.
    // B: hi {80, 40, 20} mean 140/3, lo {0, 0}: between 7840/3.
    // retention 1,0,1,0,1: mean 0.6, total SS 1.2; A between 0.02+0.02+0.16; B separates fully.
    expect(rows.map((r) => [r.segmentation, r.customers, r.segments])).toEqual([
      ['A', 5, 3],
      ["B's", 5, 2],
    ]);
    expect(rows[0]!.eta_squared_revenue).toBeCloseTo(480 / 4480, 12);
    expect(rows[0]!.eta_squared_retention).toBeCloseTo(0.2 / 1.2, 12);
    expect(rows[1]!.eta_squared_revenue).toBeCloseTo(7 / 12, 12);
    expect(rows[1]!.eta_squared_retention).toBeCloseTo(1, 12);
  });

  it('needs distinct names', () => {
    const s = { name: 'A', segments: { table: 'seg_a' } };
    expect(() => separationSql({ ...window, segmentations: [s, s] })).toThrow(/同名/);
    expect(() => separationSql({ ...window, segmentations: [] })).toThrow(/at least one/);
  });
});
