import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorecardSql } from '../../../src/sql/scorecard';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures } from '../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, [
    // segment A
    {
      customer_id: 'c1',
      frequency: 4,
      purchase_days: 3,
      monetary: 1000,
      recency_days: 10,
      complaint_count: 1,
      referral_count: 2,
      avg_satisfaction: 4,
    },
    { customer_id: 'c2', frequency: 2, purchase_days: 1, monetary: 300, recency_days: 200 },
    {
      customer_id: 'c3',
      frequency: 1,
      purchase_days: 1,
      monetary: 200,
      recency_days: 100,
      complaint_count: 2,
      avg_satisfaction: 2,
    },
    // segment B (c7 of B has no features row)
    {
      customer_id: 'c4',
      frequency: 1,
      purchase_days: 1,
      monetary: 500,
      recency_days: 400,
      referral_count: 1,
      avg_satisfaction: 5,
    },
    { customer_id: 'c5', is_prospect: true },
    // no segment
    { customer_id: 'c6', frequency: 2, purchase_days: 2, monetary: 100, recency_days: 50 },
  ]);
  await engine.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES
    ('c1', 'A'), ('c2', 'A'), ('c3', 'A'), ('c4', 'B'), ('c5', 'B'), ('c7', 'B'), ('c6', NULL)
  ) t(customer_id, segment)`);
});
afterAll(() => engine.close());

async function run(churnDays: number, lang: 'en' | 'zh-CN' = 'en') {
  const sql = scorecardSql({ segments: { table: 'seg' }, features: 'features', churnDays, lang });
  return (await engine.query(sql)).rows;
}

describe('scorecard', () => {
  it('computes each metric per segment and in total', async () => {
    const rows = await run(90);
    expect(rows.map((r) => [r.segment, r.is_total])).toEqual([
      ['A', false],
      ['B', false],
      ['(no segment)', false],
      ['Total', true],
    ]);
    const [a, b, none, total] = rows;
    // A: c1, c2, c3, all buyers; 1000 + 300 + 200 revenue over 4 + 2 + 1 orders.
    expect(a).toMatchObject({ customers: 3, buyers: 3, revenue: 1500, orders: 7 });
    expect(a!.customer_share).toBeCloseTo(3 / 7, 12);
    expect(a!.revenue_share).toBeCloseTo(1500 / 2100, 12);
    expect(a!.avg_order_value).toBeCloseTo(1500 / 7, 9);
    expect(a!.orders_per_customer).toBeCloseTo(7 / 3, 12);
    expect(a!.revenue_per_customer).toBeCloseTo(500, 9);
    expect(a!.repurchase_rate).toBeCloseTo(1 / 3, 12); // only c1 bought on 2+ days
    expect(a!.churn_rate).toBeCloseTo(2 / 3, 12); // c2 (200 days) and c3 (100 days) > 90
    expect(a!.avg_recency_days).toBeCloseTo(310 / 3, 9);
    expect(a!.complaint_rate).toBeCloseTo(2 / 3, 12); // c1 and c3
    expect(a!.complaints_per_customer).toBeCloseTo(1, 12); // 3 complaints / 3
    expect(a!.referral_rate).toBeCloseTo(1 / 3, 12);
    expect(a!.referrals_per_customer).toBeCloseTo(2 / 3, 12);
    expect(a!.avg_satisfaction).toBeCloseTo(3, 12); // c2 has none: (4 + 2) / 2

    // B: c4 buyer, c5 prospect, c7 unknown to features -> 3 customers, 1 buyer.
    expect(b).toMatchObject({ customers: 3, buyers: 1, revenue: 500, orders: 1 });
    expect(b!.avg_order_value).toBeCloseTo(500, 9);
    expect(b!.orders_per_customer).toBeCloseTo(1 / 3, 12);
    expect(b!.repurchase_rate).toBe(0);
    expect(b!.churn_rate).toBe(1);
    expect(b!.avg_recency_days).toBe(400); // the prospect's NULL recency is not a buyer's
    expect(b!.complaint_rate).toBe(0);
    expect(b!.referral_rate).toBeCloseTo(1 / 3, 12);
    expect(b!.avg_satisfaction).toBe(5);

    expect(none).toMatchObject({ customers: 1, buyers: 1, revenue: 100, orders: 2 });
    expect(none!.repurchase_rate).toBe(1);
    expect(none!.churn_rate).toBe(0);

    expect(total).toMatchObject({ customers: 7, buyers: 5, revenue: 2100, orders: 10 });
    expect(total!.customer_share).toBe(1);
    expect(total!.revenue_share).toBe(1);
    expect(total!.avg_order_value).toBeCloseTo(210, 9);
    expect(total!.repurchase_rate).toBeCloseTo(2 / 5, 12); // c1, c6
    expect(total!.churn_rate).toBeCloseTo(3 / 5, 12); // c2, c3, c4
    expect(total!.avg_recency_days).toBeCloseTo(152, 9); // (10+200+100+400+50) / 5
    expect(total!.complaint_rate).toBeCloseTo(2 / 7, 12);
    expect(total!.complaints_per_customer).toBeCloseTo(3 / 7, 12);
    expect(total!.referral_rate).toBeCloseTo(2 / 7, 12);
    expect(total!.avg_satisfaction).toBeCloseTo(11 / 3, 12);
  });

  it('leaves predicted CLV NULL when the features have no predictions', async () => {
    const rows = await run(90);
    for (const r of rows) {
      expect(r).toMatchObject({
        predicted_clv: null,
        predicted_clv_share: null,
        predicted_clv_low: null,
        predicted_clv_high: null,
      });
    }
  });

  it('sums predicted CLV and its interval bounds per segment once a Predict cell ran', async () => {
    await engine.exec(`CREATE TABLE clv AS SELECT * FROM (VALUES
      ('c1', 100.0, 80.0, 130.0), ('c2', 20.0, 10.0, 35.0), ('c4', 50.0, 45.0, 58.0),
      ('c6', 30.0, 25.0, 40.0)) t(customer_id, predicted_clv, predicted_clv_low, predicted_clv_high);
      CREATE TABLE features_p AS SELECT f.*, c.* EXCLUDE (customer_id)
      FROM features AS f LEFT JOIN clv AS c USING (customer_id)`);
    const sql = scorecardSql({
      segments: { table: 'seg' },
      features: 'features_p',
      churnDays: 90,
      lang: 'en',
    });
    const rows = (await engine.query(sql)).rows;
    const clv = rows.map((r) => [
      r.segment,
      r.predicted_clv,
      r.predicted_clv_low,
      r.predicted_clv_high,
    ]);
    // A: c1 + c2 (c3 not scored); B: c4 (c5 prospect, c7 unknown); no segment: c6.
    expect(clv).toEqual([
      ['A', 120, 90, 165],
      ['B', 50, 45, 58],
      ['(no segment)', 30, 25, 40],
      ['Total', 200, 160, 263],
    ]);
    expect(rows[0]!.predicted_clv_share).toBeCloseTo(120 / 200, 12);
    expect(rows[3]!.predicted_clv_share).toBe(1);
    expect(rows[0]!.revenue).toBe(1500);
  });

  it('counts a buyer as churned only when strictly past the threshold', async () => {
    const rows = await run(100);
    expect(rows[0]!.churn_rate).toBeCloseTo(1 / 3, 12); // c3 at exactly 100 days stays
  });

  it('labels the total and missing segments in Chinese', async () => {
    const rows = await run(90, 'zh-CN');
    expect(rows.map((r) => r.segment)).toEqual(['A', 'B', '（未分群）', '合计']);
  });

  it('rejects a bad churn threshold or features name', () => {
    const base = { segments: { table: 'seg' }, features: 'features', lang: 'en' as const };
    expect(() => scorecardSql({ ...base, churnDays: -1 })).toThrow(/whole number from 0/);
    expect(() => scorecardSql({ ...base, churnDays: 1.5 })).toThrow(/流失天数阈值/);
    expect(() => scorecardSql({ ...base, features: '', churnDays: 90 })).toThrow(/features table/);
  });
});
