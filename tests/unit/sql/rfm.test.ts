import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  rfmSql,
  rfmSummarySql,
  rfmThresholdsSql,
  type RfmBinning,
  type RfmSegmentRule,
  type RfmSqlInput,
} from '../../../src/sql/rfm';
import { NodeEngine } from '../../support/node-engine';

/*
 * Eleven customers and one prospect. Recency and frequency both take the values
 * 1,1,1,2,2,3,4,5,5,6,10; monetary takes 10..110. Quantile type 7 at 0.2/0.4/0.6/0.8 sits on
 * positions 2/4/6/8 (0-based) of the sorted values: 1, 2, 4, 5 for recency and frequency, so
 * the cuts (quantile + 1) are 2, 3, 5, 6; and 30, 50, 70, 90 for monetary, cuts 31, 51, 71, 91.
 */
const CUSTOMERS = `
  ('c01', 1, 10, 110), ('c02', 1, 6, 100), ('c03', 1, 5, 90), ('c04', 2, 5, 80),
  ('c05', 2, 4, 70), ('c06', 3, 3, 60), ('c07', 4, 2, 50), ('c08', 5, 2, 40),
  ('c09', 5, 1, 30), ('c10', 6, 1, 20), ('c11', 10, 1, 10), ('p01', NULL, 0, 0)`;

/** Scores worked out from the cuts above: recency 1 -> 5, 2 -> 4, 3..4 -> 3, 5 -> 2, 6+ -> 1. */
const SCORES: Record<string, number | null> = {
  c01: 555,
  c02: 555,
  c03: 544,
  c04: 444,
  c05: 433,
  c06: 333,
  c07: 322,
  c08: 222,
  c09: 211,
  c10: 111,
  c11: 111,
  p01: null,
};

