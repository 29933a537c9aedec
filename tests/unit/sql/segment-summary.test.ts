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
});
