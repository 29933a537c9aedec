import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../../src/engine/types';
import { rfmPreset, type RfmParams } from '../../../../src/model/presets/rfm';
import type { RfmRule } from '../../../../src/model/presets/rfm-rules';
import { featuresSql } from '../../../../src/sql/features';
import { rfmSummarySql, rfmThresholdsSql, type RfmBinning } from '../../../../src/sql/rfm';
import { str } from '../../../../src/sql/quote';
import { NodeEngine } from '../../../support/node-engine';

const ORACLE = fileURLToPath(new URL('../../../fixtures/rfm-oracle/', import.meta.url));
const CUSTOM: RfmParams = {
  ...rfmPreset.defaults(),
  recencyThresholds: '115, 181, 297, 482',
  frequencyThresholds: '4, 5, 6, 8',
  monetaryThresholds: '256, 382, 506, 666',
};

let engine: NodeEngine;

async function csv(file: string): Promise<Row[]> {
  engine.registerPath(`/seglab/${file}`, `${ORACLE}${file}`);
  return (await engine.query(`SELECT * FROM read_csv(${str(`/seglab/${file}`)})`)).rows;
}

function params(bins: number, rules: RfmRule[] = []): RfmParams {
  return {
    ...rfmPreset.defaults(),
    recencyBins: bins,
    frequencyBins: bins,
    monetaryBins: bins,
    rules,
  };
}

async function run(p: RfmParams, features: string): Promise<Row[]> {
  return (await engine.query(rfmPreset.toSql(p, { features, asOf: '2006-12-31', lang: 'en' })))
    .rows;
}

const SCORE_COLUMNS = ['recency_score', 'frequency_score', 'monetary_score', 'rfm_score'];

