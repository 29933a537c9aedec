import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownParams } from '../../../../src/model/preset-params';
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

describe('value tiers by rank (defaults)', () => {
  it('nests VIP (top 10% of buyers) in important (top 30%); ties share a tier', async () => {
    // Ten buyers. Share of buyers with a strictly higher spend: 1000 -> 0 (< 0.1: VIP);
    // 900 and 900 -> 0.1 (< 0.3: important, both); 700 -> 0.3 (not < 0.3: ordinary); the rest
    // ordinary. Prospects are potential, whatever else. Orders do not matter.
    await createFeatures(engine, [
      { customer_id: 'm1000', monetary: 1000, frequency: 1 },
      { customer_id: 'm900a', monetary: 900, frequency: 1 },
      { customer_id: 'm900b', monetary: 900, frequency: 9 },
      { customer_id: 'm700', monetary: 700, frequency: 20 },
      { customer_id: 'm600', monetary: 600, frequency: 2 },
      { customer_id: 'm500', monetary: 500, frequency: 1 },
      { customer_id: 'm400', monetary: 400, frequency: 1 },
      { customer_id: 'm300', monetary: 300, frequency: 1 },
      { customer_id: 'm200', monetary: 200, frequency: 1 },
      { customer_id: 'm100', monetary: 100, frequency: 1 },
      { customer_id: 'p1', is_prospect: true },
      { customer_id: 'p2', is_prospect: true },
    ]);
    const sql = valueTiers.toSql(valueTiers.defaults(), ctx);
    const got = await segmentsById(engine, sql);
    expect(got).toEqual({
      m1000: 'VIP',
      m900a: 'Important',
      m900b: 'Important',
      m700: 'Ordinary',
      m600: 'Ordinary',
      m500: 'Ordinary',
      m400: 'Ordinary',
      m300: 'Ordinary',
      m200: 'Ordinary',
      m100: 'Ordinary',
      p1: 'Potential',
      p2: 'Potential',
    });
    const zh = await segmentsById(
      engine,
      valueTiers.toSql(valueTiers.defaults(), { ...ctx, lang: 'zh-CN' }),
    );
    expect([zh.m1000, zh.m900a, zh.m700, zh.p1]).toEqual([
      'VIP客户',
      '重要客户',
      '普通客户',
      '潜在客户',
    ]);
  });

  it('keeps tiers nested: every VIP spent at least every important, who spent at least the rest', async () => {
    const spends = [
      5, 80, 80, 12, 300, 41, 41, 41, 7, 950, 3, 66, 120, 18, 500, 29, 29, 1, 210, 75,
    ];
    await createFeatures(
      engine,
      spends.map((m, i) => ({ customer_id: `c${i}`, monetary: m, frequency: 1 + (i % 4) })),
    );
    const tiers = await segmentsById(engine, valueTiers.toSql(valueTiers.defaults(), ctx));
    const spendOf = (tier: string) =>
      spends.filter((_, i) => tiers[`c${i}`] === tier).sort((a, b) => a - b);
    // 20 buyers: strictly fewer than 2 above -> VIP (950, 500); fewer than 6 -> 300, 210, 120, 80, 80.
    expect(spendOf('VIP')).toEqual([500, 950]);
    expect(spendOf('Important')).toEqual([80, 80, 120, 210, 300]);
    expect(Math.min(...spendOf('Important'))).toBeGreaterThan(Math.max(...spendOf('Ordinary')));
  });
});

