import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueTiers, type ValueTiersParams } from '../../../../src/model/presets/value-tiers';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById, type FeatureRow } from '../../../support/features-fixture';
import { literal, str } from '../../../../src/sql/quote';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const };

function params(overrides: Partial<ValueTiersParams>): ValueTiersParams {
  return { ...valueTiers.defaults(), ...overrides };
}

describe('value tiers: thresholds in amounts', () => {
  it('applies VIP (AND), important (OR), potential (one-off low spend), ordinary', async () => {
    await createFeatures(engine, [
      { customer_id: 'a', monetary: 1500, frequency: 4 }, // both VIP bars
      { customer_id: 'b', monetary: 1500, frequency: 2 }, // spends enough but too few orders -> important
      { customer_id: 'c', monetary: 200, frequency: 5 }, // orders often -> important by the OR
      { customer_id: 'd', monetary: 200, frequency: 2 }, // nothing stands out -> ordinary
      { customer_id: 'e', monetary: 30, frequency: 1 }, // one order below 50 -> potential
      { customer_id: 'f', monetary: 80, frequency: 1 }, // one order but 80 >= 50 -> ordinary
      { customer_id: 'g', is_prospect: true }, // never ordered -> potential
      { customer_id: 'h', monetary: 1000, frequency: 3 }, // exactly on both VIP bars -> VIP
      { customer_id: 'i', monetary: 40, frequency: 2 }, // low spend but a repeat buyer -> ordinary
    ]);
    const p = params({
      thresholdUnit: 'value',
      vipMonetary: 1000,
      vipFrequency: 3,
      importantMonetary: 500,
      importantFrequency: 3,
      potentialMonetary: 50,
    });
    expect(await segmentsById(engine, valueTiers.toSql(p, ctx))).toEqual({
      a: 'VIP',
      b: 'Important',
      c: 'Important',
      d: 'Ordinary',
      e: 'Potential',
      f: 'Ordinary',
      g: 'Potential',
      h: 'VIP',
      i: 'Ordinary',
    });
  });
});

describe('value tiers: percentile thresholds (defaults)', () => {
  it('computes percentiles over buyers only and labels in Chinese', async () => {
    // Buyers spend 100..1100 (11 values, quantile_cont position = p * 10):
    // p90 -> 1000, p70 -> 800, p30 -> 400. The two prospects (spend 0) must not count: with them
    // p30 would be 260 and m300 would stop being potential.
    await createFeatures(engine, [
      { customer_id: 'm1100', monetary: 1100, frequency: 3 }, // VIP
      { customer_id: 'm1000', monetary: 1000, frequency: 3 }, // on the p90 bar -> VIP
      { customer_id: 'm900', monetary: 900, frequency: 5 }, // below p90 -> important (>= p70)
      { customer_id: 'm800', monetary: 800, frequency: 1 }, // >= p70 -> important
      { customer_id: 'm700', monetary: 700, frequency: 3 }, // 3 orders -> important
      { customer_id: 'm600', monetary: 600, frequency: 2 }, // ordinary
      { customer_id: 'm500', monetary: 500, frequency: 1 }, // one-off but >= p30 -> ordinary
      { customer_id: 'm400', monetary: 400, frequency: 1 }, // 400 is not below 400 -> ordinary
      { customer_id: 'm300', monetary: 300, frequency: 1 }, // one-off below p30 -> potential
      { customer_id: 'm200', monetary: 200, frequency: 2 }, // repeat buyer -> ordinary
      { customer_id: 'm100', monetary: 100, frequency: 1 }, // potential
      { customer_id: 'p1', is_prospect: true }, // potential
      { customer_id: 'p2', is_prospect: true }, // potential
    ]);
    const sql = valueTiers.toSql(valueTiers.defaults(), { ...ctx, lang: 'zh-CN' });
    expect(await segmentsById(engine, sql)).toEqual({
      m1100: 'VIP客户',
      m1000: 'VIP客户',
      m900: '重要客户',
      m800: '重要客户',
      m700: '重要客户',
      m600: '普通客户',
      m500: '普通客户',
      m400: '普通客户',
      m300: '潜在客户',
      m200: '普通客户',
      m100: '潜在客户',
      p1: '潜在客户',
      p2: '潜在客户',
    });
    const { rows } = await engine.query(sql);
    expect(rows[0]).toMatchObject({
      vip_monetary: 1000,
      important_monetary: 800,
      potential_monetary: 400,
    });
  });
});

