import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountSql } from '../../../src/sql/amount';
import { churnDaysSql } from '../../../src/sql/churn-days';
import type { OrdersRelation } from '../../../src/sql/orders-relation';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE o AS SELECT * FROM (VALUES
    ('A', DATE '2024-01-01'), ('A', DATE '2024-01-11'), ('A', DATE '2024-01-11'),
    ('A', DATE '2024-03-01'),
    ('B', DATE '2024-02-01'), ('B', DATE '2024-05-01'), ('B', DATE '2024-12-01'),
    ('C', DATE '2024-04-01'),
    ('D', DATE '2024-01-01'), ('D', DATE '2024-01-21')
  ) t(cust, day)`);
  await engine.exec(`CREATE TABLE once AS SELECT 'A' AS cust, DATE '2024-01-01' AS day`);
});
afterAll(() => engine.close());

const orders = (relation: string): OrdersRelation => ({
  relation,
  customerId: 'cust',
  orderDate: 'day',
  amountSql: amountSql({ amount: 'cust' }) ?? '0',
});

describe('churnDaysSql', () => {
  it('rounds the p90 of repeat gaps up to whole months and says how many are shorter', async () => {
    // Gaps between purchase days before 2024-07-01: A 10 (the second order on 01-11 is the
    // same day) and 50; B 90 (its December order is after the date); D 20; C has none.
    // Sorted 10, 20, 50, 90: p90 sits at 0.9 * 3 = 2.7 -> 50 + 0.7 * 40 = 78 -> 90 days.
    // Gaps shorter than 90: 10, 20, 50 -> 3 of 4.
    const { rows } = await engine.query(churnDaysSql(orders('o'), '2024-07-01'));
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.gaps)).toBe(4);
    expect(Number(rows[0]!.quantile_days)).toBeCloseTo(78);
    expect(rows[0]!.churn_days).toBe(90);
    expect(Number(rows[0]!.shorter_share)).toBeCloseTo(0.75);
  });

  it('rounds short gaps up to whole weeks', async () => {
    // Before 2024-02-01: A's 10-day gap and D's 20: p90 = 10 + 0.9 * 10 = 19 -> 21 days.
    const { rows } = await engine.query(churnDaysSql(orders('o'), '2024-02-01'));
    expect(rows[0]!.churn_days).toBe(21);
  });

  it('gives no threshold when nobody bought on two days', async () => {
    const { rows } = await engine.query(churnDaysSql(orders('once'), '2024-07-01'));
    expect(Number(rows[0]!.gaps)).toBe(0);
    expect(rows[0]!.churn_days).toBeNull();
  });
});
