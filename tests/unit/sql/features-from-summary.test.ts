import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableMapping } from '../../../src/domain/roles';
import { guessRoles } from '../../../src/model/guess-roles';
import { summaryGap } from '../../../src/model/order-history';
import { presetParams } from '../../../src/model/preset-params';
import { PRESETS } from '../../../src/model/presets';
import { featuresSql } from '../../../src/sql/features';
import {
  SUMMARY_GAPS,
  summaryAsOfSql,
  summaryFeaturesSql,
} from '../../../src/sql/features-from-summary';
import { FEATURE_COLUMNS, type FeatureColumn } from '../../support/features-fixture';
import { NodeEngine } from '../../support/node-engine';
import { AS_OF, CUSTOMERS, HAND_SUMMARY, ORDERS, createShop } from '../../support/summary-fixture';

const d = (day: string) => new Date(`${day}T00:00:00Z`);

const HAND: TableMapping = {
  table: '客户汇总',
  kind: 'summary',
  columns: guessRoles('summary', [
    '客户ID',
    '首次购买日期',
    '最近购买日期',
    '订单数',
    '消费总额',
    '省份',
  ]),
};
const RECENCY: TableMapping = {
  table: 'recency_only',
  kind: 'summary',
  columns: guessRoles('summary', ['customer_id', 'recency', 'orders', 'monetary']),
};

/** Columns a features table from a summary shares with one from orders (the rest are NULL). */
const SHARED = (Object.keys(FEATURE_COLUMNS) as FeatureColumn[]).filter(
  (c) => !(c in SUMMARY_GAPS),
);

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createShop(engine);
  const common = { asOf: AS_OF, customers: CUSTOMERS };
  await engine.exec(featuresSql({ ...common, name: 'from_orders', orders: ORDERS }));
  await engine.exec(summaryFeaturesSql({ ...common, name: 'from_hand', summary: HAND }));
  await engine.exec(summaryFeaturesSql({ ...common, name: 'from_recency', summary: RECENCY }));
});
afterAll(() => engine.close());

async function rows(table: string) {
  return (await engine.query(`SELECT * FROM ${table} ORDER BY customer_id`)).rows;
}