describe('value tiers: Pareto', () => {
  it('takes the smallest top set reaching each revenue share, ties together', async () => {
    // Total revenue 1000. Share of revenue from strictly bigger spenders:
    // A 0, B 0.4 (< 0.5 -> VIP); C and D tie at 150 with 0.6 before them (< 0.7 -> important
    // both; ordering one before the other would push it to 0.75 -> ordinary); E 0.9, F 0.95, G 0.98.
    await createFeatures(engine, [
      { customer_id: 'A', monetary: 400, frequency: 5 },
      { customer_id: 'B', monetary: 200, frequency: 1 },
      { customer_id: 'C', monetary: 150, frequency: 2 },
      { customer_id: 'D', monetary: 150, frequency: 2 },
      { customer_id: 'E', monetary: 50, frequency: 1 }, // one-off, not below 50 -> ordinary
      { customer_id: 'F', monetary: 30, frequency: 1 }, // one-off below 50 -> potential
      { customer_id: 'G', monetary: 20, frequency: 3 }, // repeat buyer -> ordinary
      { customer_id: 'P', is_prospect: true },
    ]);
    const p = params({
      mode: 'pareto',
      thresholdUnit: 'value',
      vipRevenueShare: 0.5,
      importantRevenueShare: 0.7,
      potentialMonetary: 50,
    });
    const sql = valueTiers.toSql(p, ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      A: 'VIP',
      B: 'VIP',
      C: 'Important',
      D: 'Important',
      E: 'Ordinary',
      F: 'Potential',
      G: 'Ordinary',
      P: 'Potential',
    });
    const { rows } = await engine.query(sql);
    const before = Object.fromEntries(rows.map((r) => [r.customer_id, r.revenue_share_before]));
    expect(before.B).toBeCloseTo(0.4);
    expect(before.D).toBeCloseTo(0.6);
    expect(before.G).toBeCloseTo(0.98);
  });
});

/** The shared features fixture plus the predicted_clv column a Predict cell joins in. */
async function withPredictedClv(rows: [FeatureRow, number | null][]): Promise<void> {
  await createFeatures(
    engine,
    rows.map(([r]) => r),
  );
  await engine.exec('ALTER TABLE features ADD COLUMN predicted_clv DOUBLE');
  for (const [r, clv] of rows) {
    await engine.exec(
      `UPDATE features SET predicted_clv = ${literal(clv)} WHERE customer_id = ${str(r.customer_id)}`,
    );
  }
}

