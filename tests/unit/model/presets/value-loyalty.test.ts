import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueLoyalty, type ValueLoyaltyParams } from '../../../../src/model/presets/value-loyalty';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const };

function params(overrides: Partial<ValueLoyaltyParams>): ValueLoyaltyParams {
  return { ...valueLoyalty.defaults(), ...overrides };
}

describe('value × loyalty', () => {
  it('splits spend and orders at the buyers’ medians (defaults)', async () => {
    // Spend 500, 400, 100, 50, 300 -> median 300; orders 5, 1, 4, 1, 2 -> median 2. High means
    // strictly above, so v5 sits on both lines and is low/low. With the prospect's 0 counted the
    // spend median would be 200 and v5 would be high value.
    await createFeatures(engine, [
      { customer_id: 'v1', monetary: 500, frequency: 5 },
      { customer_id: 'v2', monetary: 400, frequency: 1 },
      { customer_id: 'v3', monetary: 100, frequency: 4 },
      { customer_id: 'v4', monetary: 50, frequency: 1 },
      { customer_id: 'v5', monetary: 300, frequency: 2 },
      { customer_id: 'p', is_prospect: true },
    ]);
    const sql = valueLoyalty.toSql(valueLoyalty.defaults(), { ...ctx, lang: 'zh-CN' });
    expect(await segmentsById(engine, sql)).toEqual({
      v1: '核心客户',
      v2: '重点发展客户',
      v3: '提升消费客户',
      v4: '一般客户',
      v5: '一般客户',
      p: '潜在客户',
    });
    const { rows } = await engine.query(sql);
    expect(rows[0]).toMatchObject({ value_threshold: 300, loyalty_threshold: 2 });
    // Each customer's spend comes along, for the quadrant's revenue shares.
    expect(rows.find((r) => r.customer_id === 'v2')).toMatchObject({ value: 400, monetary: 400 });
  });

  it('can use another value column, the repurchase rate, means, and leave prospects out', async () => {
    // Average order values 100, 40, 10, 50, 90 -> mean 58. Repurchase (days - 1) / days:
    // 0.75, 0, 0.5, 0.8, 0 -> mean 0.41.
    await createFeatures(engine, [
      { customer_id: 'w1', avg_order_value: 100, purchase_days: 4 }, // high, high
      { customer_id: 'w2', avg_order_value: 40, purchase_days: 1 }, // low, low
      { customer_id: 'w3', avg_order_value: 10, purchase_days: 2 }, // low, 0.5 > 0.41
      { customer_id: 'w4', avg_order_value: 50, purchase_days: 5 }, // low, high
      { customer_id: 'w5', avg_order_value: 90, purchase_days: 1 }, // high, low
      { customer_id: 'p', is_prospect: true },
    ]);
    const p = params({
      valueColumn: 'avg_order_value',
      loyaltyMeasure: 'repurchase',
      split: 'mean',
      prospects: 'exclude',
    });
    const sql = valueLoyalty.toSql(p, ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      w1: 'Core',
      w2: 'Low priority',
      w3: 'Increase spend',
      w4: 'Increase spend',
      w5: 'Grow loyalty',
    });
    const { rows } = await engine.query(sql);
    expect(rows[0]!.value_threshold).toBeCloseTo(58);
    expect(rows[0]!.loyalty_threshold).toBeCloseTo(0.41);
    expect(rows.find((r) => r.customer_id === 'w1')!.loyalty).toBeCloseTo(0.75);
    expect(valueLoyalty.segments(p).map((s) => s.key)).not.toContain('prospect');
  });

  it('accepts custom thresholds on tenure', async () => {
    await createFeatures(engine, [
      { customer_id: 'x1', monetary: 150, tenure_days: 400 }, // above both
      { customer_id: 'x2', monetary: 100, tenure_days: 400 }, // 100 is not above 100
      { customer_id: 'x3', monetary: 150, tenure_days: 365 }, // 365 is not above 365
    ]);
    const p = params({ loyaltyMeasure: 'tenure', split: 'custom', valueCut: 100, loyaltyCut: 365 });
    expect(await segmentsById(engine, valueLoyalty.toSql(p, ctx))).toEqual({
      x1: 'Core',
      x2: 'Increase spend',
      x3: 'Grow loyalty',
    });
    // One row per customer: constant thresholds must not multiply the customers.
    const { rows } = await engine.query(
      `SELECT count(*) AS n FROM (${valueLoyalty.toSql(p, ctx)})`,
    );
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('validates the value column and custom thresholds', () => {
    expect(valueLoyalty.validate(valueLoyalty.defaults())).toEqual([]);
    const errors = valueLoyalty.validate(
      params({ valueColumn: 'province', split: 'custom', loyaltyCut: Number.NaN }),
    );
    expect(errors.map((e) => e.key)).toEqual(['valueColumn', 'loyaltyCut']);
    expect(errors[0]!.message.en).toBe('"province" is not a number, so it cannot measure value.');
    expect(errors[1]!.message.zh).toBe('自定义忠诚度阈值必须是数字。');
    expect(valueLoyalty.validate(params({ valueColumn: ' ' }))[0]!.message.zh).toBe(
      '请选择价值指标列。',
    );
  });

  it('quotes the value column as an identifier', async () => {
    const sql = valueLoyalty.toSql(params({ valueColumn: 'x"; DROP TABLE features; --' }), ctx);
    await expect(engine.query(sql)).rejects.toThrow(/x"; DROP TABLE features; --/);
    expect((await engine.query('SELECT count(*) AS n FROM features')).rows).toEqual([{ n: 3 }]);
  });

  it('can put predicted CLV on the value axis, unscored buyers counting as low value', async () => {
    // Scored CLV 500, 50, 400, 100 -> median 250 (the NULL of c4 is left out); orders 5, 5, 1,
    // 3, 1 -> median 3.
    await createFeatures(engine, [
      { customer_id: 'c1', frequency: 5 },
      { customer_id: 'c2', frequency: 5 },
      { customer_id: 'c3', frequency: 1 },
      { customer_id: 'c4', frequency: 3 },
      { customer_id: 'c5', frequency: 1 },
      { customer_id: 'p', is_prospect: true },
    ]);
    await engine.exec(`ALTER TABLE features ADD COLUMN predicted_clv DOUBLE;
      UPDATE features SET predicted_clv = CASE customer_id
        WHEN 'c1' THEN 500 WHEN 'c2' THEN 50 WHEN 'c3' THEN 400 WHEN 'c5' THEN 100 END`);
    const sql = valueLoyalty.toSql(params({ valueColumn: 'predicted_clv' }), ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      c1: 'Core',
      c2: 'Increase spend',
      c3: 'Grow loyalty',
      c4: 'Low priority',
      c5: 'Low priority',
      p: 'Prospects',
    });
    const { rows } = await engine.query(sql);
    expect(rows[0]).toMatchObject({ value_threshold: 250, loyalty_threshold: 3 });
  });
});
