import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycle, type LifecycleParams } from '../../../../src/model/presets/lifecycle';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const };
const old = { first_order_date: '2023-01-01' };

function params(overrides: Partial<LifecycleParams>): LifecycleParams {
  return { ...lifecycle.defaults(), ...overrides };
}

describe("lifecycle with the notebook's churn threshold", () => {
  it('applies potential > churned > at risk > new > loyal > active', async () => {
    // Repeat buyers' intervals 30, 40, 13.5, 20, 50, 100 -> median 35 stands in for one-day
    // buyers, so their risk line is 1.5 * 35 = 52.5 days.
    await createFeatures(engine, [
      { customer_id: 'P', is_prospect: true }, // no order
      { customer_id: 'C1', ...old, recency_days: 200, frequency: 5, avg_interpurchase_days: 30 }, // 200 > 120
      { customer_id: 'R1', ...old, recency_days: 100, frequency: 4, avg_interpurchase_days: 40 }, // 100 > 60
      // first order 10 days ago, silent 10 < 52.5 -> new
      { customer_id: 'N1', first_order_date: '2024-06-20', recency_days: 10 },
      // first order 29 days ago with 3 orders: new wins over loyal (10 < 20.25)
      {
        customer_id: 'N2',
        first_order_date: '2024-06-01',
        recency_days: 10,
        frequency: 3,
        avg_interpurchase_days: 13.5,
      },
      { customer_id: 'L1', ...old, recency_days: 10, frequency: 3, avg_interpurchase_days: 20 }, // 10 <= 30
      { customer_id: 'A1', ...old, recency_days: 20, frequency: 2, avg_interpurchase_days: 50 }, // 2 orders
      // one-day buyer silent 90 days > 52.5 (the median stand-in) -> at risk
      { customer_id: 'R2', first_order_date: '2024-04-01', recency_days: 90 },
      { customer_id: 'N3', first_order_date: '2024-05-31', recency_days: 30 }, // exactly 30 days -> new
      // silent exactly 120 days is not churned; 120 <= 1.5 * 100 -> active
      { customer_id: 'E1', ...old, recency_days: 120, frequency: 2, avg_interpurchase_days: 100 },
    ]);
    const sql = lifecycle.toSql(lifecycle.defaults(), { ...ctx, churnDays: 120 });
    expect(await segmentsById(engine, sql)).toEqual({
      P: 'Potential',
      C1: 'Churned',
      R1: 'At risk',
      N1: 'New',
      N2: 'New',
      L1: 'Loyal',
      A1: 'Active',
      R2: 'At risk',
      N3: 'New',
      E1: 'Active',
    });
    const { rows } = await engine.query(sql);
    const r2 = rows.find((r) => r.customer_id === 'R2')!;
    expect(r2).toMatchObject({
      days_since_first_order: 90,
      usual_interval_days: 35,
      churn_days: 120,
    });
    expect(r2.risk_after_days).toBeCloseTo(52.5);
  });
});

describe('lifecycle without a churn threshold in its context', () => {
  it('falls back to 365 days', async () => {
    await createFeatures(engine, [
      // 365 is not more than 365; no repeat buyer, so no risk line -> active
      { customer_id: 'stay', ...old, recency_days: 365 },
      { customer_id: 'gone', ...old, recency_days: 366 }, // 366 > 365 -> churned
    ]);
    expect(await segmentsById(engine, lifecycle.toSql(lifecycle.defaults(), ctx))).toEqual({
      stay: 'Active',
      gone: 'Churned',
    });
  });

  it('refuses a threshold that is not a whole number of days', () => {
    expect(() => lifecycle.toSql(lifecycle.defaults(), { ...ctx, churnDays: 0 })).toThrow(
      /whole number of days/,
    );
  });
});

describe('lifecycle validation', () => {
  it('accepts the defaults', () => {
    expect(lifecycle.validate(lifecycle.defaults())).toEqual([]);
  });

  it('reports non-numbers and out-of-range values in both languages', () => {
    const nan = lifecycle.validate(params({ riskFactor: Number.NaN }));
    expect(nan).toEqual([
      {
        key: 'riskFactor',
        message: {
          en: 'At risk: silence longer than × usual interval must be a number.',
          zh: '流失风险：未购天数超过平时间隔的倍数必须是数字。',
        },
      },
    ]);
    expect(lifecycle.validate(params({ loyalMinOrders: 1 })).map((e) => e.key)).toEqual([
      'loyalMinOrders',
    ]);
  });
});
