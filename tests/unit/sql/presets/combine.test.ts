import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineSql, crossTabSql } from '../../../../src/sql/presets/combine';
import { lifecycle } from '../../../../src/model/presets/lifecycle';
import { valueTiers } from '../../../../src/model/presets/value-tiers';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`
    CREATE TABLE seg_a AS SELECT * FROM (VALUES
      ('1', 'VIP'), ('2', 'VIP'), ('3', 'Ordinary'), ('4', 'Potential'), ('6', 'VIP')
    ) t(customer_id, segment);
    CREATE TABLE seg_b AS SELECT * FROM (VALUES
      ('1', 'Loyal'), ('2', 'At risk'), ('3', 'Loyal'), ('5', 'New'), ('6', 'Loyal')
    ) t(customer_id, segment);
  `);
});
afterAll(() => engine.close());

describe('combine', () => {
  it('pairs two results per customer and keeps customers found in only one', async () => {
    const { rows } = await engine.query(
      `${combineSql({ table: 'seg_a' }, { table: 'seg_b' }, 'en')} ORDER BY customer_id`,
    );
    expect(rows).toEqual([
      { customer_id: '1', segment: 'VIP × Loyal', segment_a: 'VIP', segment_b: 'Loyal' },
      { customer_id: '2', segment: 'VIP × At risk', segment_a: 'VIP', segment_b: 'At risk' },
      { customer_id: '3', segment: 'Ordinary × Loyal', segment_a: 'Ordinary', segment_b: 'Loyal' },
      {
        customer_id: '4',
        segment: 'Potential × (none)',
        segment_a: 'Potential',
        segment_b: '(none)',
      },
      { customer_id: '5', segment: '(none) × New', segment_a: '(none)', segment_b: 'New' },
      { customer_id: '6', segment: 'VIP × Loyal', segment_a: 'VIP', segment_b: 'Loyal' },
    ]);
  });

  it('counts customers per pair in the cross-tab', async () => {
    const { rows } = await engine.query(
      crossTabSql({ table: 'seg_a' }, { table: 'seg_b' }, 'zh-CN'),
    );
    // Customers 1 and 6 are both VIP × Loyal; every other pair has one customer of six.
    expect(rows.map((r) => [r.segment_a, r.segment_b, r.customers])).toEqual([
      ['Ordinary', 'Loyal', 1],
      ['Potential', '（无）', 1],
      ['VIP', 'At risk', 1],
      ['VIP', 'Loyal', 2],
      ['（无）', 'New', 1],
    ]);
    expect(rows.find((r) => r.customers === 2)!.share).toBeCloseTo(2 / 6);
  });

  it('combines two presets’ SQL directly', async () => {
    await createFeatures(engine, [
      // 1500 spent over 4 orders -> VIP; bought 10 days ago, usually every 20 -> loyal
      {
        customer_id: 'z',
        first_order_date: '2023-01-01',
        monetary: 1500,
        frequency: 4,
        recency_days: 10,
        avg_interpurchase_days: 20,
      },
      { customer_id: 'q', is_prospect: true }, // potential in both
    ]);
    const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const };
    const tiers = valueTiers.toSql(
      {
        ...valueTiers.defaults(),
        mode: 'thresholds',
        thresholdUnit: 'value',
        vipMonetary: 1000,
        importantMonetary: 500,
      },
      ctx,
    );
    const stages = `${lifecycle.toSql(lifecycle.defaults(), { ...ctx, churnDays: 180 })};`;
    const { rows } = await engine.query(
      `${combineSql({ sql: tiers }, { sql: stages }, 'en')} ORDER BY customer_id`,
    );
    expect(rows.map((r) => r.segment)).toEqual(['Potential × Potential', 'VIP × Loyal']);
  });

  it('rejects an empty relation with a readable error', () => {
    expect(() => combineSql({ sql: '  ;' }, { table: 'seg_b' }, 'en')).toThrow(/SQL is empty/);
    expect(() => crossTabSql({ table: 'seg_a' }, { table: '' }, 'en')).toThrow(/表名为空/);
  });
});
