import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentSummarySql } from '../../../src/sql/segment-summary';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE f AS SELECT * FROM (VALUES
    ('a', 10.0), ('b', 30.0), ('c', 60.0)) t(customer_id, monetary)`);
  // 'd' is not in the features; 'c' carries a monetary of its own that differs on purpose.
  await engine.exec(`CREATE TABLE "my result" AS SELECT * FROM (VALUES
    ('a', 'Low', 10.0), ('b', 'Low', 30.0), ('c', 'High', 600.0), ('d', 'Low', NULL))
    t(customer_id, segment, monetary)`);
});
afterAll(() => engine.close());

describe('segmentSummarySql', () => {
  it('looks revenue up in the features table, customers missing there count zero', async () => {
    const { rows } = await engine.query(segmentSummarySql('my result', { features: 'f' }));
    expect(rows).toEqual([
      { segment: 'Low', customers: 3, customer_share: 0.75, revenue: 40, revenue_share: 0.4 },
      { segment: 'High', customers: 1, customer_share: 0.25, revenue: 60, revenue_share: 0.6 },
    ]);
  });

  it("takes the result's own monetary without reading the features table", async () => {
    const sql = segmentSummarySql('my result', { own: true });
    expect(sql).not.toMatch(/JOIN/);
    const { rows } = await engine.query(sql);
    expect(rows).toEqual([
      { segment: 'Low', customers: 3, customer_share: 0.75, revenue: 40, revenue_share: 40 / 640 },
      {
        segment: 'High',
        customers: 1,
        customer_share: 0.25,
        revenue: 600,
        revenue_share: 600 / 640,
      },
    ]);
  });

  it('gives a zero revenue share, not a division by zero, when nobody spent anything', async () => {
    await engine.exec(
      `CREATE TABLE nothing AS SELECT 'x' AS customer_id, 'S' AS segment, 0.0 AS monetary`,
    );
    const { rows } = await engine.query(segmentSummarySql('nothing', { own: true }));
    expect(rows).toEqual([
      { segment: 'S', customers: 1, customer_share: 1, revenue: 0, revenue_share: 0 },
    ]);
  });

  it('sums predicted CLV and its interval bounds per segment over scored customers', async () => {
    await engine.exec(`CREATE TABLE "feat p" AS SELECT * FROM (VALUES
      ('a', 10.0, 100.0, 80.0, 130.0), ('b', 30.0, 50.5, 40.0, 70.0),
      ('c', 60.0, NULL, NULL, NULL)) t(customer_id, monetary, predicted_clv,
      predicted_clv_low, predicted_clv_high)`);
    // Low: a + b (+ d, not in the features) = 150.5, 120 .. 200; High: c is not scored.
    const clv = { predicted_clv: 150.5, predicted_clv_low: 120, predicted_clv_high: 200 };
    const none = { predicted_clv: null, predicted_clv_low: null, predicted_clv_high: null };
    for (const revenue of [{ own: true as const }, { features: 'feat p' }]) {
      const { rows } = await engine.query(segmentSummarySql('my result', revenue, [], 'feat p'));
      expect(
        rows.map(({ segment, predicted_clv, predicted_clv_low, predicted_clv_high }) => ({
          segment,
          predicted_clv,
          predicted_clv_low,
          predicted_clv_high,
        })),
      ).toEqual([
        { segment: 'Low', ...clv },
        { segment: 'High', ...none },
      ]);
      expect(rows[0]!.revenue).toBe(40);
    }
    // One join when the revenue and the CLV come from the same features table.
    expect(
      segmentSummarySql('my result', { features: 'feat p' }, [], 'feat p').match(/JOIN/g),
    ).toHaveLength(1);
  });
});
