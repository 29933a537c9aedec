import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSegmentsSql } from '../../../src/sql/export-segments';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures } from '../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, [
    { customer_id: 'c1', monetary: 900, frequency: 4, province: '广东' },
    { customer_id: 'c2', monetary: 50, frequency: 1, province: '北京' },
    { customer_id: 'c3', monetary: 300, frequency: 2 },
    { customer_id: 'c4', is_prospect: true }, // not in the segmentation
  ]);
  await engine.exec(`CREATE TABLE tiers AS SELECT * FROM (VALUES
    ('c1', 'VIP', 10), ('c2', 'Potential', 20), ('c3', 'VIP', 30)
  ) t(customer_id, segment, score)`);
});
afterAll(() => engine.close());

const strategies = [
  { segment: 'VIP', strategy: "Call them; don't email" },
  { segment: 'Ordinary', strategy: 'Automate' },
];

describe('export segments', () => {
  it('joins each member to its strategy and features, in the strategies’ segment order', async () => {
    const sql = exportSegmentsSql({
      segments: { table: 'tiers' },
      features: 'features',
      strategies,
    });
    const { rows, columns } = await engine.query(sql);
    expect(columns.map((c) => c.name).slice(0, 5)).toEqual([
      'customer_id',
      'segment',
      'strategy',
      'is_prospect',
      'first_order_date',
    ]);
    expect(columns).toHaveLength(3 + 26); // every features column once, customer_id not repeated
    // VIP comes first in the strategies (the preset's rank), though 'Potential' < 'VIP';
    // Potential has no strategy in the list, so it comes after.
    expect(rows.map((r) => [r.customer_id, r.segment, r.strategy, r.monetary, r.province])).toEqual(
      [
        ['c1', 'VIP', "Call them; don't email", 900, '广东'],
        ['c3', 'VIP', "Call them; don't email", 300, null],
        ['c2', 'Potential', null, 50, '北京'],
      ],
    );
  });

  it('filters to one segment and picks columns', async () => {
    const sql = exportSegmentsSql({
      segments: {
        sql: "SELECT 'c2' AS customer_id, 'Potential' AS segment UNION ALL SELECT 'c3', 'VIP'",
      },
      features: 'features',
      strategies: [],
      segment: 'VIP',
      columns: ['customer_id', 'frequency', 'monetary'],
    });
    const { rows } = await engine.query(sql);
    expect(rows).toEqual([
      { customer_id: 'c3', segment: 'VIP', strategy: null, frequency: 2, monetary: 300 },
    ]);
  });

  it("puts the segmentation's own scores after the strategy", async () => {
    await engine.exec(`CREATE TABLE rfm AS SELECT * FROM (VALUES
      ('c1', 'Champions', 5, 4, 5, 545), ('c2', 'Lost', 1, 1, 2, 112)
    ) t(customer_id, segment, recency_score, frequency_score, monetary_score, rfm_score)`);
    const sql = exportSegmentsSql({
      segments: { table: 'rfm' },
      features: 'features',
      strategies: [],
      resultColumns: ['recency_score', 'frequency_score', 'monetary_score', 'rfm_score'],
      columns: ['monetary'],
    });
    const { rows } = await engine.query(sql);
    expect(rows).toEqual([
      {
        customer_id: 'c1',
        segment: 'Champions',
        strategy: null,
        recency_score: 5,
        frequency_score: 4,
        monetary_score: 5,
        rfm_score: 545,
        monetary: 900,
      },
      {
        customer_id: 'c2',
        segment: 'Lost',
        strategy: null,
        recency_score: 1,
        frequency_score: 1,
        monetary_score: 2,
        rfm_score: 112,
        monetary: 50,
      },
    ]);
  });

  it('refuses ambiguous or empty input', () => {
    expect(() =>
      exportSegmentsSql({
        segments: { table: 'tiers' },
        features: 'features',
        strategies: [...strategies, { segment: 'VIP', strategy: 'again' }],
      }),
    ).toThrow(/"VIP" has two strategies/);
    expect(() =>
      exportSegmentsSql({ segments: { table: 'tiers' }, features: ' ', strategies }),
    ).toThrow(/特征表名称为空/);
  });
});