/** Both sides as [customer_id, recency, frequency, monetary, scores..., segment?] sorted by id. */
function oracleRows(rows: Row[], withSegment: boolean): unknown[][] {
  return rows
    .map((r) => [
      String(r.customer_id),
      r.recency_days,
      r.transaction_count,
      r.amount,
      ...SCORE_COLUMNS.map((c) => r[c]),
      ...(withSegment ? [r.segment] : []),
    ])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function ourRows(rows: Row[], withSegment: boolean): unknown[][] {
  return oracleRows(
    rows.map((r) => ({ ...r, transaction_count: r.frequency, amount: r.monetary })),
    withSegment,
  );
}

async function expectScores(p: RfmParams, features: string, file: string, count: number) {
  const expected = await csv(file);
  expect(expected).toHaveLength(count);
  expect(ourRows(await run(p, features), false)).toEqual(oracleRows(expected, false));
}

async function expectThresholds(binning: RfmBinning[], source: string, file: string) {
  const [recency, frequency, monetary] = binning as [RfmBinning, RfmBinning, RfmBinning];
  const { rows } = await engine.query(rfmThresholdsSql({ source, recency, frequency, monetary }));
  const expected = await csv(file);
  expect(expected.length).toBeGreaterThanOrEqual(3);
  expect(rows).toHaveLength(expected.length * 3);
  for (const dimension of ['recency', 'frequency', 'monetary']) {
    const ours = rows.filter((r) => r.dimension === dimension);
    expected.forEach((e, i) => {
      expect(ours[i]!.bin).toBe(i + 1);
      expect(ours[i]!.lower).toBeCloseTo(e[`${dimension}_lower`] as number, 9);
      expect(ours[i]!.upper).toBeCloseTo(e[`${dimension}_upper`] as number, 9);
    });
  }
}

async function rulesFrom(file: string): Promise<RfmRule[]> {
  const range = (r: Row, d: string) => [r[`${d}_lower`], r[`${d}_upper`]] as [number, number];
  return (await csv(file)).map((r) => ({
    key: String(r.segment),
    label: String(r.segment),
    recency: range(r, 'recency'),
    frequency: range(r, 'frequency'),
    monetary: range(r, 'monetary'),
  }));
}

beforeAll(async () => {
  engine = await NodeEngine.start();
  engine.registerPath('/seglab/orders.csv', `${ORACLE}rfm_data_orders.csv`);
  engine.registerPath('/seglab/customer.csv', `${ORACLE}rfm_data_customer.csv`);
  await engine.exec(`CREATE TABLE rfm_orders AS SELECT * FROM read_csv('/seglab/orders.csv')`);
  await engine.exec(
    featuresSql({
      name: 'order_features',
      asOf: '2006-12-31',
      orders: {
        table: 'rfm_orders',
        kind: 'orders',
        columns: { customerId: 'customer_id', orderDate: 'order_date', amount: 'revenue' },
      },
    }),
  );
  // rfm_table_customer reads recency_days as given; rfm_table_customer_2 derives it from the date.
  await engine.exec(`CREATE TABLE customer_level AS
    SELECT customer_id, recency_days, number_of_orders AS frequency, revenue AS monetary
    FROM read_csv('/seglab/customer.csv')`);
  await engine.exec(`CREATE TABLE customer_dates AS
    SELECT customer_id, date_diff('day', most_recent_visit, DATE '2007-01-01') AS recency_days,
      number_of_orders AS frequency, revenue AS monetary
    FROM read_csv('/seglab/customer.csv')`);
});
afterAll(() => engine.close());

describe('RFM preset against the R rfm package (v0.3.0)', () => {
  it.each([5, 4, 3])('matches rfm_table_order with %i bins, every customer', async (bins) => {
    await expectScores(
      params(bins),
      'order_features',
      `expected/orders_2006-12-31_bins${bins}.csv`,
      995,
    );
  });

  it('matches rfm_table_order with custom thresholds, every customer', async () => {
    await expectScores(
      CUSTOM,
      'order_features',
      'expected/orders_2006-12-31_custom_thresholds.csv',
      995,
    );
  });

  it('matches rfm_table_customer on customer-level data, all 39,999 rows', async () => {
    await expectScores(
      params(5),
      'customer_level',
      'expected/customer_2007-01-01_bins5.csv',
      39999,
    );
  });

  it('matches rfm_table_customer_2 (recency from the last-visit date), all 39,999 rows', async () => {
    await expectScores(
      params(5),
      'customer_dates',
      'expected/customer_dates_2007-01-01_bins5.csv',
      39999,
    );
  });

  it.each([5, 4, 3])('reproduces the threshold table for %i bins', async (bins) => {
    const b = { bins };
    await expectThresholds(
      [b, b, b],
      'order_features',
      `expected/orders_2006-12-31_bins${bins}_thresholds.csv`,
    );
  });

  it('reproduces the custom and customer-level threshold tables', async () => {
    const cuts = [
      [115, 181, 297, 482],
      [4, 5, 6, 8],
      [256, 382, 506, 666],
    ].map((c) => ({ cuts: c }));
    await expectThresholds(
      cuts,
      'order_features',
      'expected/orders_2006-12-31_custom_thresholds_thresholds.csv',
    );
    const five = { bins: 5 };
    await expectThresholds(
      [five, five, five],
      'customer_level',
      'expected/customer_2007-01-01_bins5_thresholds.csv',
    );
  });

  it.each(['readme', 'test'])(
    'matches rfm_segment and rfm_segment_summary with the %s rule table (first match wins)',
    async (config) => {
      const rules = await rulesFrom(`expected/segment_rules_${config}_config.csv`);
      const sql = rfmPreset.toSql(params(5, rules), {
        features: 'order_features',
        asOf: '2006-12-31',
        lang: 'en',
      });
      await engine.exec(`CREATE OR REPLACE TABLE segmented AS ${sql}`);
      const ours = (await engine.query('SELECT * FROM segmented')).rows;
      const expected = await csv(`expected/segments_${config}_config.csv`);
      expect(expected).toHaveLength(995);
      expect(ourRows(ours, true)).toEqual(oracleRows(expected, true));

      const summary = (await engine.query(rfmSummarySql({ table: 'segmented' }))).rows.map((r) => ({
        ...r,
        aov: Math.round((r.aov as number) * 100) / 100,
      }));
      expect(summary).toEqual(await csv(`expected/segment_summary_${config}_config.csv`));
    },
  );
});

describe('RFM preset', () => {
  const ctx = (lang: 'en' | 'zh-CN') => ({ features: 'small_features', asOf: '2024-01-31', lang });

  beforeAll(async () => {
    await engine.exec(`
      CREATE TABLE small_orders AS SELECT * FROM (VALUES
        ('W', DATE '2024-01-30', 100), ('W', DATE '2024-01-20', 100), ('W', DATE '2024-01-10', 100),
        ('X', DATE '2024-01-29', 20),
        ('Y', DATE '2024-01-01', 200), ('Y', DATE '2024-01-02', 200),
        ('Z', DATE '2024-01-05', 10)
      ) AS t(cid, day, paid);
      CREATE TABLE small_customers AS SELECT * FROM (VALUES ('W'), ('P')) AS t(cid);
    `);
    await engine.exec(
      featuresSql({
        name: 'small_features',
        asOf: '2024-01-31',
        orders: {
          table: 'small_orders',
          kind: 'orders',
          columns: { customerId: 'cid', orderDate: 'day', amount: 'paid' },
        },
        customers: { table: 'small_customers', kind: 'customers', columns: { customerId: 'cid' } },
      }),
    );
  });

  it('names the classic eight against the mean score, in both languages', async () => {
    /*
     * Two bins: medians (type 7) of recency 1,2,26,29 -> 14, frequency 1,1,2,3 -> 1.5,
     * monetary 10,20,300,400 -> 160; cuts 15, 2.5, 161. Scores W 222, X 211, Y 112, Z 111.
     * Mean scores: R 1.5, F 1.25, M 1.5, so W is high on all three, X only on R, Y only on M.
     */
    const p = { ...params(2, rfmPreset.defaults().rules) };
    const zh = (await engine.query(`${rfmPreset.toSql(p, ctx('zh-CN'))} ORDER BY customer_id`))
      .rows;
    expect(zh.map((r) => [r.customer_id, r.rfm_score, r.segment])).toEqual([
      ['P', null, '潜在客户'],
      ['W', 222, '重要价值客户'],
      ['X', 211, '一般发展客户'],
      ['Y', 112, '重要挽留客户'],
      ['Z', 111, '一般挽留客户'],
    ]);
    const en = (await engine.query(`${rfmPreset.toSql(p, ctx('en'))} ORDER BY customer_id`)).rows;
    expect(en.map((r) => r.segment)).toEqual([
      'Prospects',
      'Important value',
      'General development',
      'Important win-back',
      'General win-back',
    ]);
  });

  it('returns the contract columns', async () => {
    const { columns } = await engine.query(rfmPreset.toSql(params(5), ctx('en')));
    expect(columns.map((c) => c.name)).toEqual([
      'customer_id',
      'recency_days',
      'frequency',
      'monetary',
      'recency_score',
      'frequency_score',
      'monetary_score',
      'rfm_score',
      'segment',
    ]);
  });

  it('accepts its defaults and rejects bad parameters with messages in both languages', () => {
    const ok = rfmPreset.defaults();
    expect(rfmPreset.validate(ok)).toEqual([]);
    const keys = (p: Partial<RfmParams>) => rfmPreset.validate({ ...ok, ...p }).map((e) => e.key);
    expect(keys({ recencyBins: 1 })).toEqual(['recencyBins']);
    expect(keys({ frequencyBins: 10 })).toEqual(['frequencyBins']);
    expect(keys({ monetaryBins: 2.5 })).toEqual(['monetaryBins']);
    expect(keys({ recencyBins: 0, recencyThresholds: '30, 90' })).toEqual([]);
    expect(keys({ recencyThresholds: '30, ninety' })).toEqual(['recencyThresholds']);
    expect(keys({ frequencyThresholds: '5, 3' })).toEqual(['frequencyThresholds']);
    expect(keys({ frequencyThresholds: '5, 5' })).toEqual(['frequencyThresholds']);
    expect(keys({ monetaryThresholds: '1 2 3 4 5 6 7 8 9' })).toEqual(['monetaryThresholds']);
    expect(keys({ cutStatistic: 'mode' as never })).toEqual(['cutStatistic']);
    const rule = ok.rules[0]!;
    expect(keys({ rules: [{ ...rule, recency: [0, 3] }] })).toEqual(['rules']);
    expect(keys({ rules: [{ ...rule, frequency: [4, 2] }] })).toEqual(['rules']);
    expect(keys({ rules: [{ ...rule, monetary: 'top' as never }] })).toEqual(['rules']);
    expect(keys({ rules: [{ ...rule, label: { en: 'X', zh: ' ' } }] })).toEqual(['rules']);
    expect(keys({ rules: null as never })).toEqual(['rules']);

    const [error] = rfmPreset.validate({ ...ok, frequencyThresholds: '5, 3' });
    expect(error!.message).toEqual({
      en: 'Frequency thresholds must increase.',
      zh: '消费频次（F）分界点必须递增。',
    });
    expect(() => rfmPreset.toSql({ ...ok, recencyBins: 12 }, ctx('en'))).toThrow(
      /Recency bins must be between 2 and 9[\s\S]*最近消费（R）分档数必须在2到9之间/,
    );
    expect(rfmPreset.validate(undefined as never).map((e) => e.key)).toEqual([
      'recencyBins',
      'frequencyBins',
      'monetaryBins',
      'cutStatistic',
      'rules',
    ]);
    expect(keys({ recencyThresholds: 42 as never })).toEqual(['recencyThresholds']);
  });

  it('describes every segment with a strategy in both languages', () => {
    const segments = rfmPreset.segments(rfmPreset.defaults());
    expect(segments.map((s) => s.key)).toEqual([
      'important-value',
      'important-development',
      'important-retention',
      'important-win-back',
      'general-value',
      'general-development',
      'general-retention',
      'general-win-back',
      'others',
      'prospects',
    ]);
    for (const s of segments) {
      expect(s.label.en && s.label.zh && s.strategy.en && s.strategy.zh).toBeTruthy();
    }
    expect(segments[3]!.definition).toEqual({
      en: 'R low · F low · M high',
      zh: 'R 低 · F 低 · M 高',
    });
    const plain = rfmPreset.segments(
      params(5, [
        { key: 'vip', label: 'VIP', recency: [4, 5], frequency: [1, 5], monetary: [1, 5] },
      ]),
    );
    expect(plain[0]).toMatchObject({
      label: { en: 'VIP', zh: 'VIP' },
      definition: { en: 'R 4–5 · F 1–5 · M 1–5' },
    });
  });
});
