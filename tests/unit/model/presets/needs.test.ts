import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs, type NeedsParams } from '../../../../src/model/presets/needs';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  // Buyers' average unit prices 10..60: p80 at position 4 -> 50, so n1 (60) and n3 (50) are
  // quality-sensitive.
  await createFeatures(engine, [
    // every need applies
    {
      customer_id: 'n1',
      discount_share: 0.6,
      top_brand_share: 0.9,
      frequency: 5,
      avg_unit_price: 60,
    },
    // discount share exactly 0.5 -> price-sensitive
    {
      customer_id: 'n2',
      discount_share: 0.5,
      top_brand_share: 0.3,
      frequency: 2,
      avg_unit_price: 10,
    },
    // brand share 0.8 over exactly 3 orders -> brand-loyal, and quality-sensitive
    {
      customer_id: 'n3',
      discount_share: 0.1,
      top_brand_share: 0.8,
      frequency: 3,
      avg_unit_price: 50,
    },
    // one brand, but only 2 orders -> no need
    {
      customer_id: 'n4',
      discount_share: 0.1,
      top_brand_share: 0.95,
      frequency: 2,
      avg_unit_price: 20,
    },
    // discounts not mapped (NULL) -> cannot be price-sensitive
    {
      customer_id: 'n5',
      discount_share: null,
      top_brand_share: 0.5,
      frequency: 4,
      avg_unit_price: 30,
    },
    {
      customer_id: 'n6',
      discount_share: 0.4,
      top_brand_share: 0.7,
      frequency: 10,
      avg_unit_price: 40,
    },
    { customer_id: 'p', is_prospect: true },
  ]);
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const };

function params(overrides: Partial<NeedsParams>): NeedsParams {
  return { ...needs.defaults(), ...overrides };
}

describe('needs', () => {
  it('gives one primary need by the default precedence price > brand > quality', async () => {
    const sql = needs.toSql(needs.defaults(), ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      n1: 'Price-sensitive',
      n2: 'Price-sensitive',
      n3: 'Brand-loyal',
      n4: 'No clear need',
      n5: 'No clear need',
      n6: 'No clear need',
      p: 'No purchases',
    });
    const { rows } = await engine.query(sql);
    const n1 = rows.find((r) => r.customer_id === 'n1')!;
    expect(n1).toMatchObject({
      quality_price_threshold: 50,
      is_price_sensitive: true,
      is_brand_loyal: true,
      is_quality_sensitive: true,
    });
  });

  it('follows an edited precedence and thresholds', async () => {
    const reordered = needs.toSql(params({ precedence: 'quality>brand>price' }), {
      ...ctx,
      lang: 'zh-CN',
    });
    expect(await segmentsById(engine, reordered)).toEqual({
      n1: '品质敏感型',
      n2: '价格敏感型',
      n3: '品质敏感型',
      n4: '无明显偏好',
      n5: '无明显偏好',
      n6: '无明显偏好',
      p: '未购买客户',
    });
    // Lower bars: discount share >= 0.4 adds n6; brand loyalty from 2 orders adds n4.
    const looser = needs.toSql(params({ discountShareMin: 0.4, brandMinOrders: 2 }), ctx);
    const result = await segmentsById(engine, looser);
    expect(result.n6).toBe('Price-sensitive');
    expect(result.n4).toBe('Brand-loyal');
  });

  it('validates thresholds and the precedence', () => {
    expect(needs.validate(needs.defaults())).toEqual([]);
    const errors = needs.validate(
      params({
        discountShareMin: Number('half'),
        brandMinOrders: 0,
        precedence: 'price>price>brand' as NeedsParams['precedence'],
      }),
    );
    expect(errors.map((e) => e.key)).toEqual(['discountShareMin', 'brandMinOrders', 'precedence']);
    expect(errors[0]!.message).toEqual({
      en: 'Price-sensitive: share of discounted orders must be a number.',
      zh: '价格敏感：使用折扣的订单占比必须是数字。',
    });
    expect(errors[1]!.message.en).toBe('Brand-loyal: minimum orders must be at least 1.');
  });

  it('takes a fixed unit price for quality-sensitive, and refuses a negative one', async () => {
    // From 35: n6 (40) joins n1 (60) and n3 (50) with quality-sensitive buyers, every buyer once.
    const sql = needs.toSql(params({ qualityCut: 'absolute', qualityMin: 35 }), ctx);
    const { rows } = await engine.query(sql);
    expect(rows).toHaveLength(7);
    const quality = rows.filter((r) => r.is_quality_sensitive).map((r) => r.customer_id);
    expect(quality.sort()).toEqual(['n1', 'n3', 'n6']);
    expect(new Set(rows.map((r) => Number(r.quality_price_threshold)))).toEqual(new Set([35]));
    const errors = needs.validate(params({ qualityCut: 'absolute', qualityMin: -1 }));
    expect(errors.map((e) => e.key)).toEqual(['qualityMin']);
    // The percentile is not checked while a fixed price is used.
    expect(needs.validate(params({ qualityCut: 'absolute', qualityPercentile: 3 }))).toEqual([]);
  });
});