describe('value tiers by predicted CLV', () => {
  it('applies the amount thresholds to predicted CLV instead of spend', async () => {
    // VIP: CLV >= 1000 and >= 3 orders; important: CLV >= 500 or >= 3 orders; potential: one
    // order and CLV below 50. By spend, b would be important, c potential and d ordinary.
    await withPredictedClv([
      [{ customer_id: 'a', monetary: 50, frequency: 4 }, 1200], // VIP on CLV despite low spend
      [{ customer_id: 'b', monetary: 5000, frequency: 2 }, 100], // big past spend, little ahead -> ordinary
      [{ customer_id: 'c', monetary: 30, frequency: 1 }, 600], // CLV >= 500 -> important
      [{ customer_id: 'd', monetary: 80, frequency: 1 }, 20], // one order, CLV below 50 -> potential
      [{ customer_id: 'e', monetary: 100, frequency: 1 }, null], // not scored, few orders -> ordinary
      [{ customer_id: 'f', monetary: 100, frequency: 3 }, null], // not scored, 3 orders -> important
      [{ customer_id: 'p', is_prospect: true }, null],
    ]);
    const amounts = {
      thresholdUnit: 'value' as const,
      vipMonetary: 1000,
      vipFrequency: 3,
      importantMonetary: 500,
      importantFrequency: 3,
      potentialMonetary: 50,
    };
    const sql = valueTiers.toSql(params({ ...amounts, valueColumn: 'predicted_clv' }), ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      a: 'VIP',
      b: 'Ordinary',
      c: 'Important',
      d: 'Potential',
      e: 'Ordinary',
      f: 'Important',
      p: 'Potential',
    });
    const { rows } = await engine.query(sql);
    expect(rows.find((r) => r.customer_id === 'a')).toMatchObject({
      monetary: 50,
      predicted_clv: 1200,
      vip_predicted_clv: 1000,
      important_predicted_clv: 500,
      potential_predicted_clv: 50,
    });
    const bySpend = valueTiers.toSql(params(amounts), ctx);
    expect(await segmentsById(engine, bySpend)).toMatchObject({
      b: 'Important',
      c: 'Potential',
      d: 'Ordinary',
    });
  });

  it('takes percentiles over the scored buyers only', async () => {
    // Scored buyers 100..500: p90 = 460, p70 = 380, p30 = 220 (quantile_cont, position p * 4);
    // the prospect's 0 and the unscored buyer must not count.
    await withPredictedClv([
      [{ customer_id: 'm1', frequency: 3 }, 100],
      [{ customer_id: 'm2', frequency: 3 }, 200],
      [{ customer_id: 'm3', frequency: 3 }, 300],
      [{ customer_id: 'm4', frequency: 3 }, 400],
      [{ customer_id: 'm5', frequency: 3 }, 500],
      [{ customer_id: 'n', frequency: 3 }, null],
      [{ customer_id: 'p', is_prospect: true }, 0],
    ]);
    const sql = valueTiers.toSql(params({ valueColumn: 'predicted_clv' }), ctx);
    const { rows } = await engine.query(sql);
    expect(rows[0]).toMatchObject({
      vip_predicted_clv: 460,
      important_predicted_clv: 380,
      potential_predicted_clv: 220,
    });
    expect((await segmentsById(engine, sql)).m5).toBe('VIP');
  });

  it('ranks by cumulative share of predicted CLV in Pareto mode', async () => {
    // Total CLV 1000: before A 0 (< 0.5 -> VIP), B 0.6 (< 0.8 -> important), C 0.9 -> ordinary.
    // D has no prediction: no share, so it is not VIP or important.
    await withPredictedClv([
      [{ customer_id: 'A', frequency: 2, monetary: 10 }, 600],
      [{ customer_id: 'B', frequency: 2, monetary: 10 }, 300],
      [{ customer_id: 'C', frequency: 2, monetary: 900 }, 100],
      [{ customer_id: 'D', frequency: 2, monetary: 900 }, null],
      [{ customer_id: 'P', is_prospect: true }, null],
    ]);
    const p = params({
      mode: 'pareto',
      valueColumn: 'predicted_clv',
      thresholdUnit: 'value',
      vipRevenueShare: 0.5,
      importantRevenueShare: 0.8,
      potentialMonetary: 50,
    });
    const sql = valueTiers.toSql(p, ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      A: 'VIP',
      B: 'Important',
      C: 'Ordinary',
      D: 'Ordinary',
      P: 'Potential',
    });
    const { rows } = await engine.query(sql);
    const before = Object.fromEntries(rows.map((r) => [r.customer_id, r.revenue_share_before]));
    expect(before.B).toBeCloseTo(0.6);
    expect(before.D).toBeNull();
  });

  it('accepts only spend or predicted CLV as the value measure', () => {
    const errors = valueTiers.validate(params({ valueColumn: 'x' as 'monetary' }));
    expect(errors.map((e) => e.key)).toEqual(['valueColumn']);
    expect(errors[0]!.message.zh).toMatch(/价值指标必须是以下之一/);
  });
});

describe('value tiers: validation', () => {
  it('accepts the defaults and lists every segment with a strategy in both languages', () => {
    expect(valueTiers.validate(valueTiers.defaults())).toEqual([]);
    for (const s of valueTiers.segments(valueTiers.defaults())) {
      expect(s.strategy.en && s.strategy.zh && s.definition?.en && s.definition.zh).toBeTruthy();
    }
  });

  it('reports a value that is not a number', () => {
    const errors = valueTiers.validate(params({ vipMonetary: Number('abc') }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.key).toBe('vipMonetary');
    expect(errors[0]!.message.en).toBe('VIP spend threshold must be a number.');
    expect(errors[0]!.message.zh).toBe('VIP消费额阈值必须是数字。');
  });

  it('reports thresholds out of order', () => {
    const errors = valueTiers.validate(params({ importantMonetary: 0.95 }));
    expect(errors.map((e) => e.key)).toEqual(['importantMonetary']);
    expect(errors[0]!.message.en).toMatch(/must not exceed VIP spend threshold/);
    expect(errors[0]!.message.zh).toMatch(/不能大于VIP消费额阈值/);
    const pareto = valueTiers.validate(
      params({ mode: 'pareto', vipRevenueShare: 0.9, importantRevenueShare: 0.8 }),
    );
    expect(pareto.map((e) => e.key)).toEqual(['vipRevenueShare']);
  });

  it('rejects percentiles above 1 and fractional order counts', () => {
    const errors = valueTiers.validate(params({ vipMonetary: 90, vipFrequency: 2.5 }));
    expect(errors.map((e) => e.key).sort()).toEqual(['vipFrequency', 'vipMonetary']);
    expect(errors.find((e) => e.key === 'vipMonetary')!.message.zh).toMatch(/0到1之间/);
  });

  it('refuses to build SQL from invalid parameters or context', () => {
    expect(() => valueTiers.toSql(params({ vipFrequency: -1 }), ctx)).toThrow(/VIP minimum orders/);
    expect(() => valueTiers.toSql(valueTiers.defaults(), { ...ctx, asOf: '30/06/2024' })).toThrow(
      /YYYY-MM-DD/,
    );
  });
});
