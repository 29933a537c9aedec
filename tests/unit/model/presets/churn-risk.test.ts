import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnRisk, type ChurnRiskParams } from '../../../../src/model/presets/churn-risk';
import { presetById } from '../../../../src/model/presets/index';
import { str } from '../../../../src/sql/quote';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById, type FeatureRow } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const, churnDays: 120 };

/** The shared features fixture plus the p_alive column a Predict cell joins in. */
async function featuresWithPAlive(rows: [FeatureRow, number | null][]): Promise<void> {
  await createFeatures(
    engine,
    rows.map(([r]) => r),
  );
  await engine.exec('ALTER TABLE features ADD COLUMN p_alive DOUBLE');
  for (const [r, p] of rows) {
    if (p === null) continue;
    const value = Number.isNaN(p) ? "'NaN'" : String(p);
    await engine.exec(
      `UPDATE features SET p_alive = ${value} WHERE customer_id = ${str(r.customer_id)}`,
    );
  }
}

/** A customer who bought on two days: BG/NBD scores them. */
const repeat = { purchase_days: 2, frequency: 2 };

const CUSTOMERS: [FeatureRow, number | null][] = [
  [{ customer_id: 'h1', ...repeat }, 0.1], // below 0.3 -> high risk
  [{ customer_id: 'h2', ...repeat }, 0.2999], // still below 0.3
  [{ customer_id: 'w1', ...repeat }, 0.3], // 0.3 is not below 0.3 -> watch
  [{ customer_id: 'w2', ...repeat }, 0.6999], // below 0.7 -> watch
  [{ customer_id: 'a1', ...repeat }, 0.7], // from 0.7 -> likely active
  [{ customer_id: 'a2', ...repeat }, 1], // -> likely active
  [{ customer_id: 'n1', ...repeat }, null], // first order after the calibration end -> not scored
  [{ customer_id: 'n2', ...repeat }, Number.NaN], // no usable score -> not scored
  // Bought on one day: P(alive) is 1 by construction, so recency against the notebook's churn
  // threshold (120 days in `ctx`) decides: 121 days silent -> lapsed, 120 -> recent.
  [{ customer_id: 'o1', recency_days: 121 }, 1],
  [{ customer_id: 'o2', recency_days: 120 }, 1],
  [{ customer_id: 'o3', recency_days: 400 }, null], // no score needed to be lapsed
  [{ customer_id: 'p1', is_prospect: true }, null], // no orders -> prospect
  [{ customer_id: 'p2', is_prospect: true }, 0.9], // prospects first, whatever the score
];

describe('churn risk (predicted)', () => {
  it('splits buyers at 0.3 and 0.7 of P(alive), below meaning strictly below', async () => {
    await featuresWithPAlive(CUSTOMERS);
    const sql = churnRisk.toSql(churnRisk.defaults(), ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      h1: 'High risk',
      h2: 'High risk',
      w1: 'Watch',
      w2: 'Watch',
      a1: 'Likely active',
      a2: 'Likely active',
      n1: 'Not scored',
      n2: 'Not scored',
      o1: 'One-time, lapsed',
      o2: 'One-time, recent',
      o3: 'One-time, lapsed',
      p1: 'Prospects',
      p2: 'Prospects',
    });
    const { rows } = await engine.query(sql);
    expect(rows.find((r) => r.customer_id === 'w1')).toEqual({
      customer_id: 'w1',
      segment: 'Watch',
      segment_key: 'watch',
      p_alive: 0.3,
      high_risk_below: 0.3,
      likely_active_from: 0.7,
      churn_days: 120,
    });
  });

  it('takes custom thresholds and labels in Chinese', async () => {
    await featuresWithPAlive(CUSTOMERS);
    const p: ChurnRiskParams = { highRiskBelow: 0.5, likelyActiveFrom: 0.95 };
    const sql = churnRisk.toSql(p, { ...ctx, lang: 'zh-CN' });
    expect(await segmentsById(engine, sql)).toEqual({
      h1: '高流失风险',
      h2: '高流失风险',
      w1: '高流失风险',
      w2: '需关注',
      a1: '需关注',
      a2: '大概率活跃',
      n1: '未评分',
      n2: '未评分',
      o1: '单次购买·已沉寂',
      o2: '单次购买·近期',
      o3: '单次购买·已沉寂',
      p1: '潜在客户',
      p2: '潜在客户',
    });
  });

  it('scores nobody before a Predict cell has added p_alive', async () => {
    await createFeatures(engine, [
      { customer_id: 'b', ...repeat },
      { customer_id: 'p', is_prospect: true },
    ]);
    const sql = churnRisk.toSql(churnRisk.defaults(), ctx);
    expect(await segmentsById(engine, sql)).toEqual({ b: 'Not scored', p: 'Prospects' });
  });

  it('is in the registry with bilingual segments and strategies', () => {
    expect(presetById('churn-risk')).toBe(churnRisk);
    expect(churnRisk.label).toEqual({ en: 'Churn risk (predicted)', zh: '流失风险（预测）' });
    expect(churnRisk.description.en).toMatch(/run a Predict cell first/);
    const segments = churnRisk.segments(churnRisk.defaults());
    expect(segments.map((s) => s.key)).toEqual([
      'high_risk',
      'watch',
      'likely_active',
      'one_time_lapsed',
      'one_time_recent',
      'not_scored',
      'prospect',
    ]);
    for (const s of segments) {
      expect(s.strategy.en && s.strategy.zh && s.definition?.en && s.definition.zh).toBeTruthy();
    }
  });

  it('validates thresholds: probabilities, high risk strictly below likely active', () => {
    const keys = (p: Partial<ChurnRiskParams>) =>
      churnRisk.validate({ ...churnRisk.defaults(), ...p }).map((e) => e.key);
    expect(keys({})).toEqual([]);
    expect(keys({ highRiskBelow: 0 })).toEqual(['highRiskBelow']);
    expect(keys({ likelyActiveFrom: 1.2 })).toEqual(['likelyActiveFrom']);
    expect(keys({ highRiskBelow: Number.NaN })).toEqual(['highRiskBelow']);
    const order = churnRisk.validate({ highRiskBelow: 0.7, likelyActiveFrom: 0.7 });
    expect(order).toHaveLength(1);
    expect(order[0]!.message.en).toMatch(/must be below Likely active/);
    expect(order[0]!.message.zh).toMatch(/必须小于/);
    expect(() => churnRisk.toSql({ highRiskBelow: 0.8, likelyActiveFrom: 0.7 }, ctx)).toThrow(
      /流失风险（预测）/,
    );
  });
});
