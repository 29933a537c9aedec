import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giniSql, paretoCurveSql } from '../../../src/sql/pareto';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures } from '../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(
    engine,
    [0, 0, 0, 10].map((m, i) => ({ customer_id: `z${i}`, monetary: m })),
    'skewed',
  );
  await createFeatures(engine, [
    { customer_id: 'a', monetary: 1 },
    { customer_id: 'b', monetary: 2 },
    { customer_id: 'c', monetary: 3 },
    { customer_id: 'd', monetary: 4 },
    { customer_id: 'p', is_prospect: true },
  ]);
  await engine.exec(`CREATE TABLE big AS
    SELECT 'c' || i AS customer_id, 1 AS frequency, CAST(i AS DOUBLE) AS monetary
    FROM range(1, 1001) t(i)`);
});
afterAll(() => engine.close());

async function one(sql: string) {
  return (await engine.query(sql)).rows[0]!;
}

describe('gini', () => {
  it('is 0.75 for spend [0, 0, 0, 10]', async () => {
    // sum |xi - xj| = 6 pairs * 10 = 60; 2 n^2 mean = 2 * 16 * 2.5 = 80; 60 / 80 = 0.75
    const row = await one(giniSql({ features: 'skewed' }));
    expect(row.customers).toBe(4);
    expect(row.revenue).toBe(10);
    expect(row.gini).toBeCloseTo(0.75, 12);
    expect(row.top_share).toBe(1); // ceil(0.2 * 4) = 1 customer holds everything
  });

  it('is 0.25 for [1, 2, 3, 4] and leaves prospects out unless asked', async () => {
    // ordered pairs: 2 * (1+2+3+1+2+1) = 20; 2 * 16 * 2.5 = 80
    const buyers = await one(giniSql({ features: 'features', topFraction: 0.5 }));
    expect(buyers.customers).toBe(4);
    expect(buyers.gini).toBeCloseTo(0.25, 12);
    expect(buyers.top_share).toBeCloseTo(0.7, 12); // top 2: 4 + 3 of 10
    // with the prospect: [0,1,2,3,4], ordered pairs 2 * 20 = 40; 2 * 25 * 2 = 100
    const all = await one(giniSql({ features: 'features', includeProspects: true }));
    expect(all.customers).toBe(5);
    expect(all.gini).toBeCloseTo(0.4, 12);
    expect(all.top_share).toBeCloseTo(0.4, 12); // ceil(0.2 * 5) = 1: 4 of 10
  });

  it('is NULL without spend and rejects a bad top fraction', async () => {
    await engine.exec("CREATE TABLE nothing AS SELECT * FROM features WHERE customer_id = 'p'");
    const row = await one(giniSql({ features: 'nothing' }));
    expect(row).toEqual({ customers: 0, revenue: 0, gini: null, top_share: null });
    expect(() => giniSql({ features: 'features', topFraction: 0 })).toThrow(/头部客户比例/);
  });
});

describe('pareto curve', () => {
  it('walks from the biggest spender to the smallest', async () => {
    const { rows } = await engine.query(paretoCurveSql({ features: 'features' }));
    // 4, 3, 2, 1 of 10
    expect(rows.map((r) => [r.customer_rank, r.customer_share, r.revenue_share])).toEqual([
      [0, 0, 0],
      [1, 0.25, 0.4],
      [2, 0.5, 0.7],
      [3, 0.75, 0.9],
      [4, 1, 1],
    ]);
  });

  it('keeps min(n, P - 1) evenly spaced customers plus the origin', async () => {
    const few = await engine.query(paretoCurveSql({ features: 'features', maxPoints: 3 }));
    // k * 2 // 4 steps up at k = 2 and k = 4
    expect(few.rows.map((r) => [r.customer_share, r.revenue_share])).toEqual([
      [0, 0],
      [0.5, 0.7],
      [1, 1],
    ]);
    const { rows } = await engine.query(paretoCurveSql({ features: 'big' }));
    expect(rows).toHaveLength(200);
    expect(rows[rows.length - 1]).toMatchObject({ customer_rank: 1000, revenue_share: 1 });
    // k = 995 is kept (995 * 199 // 1000 = 198 > 994 * 199 // 1000 = 197); the top 995 spend
    // 500500 - (1+2+3+4+5) = 500485 of 500500.
    const k995 = rows.find((r) => r.customer_rank === 995);
    expect(k995?.revenue_share).toBeCloseTo(500485 / 500500, 12);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.revenue_share as number).toBeGreaterThanOrEqual(
        rows[i - 1]!.revenue_share as number,
      );
    }
  });
});
