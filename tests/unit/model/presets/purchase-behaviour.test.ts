import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  purchaseBehaviour,
  type PurchaseBehaviourParams,
} from '../../../../src/model/presets/purchase-behaviour';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const };

function params(overrides: Partial<PurchaseBehaviourParams>): PurchaseBehaviourParams {
  return { ...purchaseBehaviour.defaults(), ...overrides };
}

describe('purchase behaviour', () => {
  it('splits buyers by the p75 order count and the p80 average order value (defaults)', async () => {
    // Buyers' orders 1,1,2,4,8,8: p75 at position 3.75 -> 4 + 0.75 * 4 = 7, so only the 8s are
    // frequent (the 3 prospects must not count: with their zeros p75 would drop to 4 and make d
    // frequent). Average order values 40,60,70,90,300,500: p80 at position 4 -> 300.
    await createFeatures(engine, [
      { customer_id: 'a', frequency: 1, avg_order_value: 40 },
      { customer_id: 'b', frequency: 1, avg_order_value: 500 }, // big, not frequent
      { customer_id: 'c', frequency: 2, avg_order_value: 60 },
      { customer_id: 'd', frequency: 4, avg_order_value: 90 },
      { customer_id: 'e', frequency: 8, avg_order_value: 300 }, // frequent, on the big bar
      { customer_id: 'f', frequency: 8, avg_order_value: 70 }, // frequent, small basket
      { customer_id: 'p1', is_prospect: true },
      { customer_id: 'p2', is_prospect: true },
      { customer_id: 'p3', is_prospect: true },
    ]);
    const sql = purchaseBehaviour.toSql(purchaseBehaviour.defaults(), ctx);
    expect(await segmentsById(engine, sql)).toEqual({
      a: 'Occasional small-basket buyers',
      b: 'Occasional big-ticket buyers',
      c: 'Occasional small-basket buyers',
      d: 'Occasional small-basket buyers',
      e: 'Frequent big spenders',
      f: 'Frequent small-basket buyers',
      p1: 'No purchases',
      p2: 'No purchases',
      p3: 'No purchases',
    });
    const { rows } = await engine.query(sql);
    expect(rows[0]).toMatchObject({ frequency_threshold: 7, ticket_threshold: 300 });
  });

  it('never calls a single order high frequency, and can use the largest order', async () => {
    // Orders 1,1,1,1,2: p75 = 1, floored to 2 -> only u5 is frequent. Largest orders
    // 100..500: median 300. Average order values are all 1000, so using them would make all big.
    await createFeatures(engine, [
      { customer_id: 'u1', max_order_value: 100, avg_order_value: 1000 },
      { customer_id: 'u2', max_order_value: 200, avg_order_value: 1000 },
      { customer_id: 'u3', max_order_value: 300, avg_order_value: 1000 },
      { customer_id: 'u4', max_order_value: 400, avg_order_value: 1000 },
      { customer_id: 'u5', frequency: 2, max_order_value: 500, avg_order_value: 1000 },
    ]);
    const p = params({ ticketMeasure: 'max_order_value', ticketPercentile: 0.5 });
    expect(
      await segmentsById(engine, purchaseBehaviour.toSql(p, { ...ctx, lang: 'zh-CN' })),
    ).toEqual({
      u1: '低频小额客户',
      u2: '低频小额客户',
      u3: '低频大额客户',
      u4: '低频大额客户',
      u5: '高频大额客户',
    });
  });

  it('accepts a fixed order count', async () => {
    await createFeatures(engine, [
      { customer_id: 'two', frequency: 2, avg_order_value: 10 },
      { customer_id: 'three', frequency: 3, avg_order_value: 10 },
    ]);
    // Both order values equal the p80 (10), so both are big ticket; only 3 orders reach the cut.
    const p = params({ frequencyCut: 'absolute', frequencyMin: 3 });
    expect(await segmentsById(engine, purchaseBehaviour.toSql(p, ctx))).toEqual({
      two: 'Occasional big-ticket buyers',
      three: 'Frequent big spenders',
    });
  });

  it('validates parameters with readable messages', () => {
    expect(purchaseBehaviour.validate(purchaseBehaviour.defaults())).toEqual([]);
    const errors = purchaseBehaviour.validate(
      params({ ticketPercentile: 1.5, ticketMeasure: 'nope' as 'max_order_value' }),
    );
    expect(errors.map((e) => e.key)).toEqual(['ticketMeasure', 'ticketPercentile']);
    expect(errors[1]!.message).toEqual({
      en: 'Big ticket: order-value percentile must be between 0 and 1.',
      zh: '大额：订单金额分位数必须在0到1之间。',
    });
    const fixed = purchaseBehaviour.validate(params({ frequencyCut: 'absolute', frequencyMin: 1 }));
    expect(fixed.map((e) => e.key)).toEqual(['frequencyMin']);
    expect(() => purchaseBehaviour.toSql(params({ frequencyPercentile: Number.NaN }), ctx)).toThrow(
      /must be a number/,
    );
  });
});