const FIVE: RfmBinning = { bins: 5 };

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE feats AS SELECT * FROM (VALUES ${CUSTOMERS})
    AS t(customer_id, recency_days, frequency, monetary)`);
});
afterAll(() => engine.close());

function input(overrides: Partial<RfmSqlInput> = {}): RfmSqlInput {
  return {
    source: 'feats',
    recency: FIVE,
    frequency: FIVE,
    monetary: FIVE,
    rules: [],
    cutStatistic: 'mean',
    otherSegment: 'Others',
    prospectSegment: 'Prospects',
    ...overrides,
  };
}

async function byCustomer(sql: string, column: string) {
  const { rows } = await engine.query(`SELECT * FROM (${sql}) ORDER BY customer_id`);
  return Object.fromEntries(rows.map((r) => [r.customer_id as string, r[column]]));
}

describe('rfmSql', () => {
  it('scores by quantile bins with R rfm cuts: ties share a score, a value equal to a cut goes above it', async () => {
    expect(await byCustomer(rfmSql(input()), 'rfm_score')).toEqual(SCORES);
  });

  it('gives prospects no scores and keeps them out of the cut points', async () => {
    const rows = (await engine.query(rfmSql(input()))).rows;
    const prospect = rows.find((r) => r.customer_id === 'p01')!;
    expect(prospect).toMatchObject({
      recency_score: null,
      frequency_score: null,
      monetary_score: null,
      segment: 'Prospects',
    });
    // With the prospect's frequency 0 counted, the 0.2 quantile would drop to 1 -> cut 2 moves.
    expect(rows.find((r) => r.customer_id === 'c09')!.frequency_score).toBe(1);
  });

  it('interpolates quantiles between values (3 bins on monetary)', async () => {
    // Positions 10/3 and 20/3: 40 + (50-40)/3 = 130/3 and 70 + 2(80-70)/3 = 230/3, plus 1.
    const scores = await byCustomer(rfmSql(input({ monetary: { bins: 3 } })), 'monetary_score');
    expect(scores).toMatchObject({ c08: 1, c07: 2, c05: 2, c04: 3, c01: 3 });
    const { rows } = await engine.query(
      rfmThresholdsSql({ source: 'feats', recency: FIVE, frequency: FIVE, monetary: { bins: 3 } }),
    );
    const monetary = rows.filter((r) => r.dimension === 'monetary');
    expect(monetary.map((r) => r.lower)).toEqual([
      10,
      expect.closeTo(133 / 3, 8),
      expect.closeTo(233 / 3, 8),
    ]);
    expect(monetary.map((r) => r.upper)).toEqual([
      expect.closeTo(133 / 3, 8),
      expect.closeTo(233 / 3, 8),
      111,
    ]);
  });

  it('uses custom cut points as given, with a different number of scores per dimension', async () => {
    const sql = rfmSql(input({ recency: { cuts: [3] }, frequency: { cuts: [2, 5] } }));
    expect(await byCustomer(sql, 'recency_score')).toMatchObject({ c05: 2, c06: 1, c11: 1 });
    expect(await byCustomer(sql, 'frequency_score')).toMatchObject({
      c09: 1,
      c08: 2,
      c05: 2,
      c04: 3,
    });
  });

  it('lists each bin with R bounds: lowest value, the cuts, highest value + 1', async () => {
    const { rows } = await engine.query(
      rfmThresholdsSql({
        source: 'feats',
        recency: FIVE,
        frequency: { cuts: [2, 5] },
        monetary: FIVE,
      }),
    );
    expect(rows.filter((r) => r.dimension === 'recency')).toEqual([
      { dimension: 'recency', bin: 1, score: 5, lower: 1, upper: 2 },
      { dimension: 'recency', bin: 2, score: 4, lower: 2, upper: 3 },
      { dimension: 'recency', bin: 3, score: 3, lower: 3, upper: 5 },
      { dimension: 'recency', bin: 4, score: 2, lower: 5, upper: 6 },
      { dimension: 'recency', bin: 5, score: 1, lower: 6, upper: 11 },
    ]);
    expect(rows.filter((r) => r.dimension === 'frequency').map((r) => [r.lower, r.upper])).toEqual([
      [1, 2],
      [2, 5],
      [5, 11],
    ]);
  });

  it('names segments by the first matching rule, unmatched ones Others', async () => {
    const rules: RfmSegmentRule[] = [
      { segment: 'Top', recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
      { segment: 'Recent', recency: [4, 5], frequency: [1, 5], monetary: [1, 5] },
      { segment: "Low 'n' slow", recency: [1, 2], frequency: [1, 2], monetary: [1, 2] },
    ];
    expect(await byCustomer(rfmSql(input({ rules })), 'segment')).toEqual({
      c01: 'Top',
      c02: 'Top',
      c03: 'Top',
      c04: 'Top',
      c05: 'Recent',
      c06: 'Others',
      c07: 'Others',
      c08: "Low 'n' slow",
      c09: "Low 'n' slow",
      c10: "Low 'n' slow",
      c11: "Low 'n' slow",
      p01: 'Prospects',
    });
  });

  it('compares high / low with the mean or the median score', async () => {
    // R scores 5,5,5,4,4,3,3,2,2,1,1: mean 35/11, median 3; F and M: mean 31/11, median 3.
    const rules: RfmSegmentRule[] = [
      { segment: 'HHH', recency: 'high', frequency: 'high', monetary: 'high' },
      { segment: 'LHH', recency: 'low', frequency: 'high', monetary: 'high' },
      { segment: 'HLL', recency: 'high', frequency: 'low', monetary: 'low' },
      { segment: 'LLL', recency: 'low', frequency: 'low', monetary: 'low' },
    ];
    const mean = await byCustomer(rfmSql(input({ rules, cutStatistic: 'mean' })), 'segment');
    expect(mean).toMatchObject({ c04: 'HHH', c05: 'HHH', c06: 'LHH', c07: 'LLL' });
    const median = await byCustomer(rfmSql(input({ rules, cutStatistic: 'median' })), 'segment');
    expect(median).toMatchObject({ c04: 'HHH', c05: 'HLL', c06: 'LLL', c07: 'LLL' });
  });

  it('quotes the source relation and segment names', async () => {
    await engine.exec(`CREATE TABLE "my ""odd"" table" AS SELECT * FROM feats`);
    const sql = rfmSql(input({ source: 'my "odd" table', otherSegment: "Didn't match" }));
    expect(await byCustomer(sql, 'segment')).toMatchObject({ c01: "Didn't match" });
  });
});

describe('rfmSummarySql', () => {
  it('sums customers, orders and revenue per segment', async () => {
    const rules: RfmSegmentRule[] = [
      { segment: 'Top', recency: [5, 5], frequency: [4, 5], monetary: [4, 5] },
    ];
    const { rows } = await engine.query(rfmSummarySql({ sql: rfmSql(input({ rules })) }));
    expect(rows).toEqual([
      // c04..c11: frequency 5+4+3+2+2+1+1+1 = 19, monetary 80+70+...+10 = 360.
      { segment: 'Others', customers: 8, orders: 19, revenue: 360, aov: 360 / 19 },
      { segment: 'Prospects', customers: 1, orders: 0, revenue: 0, aov: null },
      // c01..c03: frequency 10+6+5 = 21, monetary 110+100+90 = 300.
      { segment: 'Top', customers: 3, orders: 21, revenue: 300, aov: 300 / 21 },
    ]);
  });
});

describe('rfm SQL input checks', () => {
  it('rejects bin counts and cut points it cannot score with', () => {
    expect(() => rfmSql(input({ recency: { bins: 10 } }))).toThrow(/RFM recency: use 2 to 9 bins/);
    expect(() => rfmSql(input({ monetary: { cuts: [5, 1] } }))).toThrow(/increasing cut points/);
    expect(() =>
      rfmThresholdsSql({ source: '', recency: FIVE, frequency: FIVE, monetary: FIVE }),
    ).toThrow(/features table/);
  });
});
