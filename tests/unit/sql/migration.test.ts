import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  migrationMembershipSql,
  segmentSizesSql,
  transitionsSql,
} from '../../../src/sql/migration';
import { date } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';
import { amountSql } from '../../../src/sql/amount';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE orders AS SELECT * FROM (VALUES
    ('c1', DATE '2023-12-15', 100.0), ('c1', DATE '2024-03-10', 50.0), ('c1', DATE '2024-06-20', 30.0),
    ('c2', DATE '2023-11-30', 200.0),
    ('c3', DATE '2024-02-01', 80.0), ('c3', DATE '2024-06-01', 40.0),
    ('c4', DATE '2023-06-01', 10.0), ('c4', DATE '2024-05-15', 60.0),
    ('c5', DATE '2024-05-01', 25.0)
  ) t(cust, day, amount)`);
});
afterAll(() => engine.close());

/** A toy segmentation recomputed from raw orders: active when the last order is < 61 days old. */
const activeOrLapsed = (asOf: string) => `SELECT
    cust AS customer_id,
    CASE WHEN max(day) >= ${date(asOf)} - 60 THEN 'Active' ELSE 'Lapsed' END AS segment
  FROM orders WHERE day < ${date(asOf)} GROUP BY cust`;

const orders = {
  relation: 'orders',
  customerId: 'cust',
  orderDate: 'day',
  amountSql: amountSql({ amount: 'amount' })!,
};
const dates = ['2024-01-01', '2024-04-01', '2024-07-01'];

describe('migration', () => {
  // 60 days before: 2023-11-02, 2024-02-01, 2024-05-02. Membership:
  // 01-01: c1 Active, c2 Active, c4 Lapsed
  // 04-01: c1 Active, c2 Lapsed, c3 Active, c4 Lapsed
  // 07-01: c1 Active, c2 Lapsed, c3 Active, c4 Active, c5 Lapsed
  it('stacks the snapshots with their date', async () => {
    const { rows } = await engine.query(
      migrationMembershipSql({ dates, segmentsAsOf: activeOrLapsed, lang: 'en' }),
    );
    expect(rows).toHaveLength(3 + 4 + 5);
    expect(rows[0]).toEqual({
      as_of: new Date('2024-01-01'),
      customer_id: 'c1',
      segment: 'Active',
    });
  });

  it('counts transitions between consecutive dates, new customers as a source', async () => {
    const sql = transitionsSql({ dates, segmentsAsOf: activeOrLapsed, orders, lang: 'en' });
    const { rows } = await engine.query(sql);
    const day = (d: unknown) => (d as Date).toISOString().slice(0, 10);
    expect(
      rows.map((r) => [
        day(r.from_date),
        day(r.to_date),
        r.from_segment,
        r.to_segment,
        r.is_new,
        r.customers,
        r.row_share,
        r.revenue_at_stake,
        r.revenue_between,
      ]),
    ).toEqual([
      // at stake = spent before 01-01; between = spent 01-01 .. 03-31
      ['2024-01-01', '2024-04-01', 'Active', 'Active', false, 1, 0.5, 100, 50], // c1
      ['2024-01-01', '2024-04-01', 'Active', 'Lapsed', false, 1, 0.5, 200, 0], // c2
      ['2024-01-01', '2024-04-01', 'Lapsed', 'Lapsed', false, 1, 1, 10, 0], // c4
      ['2024-01-01', '2024-04-01', 'New', 'Active', true, 1, 1, 0, 80], // c3
      // at stake = spent before 04-01; between = spent 04-01 .. 06-30
      ['2024-04-01', '2024-07-01', 'Active', 'Active', false, 2, 1, 230, 70], // c1, c3
      ['2024-04-01', '2024-07-01', 'Lapsed', 'Active', false, 1, 0.5, 10, 60], // c4
      ['2024-04-01', '2024-07-01', 'Lapsed', 'Lapsed', false, 1, 0.5, 200, 0], // c2
      ['2024-04-01', '2024-07-01', 'New', 'Lapsed', true, 1, 1, 0, 25], // c5
    ]);
  });

  it('shows customers who drop out as "Left", in Chinese too', async () => {
    await engine.exec(`CREATE TABLE snap AS SELECT * FROM (VALUES
      (DATE '2024-01-01', 'x', 'A'), (DATE '2024-01-01', 'y', 'A'), (DATE '2024-04-01', 'y', 'B')
    ) t(as_of, customer_id, segment)`);
    const fromTable = (d: string) => ({
      sql: `SELECT customer_id, segment FROM snap WHERE as_of = ${date(d)}`,
    });
    const sql = transitionsSql({
      dates: dates.slice(0, 2),
      segmentsAsOf: fromTable,
      orders,
      lang: 'zh-CN',
    });
    const { rows } = await engine.query(sql);
    expect(
      rows.map((r) => [r.from_segment, r.to_segment, r.is_left, r.customers, r.row_share]),
    ).toEqual([
      ['A', 'B', false, 1, 0.5],
      ['A', '已退出', true, 1, 0.5],
    ]);
    const zhNew = await engine.query(
      transitionsSql({ dates, segmentsAsOf: activeOrLapsed, orders, lang: 'zh-CN' }),
    );
    expect(zhNew.rows.filter((r) => r.is_new).map((r) => r.from_segment)).toEqual([
      '新客户',
      '新客户',
    ]);
  });

  it('gives segment sizes per date', async () => {
    const { rows } = await engine.query(
      segmentSizesSql({ dates, segmentsAsOf: activeOrLapsed, lang: 'en' }),
    );
    expect(rows.map((r) => [r.segment, r.customers, r.share])).toEqual([
      ['Active', 2, 2 / 3],
      ['Lapsed', 1, 1 / 3],
      ['Active', 2, 0.5],
      ['Lapsed', 2, 0.5],
      ['Active', 3, 0.6],
      ['Lapsed', 2, 0.4],
    ]);
  });

  it('needs increasing dates, two of them for transitions', () => {
    const base = { segmentsAsOf: activeOrLapsed, orders, lang: 'en' as const };
    expect(() => transitionsSql({ ...base, dates: ['2024-01-01'] })).toThrow(/at least 2 dates/);
    expect(() => transitionsSql({ ...base, dates: ['2024-04-01', '2024-01-01'] })).toThrow(
      /日期必须递增/,
    );
    expect(() => segmentSizesSql({ ...base, dates: ['2024-13-01'] })).toThrow(/as-of date/);
  });
});