describe('summaryFeaturesSql', () => {
  it('guesses the Chinese and English summary headers', () => {
    expect(HAND.columns).toEqual({
      customerId: '客户ID',
      firstOrderDate: '首次购买日期',
      lastOrderDate: '最近购买日期',
      orderCount: '订单数',
      totalSpend: '消费总额',
      province: '省份',
    });
    expect(RECENCY.columns).toEqual({
      customerId: 'customer_id',
      recencyDays: 'recency',
      orderCount: 'orders',
      totalSpend: 'monetary',
    });
  });

  it('makes the columns and types of the features table from orders', async () => {
    for (const table of ['from_hand', 'from_recency']) {
      const { rows: described } = await engine.query(`DESCRIBE ${table}`);
      expect(Object.fromEntries(described.map((r) => [r.column_name, r.column_type]))).toEqual(
        FEATURE_COLUMNS,
      );
    }
  });

  it('gives the hand-worked numbers, and the prospect from the customers table', async () => {
    const hand = await rows('from_hand');
    expect(hand.map((r) => r.customer_id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'P']);
    for (const [id, first, last, days, n, spend, province] of HAND_SUMMARY) {
      const r = hand.find((x) => x.customer_id === id)!;
      expect(r).toMatchObject({
        is_prospect: false,
        first_order_date: d(first),
        last_order_date: d(last),
        recency_days: days,
        frequency: n,
        purchase_days: n,
        monetary: spend,
        avg_order_value: spend / n,
        max_order_value: null,
        discount_share: null,
        province,
      });
    }
    const p = hand.find((x) => x.customer_id === 'P')!;
    expect(p).toMatchObject({ is_prospect: true, frequency: 0, monetary: 0, recency_days: null });
    expect(hand.find((x) => x.customer_id === 'A')).toMatchObject({
      customer_type: 'VIP',
      tenure_days: 56, // 2024-01-05 to 2024-03-01
      avg_interpurchase_days: 25.5, // 51 days over 2 gaps
    });
  });

  it('equals the features from the orders in every column the summary can give', async () => {
    const fromOrders = await rows('from_orders');
    const fromHand = await rows('from_hand');
    expect(fromHand.length).toBe(fromOrders.length);
    fromOrders.forEach((o, i) => {
      const s = fromHand[i]!;
      for (const column of SHARED) {
        const [a, b] = [o[column], s[column]];
        if (typeof a === 'number' && typeof b === 'number') expect(b, column).toBeCloseTo(a, 9);
        else expect(b, `${String(o.customer_id)}.${column}`).toEqual(a);
      }
    });
  });

  it('reads recency days as days before the analysis date, without a first date', async () => {
    const fromOrders = await rows('from_orders');
    const fromRecency = await rows('from_recency');
    fromOrders.forEach((o, i) => {
      const s = fromRecency[i]!;
      for (const column of [
        'customer_id',
        'last_order_date',
        'recency_days',
        'frequency',
        'monetary',
      ])
        expect(s[column], column).toEqual(o[column]);
      expect(s.first_order_date).toBeNull();
      expect(s.tenure_days).toBeNull();
    });
  });

  it('adds up several rows of one customer and takes 0 orders as a prospect', async () => {
    await engine.exec(`CREATE OR REPLACE TABLE split AS SELECT * FROM (VALUES
      ('A', DATE '2024-01-05', DATE '2024-02-10', 2, 100.0),
      ('A ', DATE '2024-02-25', DATE '2024-02-25', 1, 30.0),
      ('Z', NULL, NULL, 0, 0.0)) AS t(id, first, last, n, spend)`);
    const split: TableMapping = {
      table: 'split',
      kind: 'summary',
      columns: {
        customerId: 'id',
        firstOrderDate: 'first',
        lastOrderDate: 'last',
        orderCount: 'n',
        totalSpend: 'spend',
      },
    };
    await engine.exec(summaryFeaturesSql({ name: 'f_split', asOf: AS_OF, summary: split }));
    const [a, z] = await rows('f_split');
    expect(a).toMatchObject({
      customer_id: 'A',
      frequency: 3,
      monetary: 130,
      recency_days: 5,
      tenure_days: 56,
    });
    expect(z).toMatchObject({
      customer_id: 'Z',
      is_prospect: true,
      frequency: 0,
      last_order_date: null,
    });
  });

  it('defaults the analysis date to the day after the last purchase, and to none for recency', async () => {
    const { rows: r } = await engine.query(summaryAsOfSql(HAND)!);
    expect(r[0]!.as_of).toBe('2024-02-29');
    expect(summaryAsOfSql(RECENCY)).toBeNull();
  });

  it('refuses a summary without a last purchase date or recency days', () => {
    const { lastOrderDate: _, ...columns } = HAND.columns;
    expect(() =>
      summaryFeaturesSql({ name: 'x', asOf: AS_OF, summary: { ...HAND, columns } }),
    ).toThrow(/Last purchase date column, or Days since last purchase/);
  });
});

describe('presets over features from a summary', () => {
  it('put every customer in the same segment as from orders, or say why they cannot', async () => {
    const compared: string[] = [];
    const refused: string[] = [];
    for (const preset of PRESETS) {
      const params = presetParams(preset, { params: {} });
      const sqlOf = (features: string) =>
        preset.toSql(params, { features, asOf: AS_OF, lang: 'en', churnDays: 60 });
      if (summaryGap(sqlOf('from_hand'), HAND)) {
        refused.push(preset.id);
        continue;
      }
      const segments = async (features: string) =>
        (
          await engine.query(
            `SELECT customer_id, segment FROM (${sqlOf(features)}) ORDER BY customer_id`,
          )
        ).rows;
      expect(await segments('from_hand'), preset.id).toEqual(await segments('from_orders'));
      compared.push(preset.id);
    }
    expect(refused).toEqual(['needs']);
    expect(compared.length).toBe(PRESETS.length - 1);
  });

  it('refuses tenure without a first purchase date', () => {
    expect(summaryGap('SELECT tenure_days FROM f', RECENCY)?.en).toMatch(/First purchase date/);
    expect(summaryGap('SELECT tenure_days FROM f', HAND)).toBeNull();
    expect(summaryGap('SELECT max_order_value FROM f', HAND)?.zh).toMatch(/最大单笔订单/);
  });
});