describe('value tiers: your own rules, in amounts', () => {
  it('applies VIP (value AND orders), then important (value AND orders), nested', async () => {
    await createFeatures(engine, [
      { customer_id: 'a', monetary: 1500, frequency: 4 }, // both VIP bars
      { customer_id: 'b', monetary: 1500, frequency: 2 }, // too few orders for VIP -> important
      { customer_id: 'c', monetary: 200, frequency: 5 }, // many orders, spend below 500 -> ordinary
      { customer_id: 'd', monetary: 200, frequency: 2 }, // ordinary
      { customer_id: 'e', monetary: 30, frequency: 1 }, // a buyer: ordinary, not potential
      { customer_id: 'g', is_prospect: true }, // never ordered -> potential
      { customer_id: 'h', monetary: 1000, frequency: 3 }, // exactly on both VIP bars -> VIP
    ]);
    const p = params({
      mode: 'thresholds',
      thresholdUnit: 'value',
      vipMonetary: 1000,
      vipFrequency: 3,
      importantMonetary: 500,
      importantFrequency: 2,
    });
    expect(await segmentsById(engine, valueTiers.toSql(p, ctx))).toEqual({
      a: 'VIP',
      b: 'Important',
      c: 'Ordinary',
      d: 'Ordinary',
      e: 'Ordinary',
      g: 'Potential',
      h: 'VIP',
    });
  });

  it('computes percentile thresholds over buyers only', async () => {
    // Buyers spend 100..1100 (11 values, quantile_cont position = p * 10): p90 -> 1000,
    // p70 -> 800. The two prospects (spend 0) must not count: with them p70 would be 740.
    await createFeatures(engine, [
      { customer_id: 'm1100', monetary: 1100, frequency: 3 }, // VIP
      { customer_id: 'm1000', monetary: 1000, frequency: 3 }, // on the p90 bar -> VIP
      { customer_id: 'm900', monetary: 900, frequency: 5 }, // below p90 -> important (>= p70)
      { customer_id: 'm800', monetary: 800, frequency: 1 }, // on the p70 bar -> important
      { customer_id: 'm700', monetary: 700, frequency: 3 }, // below p70 -> ordinary
      { customer_id: 'm100', monetary: 100, frequency: 1 },
      ...[200, 300, 400, 500, 600].map((m) => ({ customer_id: `m${m}`, monetary: m })),
      { customer_id: 'p1', is_prospect: true },
      { customer_id: 'p2', is_prospect: true },
    ]);
    const sql = valueTiers.toSql(params({ mode: 'thresholds' }), { ...ctx, lang: 'zh-CN' });
    const got = await segmentsById(engine, sql);
    expect([got.m1100, got.m1000, got.m900, got.m800, got.m700, got.m100, got.p1]).toEqual([
      'VIP客户',
      'VIP客户',
      '重要客户',
      '重要客户',
      '普通客户',
      '普通客户',
      '潜在客户',
    ]);
    const { rows } = await engine.query(sql);
    expect(rows[0]).toMatchObject({ vip_monetary: 1000, important_monetary: 800 });
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
      { customer_id: 'E', monetary: 50, frequency: 1 }, // ordinary
      { customer_id: 'F', monetary: 30, frequency: 1 }, // a buyer: ordinary, not potential
      { customer_id: 'G', monetary: 20, frequency: 3 }, // ordinary
      { customer_id: 'P', is_prospect: true },
    ]);
    const p = params({
      mode: 'pareto',
      thresholdUnit: 'value',
      vipRevenueShare: 0.5,
      importantRevenueShare: 0.7,
    });
    const sql = valueTiers.toSql(p, ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      A: 'VIP',
      B: 'VIP',
      C: 'Important',
      D: 'Important',
      E: 'Ordinary',
      F: 'Ordinary',
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
    // VIP: CLV >= 1000 and >= 3 orders; important: CLV >= 500 and >= 1 order. By spend, b
    // would be important and c ordinary.
    await withPredictedClv([
      [{ customer_id: 'a', monetary: 50, frequency: 4 }, 1200], // VIP on CLV despite low spend
      [{ customer_id: 'b', monetary: 5000, frequency: 2 }, 100], // big past spend, little ahead -> ordinary
      [{ customer_id: 'c', monetary: 30, frequency: 1 }, 600], // CLV >= 500 -> important
      [{ customer_id: 'd', monetary: 80, frequency: 1 }, 20], // ordinary
      [{ customer_id: 'e', monetary: 100, frequency: 1 }, null], // not scored -> ordinary
      [{ customer_id: 'f', monetary: 100, frequency: 3 }, null], // not scored -> ordinary
      [{ customer_id: 'p', is_prospect: true }, null],
    ]);
    const amounts = {
      mode: 'thresholds' as const,
      thresholdUnit: 'value' as const,
      vipMonetary: 1000,
      vipFrequency: 3,
      importantMonetary: 500,
      importantFrequency: 1,
    };
    const sql = valueTiers.toSql(params({ ...amounts, valueColumn: 'predicted_clv' }), ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      a: 'VIP',
      b: 'Ordinary',
      c: 'Important',
      d: 'Ordinary',
      e: 'Ordinary',
      f: 'Ordinary',
      p: 'Potential',
    });
    const { rows } = await engine.query(sql);
    expect(rows.find((r) => r.customer_id === 'a')).toMatchObject({
      monetary: 50,
      predicted_clv: 1200,
      vip_predicted_clv: 1000,
      important_predicted_clv: 500,
    });
    const bySpend = valueTiers.toSql(params(amounts), ctx);
    expect(await segmentsById(engine, bySpend)).toMatchObject({
      b: 'Important',
      c: 'Ordinary',
    });
  });

  it('takes percentiles over the scored buyers only', async () => {
    // Scored buyers 100..500: p90 = 460, p70 = 380 (quantile_cont, position p * 4); the
    // prospect's 0 and the unscored buyer must not count.
    await withPredictedClv([
      [{ customer_id: 'm1', frequency: 3 }, 100],
      [{ customer_id: 'm2', frequency: 3 }, 200],
      [{ customer_id: 'm3', frequency: 3 }, 300],
      [{ customer_id: 'm4', frequency: 3 }, 400],
      [{ customer_id: 'm5', frequency: 3 }, 500],
      [{ customer_id: 'n', frequency: 3 }, null],
      [{ customer_id: 'p', is_prospect: true }, 0],
    ]);
    const p = params({ mode: 'thresholds', valueColumn: 'predicted_clv' });
    const sql = valueTiers.toSql(p, ctx);
    const { rows } = await engine.query(sql);
    expect(rows[0]).toMatchObject({ vip_predicted_clv: 460, important_predicted_clv: 380 });
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

  it('ranks buyers by predicted CLV by default; unscored buyers are ordinary', async () => {
    // Scored buyers 100..1000 (10): VIP the top one, important the next two; n has no score.
    await withPredictedClv([
      ...[1000, 900, 800, 700, 600, 500, 400, 300, 200, 100].map((clv): [FeatureRow, number] => [
        { customer_id: `s${clv}`, monetary: 1100 - clv },
        clv,
      ]),
      [{ customer_id: 'n', monetary: 99_999 }, null],
    ]);
    const tiers = await segmentsById(
      engine,
      valueTiers.toSql(params({ valueColumn: 'predicted_clv' }), ctx),
    );
    expect([tiers.s1000, tiers.s900, tiers.s800, tiers.s700, tiers.n]).toEqual([
      'VIP',
      'Important',
      'Important',
      'Ordinary',
      'Ordinary',
    ]);
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
    const errors = valueTiers.validate(params({ mode: 'thresholds', vipMonetary: Number('abc') }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.key).toBe('vipMonetary');
    expect(errors[0]!.message.en).toBe('VIP spend threshold must be a number.');
    expect(errors[0]!.message.zh).toBe('VIP消费额阈值必须是数字。');
  });

  it('reports thresholds out of order', () => {
    const errors = valueTiers.validate(params({ mode: 'thresholds', importantMonetary: 0.95 }));
    expect(errors.map((e) => e.key)).toEqual(['importantMonetary']);
    expect(errors[0]!.message.en).toMatch(/must not exceed VIP spend threshold/);
    expect(errors[0]!.message.zh).toMatch(/不能大于VIP消费额阈值/);
    const pareto = valueTiers.validate(
      params({ mode: 'pareto', vipRevenueShare: 0.9, importantRevenueShare: 0.8 }),
    );
    expect(pareto.map((e) => e.key)).toEqual(['vipRevenueShare']);
    const rank = valueTiers.validate(params({ vipShare: 0.3, importantShare: 0.3 }));
    expect(rank.map((e) => e.key)).toEqual(['vipShare']);
  });

  it('checks only the fields of the chosen method', () => {
    expect(valueTiers.validate(params({ vipMonetary: 90 }))).toEqual([]);
    expect(valueTiers.validate(params({ mode: 'pareto', vipShare: 5 }))).toEqual([]);
  });

  it('rejects percentiles above 1 and fractional order counts', () => {
    const errors = valueTiers.validate(
      params({ mode: 'thresholds', vipMonetary: 90, vipFrequency: 2.5 }),
    );
    expect(errors.map((e) => e.key).sort()).toEqual(['vipFrequency', 'vipMonetary']);
    expect(errors.find((e) => e.key === 'vipMonetary')!.message.zh).toMatch(/0到1之间/);
  });

  it('refuses to build SQL from invalid parameters or context', () => {
    expect(() => valueTiers.toSql(params({ mode: 'thresholds', vipFrequency: -1 }), ctx)).toThrow(
      /VIP minimum orders/,
    );
    expect(() => valueTiers.toSql(valueTiers.defaults(), { ...ctx, asOf: '30/06/2024' })).toThrow(
      /YYYY-MM-DD/,
    );
  });
});

describe('value tiers: the form', () => {
  const keys = (p: Partial<ValueTiersParams>) =>
    shownParams(valueTiers, { ...valueTiers.defaults(), ...p }).map((s) => s.key);

  it('shows only the fields the chosen method uses', () => {
    expect(keys({})).toEqual(['mode', 'valueColumn', 'vipShare', 'importantShare', 'valueCuts']);
    expect(keys({ mode: 'pareto' })).toEqual([
      'mode',
      'valueColumn',
      'vipRevenueShare',
      'importantRevenueShare',
      'valueCuts',
    ]);
    expect(keys({ mode: 'thresholds' })).toEqual([
      'mode',
      'valueColumn',
      'thresholdUnit',
      'vipMonetary',
      'vipFrequency',
      'importantMonetary',
      'importantFrequency',
      'valueCuts',
    ]);
  });
});
