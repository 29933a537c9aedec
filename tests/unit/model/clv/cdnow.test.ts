import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  type BgNbdFit,
} from '../../../../src/model/clv/bgnbd';
import { customerLifetimeValue } from '../../../../src/model/clv/clv';
import { checkFitData, checkFitResult } from '../../../../src/model/clv/fit-warnings';
import {
  conditionalExpectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaFit,
} from '../../../../src/model/clv/gamma-gamma';
import { summaryFromRows, type CustomerSummary } from '../../../../src/model/clv/summary';
import { clvSummarySql } from '../../../../src/sql/clv-summary';
import { NodeEngine } from '../../../support/node-engine';
import { loadCdnow } from './cdnow-fixture';
import { amountSql } from '../../../../src/sql/amount';

/*
 * Validation on the CDNOW sample against published results:
 * - Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science
 *   24(2): BG/NBD estimates, log-likelihood, and the expectations of Hardie's spreadsheet
 *   (also asserted by lifetimes' tests/test_estimation.py).
 * - Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value": p, q, gamma.
 * - lifetimes' docs/Quickstart.md: conditional expected spend and 12-month CLV of the first
 *   customers of its cdnow_customers_summary_with_transactions data set.
 * Calibration: 1997-01-01 .. 1997-09-30 (39 weeks), unit weeks.
 */

let engine: NodeEngine;
let ids: number[];
let summary: CustomerSummary;
let bg: BgNbdFit;
let gg: GammaGammaFit;
let progressCalls = 0;
let lastProgressLl = Number.NaN;

beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadCdnow(engine, 'CDNOW_sample.txt', 'cdnow');
  const sql = clvSummarySql({
    relation: 'cdnow',
    customerId: 'sample_id',
    date: 'order_date',
    amountSql: amountSql({ amount: 'dollars' })!,
    calibrationEnd: '1997-09-30',
    unit: 'weeks',
  });
  const { rows } = await engine.query(sql);
  ids = rows.map((r) => Number(r.customer_id));
  summary = summaryFromRows(rows);
  bg = fitBgNbd(summary, {
    onProgress: (p) => {
      progressCalls++;
      lastProgressLl = p.logLikelihood;
    },
  });
  gg = fitGammaGamma(summary);
});
afterAll(() => engine.close());

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);

describe('CDNOW sample summary (calibration ends 1997-09-30, weeks)', () => {
  it('has 2,357 customers, 946 repeat buyers and 2,457 repeat purchases', async () => {
    // The summary is keyed by sample_id, which must name customers one to one.
    const { rows } = await engine.query(
      'SELECT count(DISTINCT customer_id) AS c, count(DISTINCT (customer_id, sample_id)) AS p FROM cdnow',
    );
    expect(rows[0]).toEqual({ c: 2357, p: 2357 });
    expect(summary.frequency.length).toBe(2357);
    expect(summary.frequency.filter((x) => x > 0).length).toBe(946);
    expect(sum(summary.frequency)).toBe(2457);
  });

  it("matches rows of lifetimes' published summary (IDs are the sample's customer numbers)", () => {
    // cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar (2 decimals).
    const published: [number, number, number, number, number][] = [
      [1, 2, 30.43, 38.86, 22.35],
      [2, 1, 1.71, 38.86, 11.77],
      [3, 0, 0, 38.86, 0],
      [6, 7, 29.43, 38.86, 73.74],
      [26, 1, 1.57, 38.71, 227.14],
      [59, 1, 38.43, 38.43, 6.49],
      [157, 29, 37.71, 38.0, 26.26],
    ];
    for (const [id, x, tx, T, m] of published) {
      const i = ids.indexOf(id);
      expect(summary.frequency[i]).toBe(x);
      within(summary.recency[i], tx, 0.005);
      within(summary.T[i], T, 0.005);
      within(summary.monetaryValue[i], m, 0.005 + 1e-9);
    }
  });

  it('raises no data warnings', () => {
    expect(checkFitData(summary)).toEqual([]);
  });
});

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('estimates r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 with LL = -9582.4', () => {
    expect(bg.converged).toBe(true);
    within(bg.r, 0.243, 0.005);
    within(bg.alpha, 4.414, 0.005);
    within(bg.a, 0.793, 0.005);
    within(bg.b, 2.426, 0.005);
    within(bg.logLikelihood, -9582.43, 0.05);
    expect(checkFitResult(bg)).toEqual([]);
  });

  it('reports the likelihood at its estimate, which no nearby parameters beat', () => {
    within(bgNbdLogLikelihood(bg, summary), bg.logLikelihood, 1e-6);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.995, 1.005]) {
        expect(bgNbdLogLikelihood({ ...bg, [key]: bg[key] * f }, summary)).toBeLessThan(
          bg.logLikelihood,
        );
      }
    }
  });

  it('reports progress up to the final log-likelihood', () => {
    expect(progressCalls).toBe(bg.iterations);
    within(lastProgressLl, bg.logLikelihood, 1e-6);
  });

  it('expects 1.226 purchases in 39 weeks for x = 2, t_x = 30.43, T = 38.86', () => {
    within(conditionalExpectedPurchases(bg, 39, 2, 30.43, 38.86), 1.226, 0.001);
  });

  it("gives Hardie's E[X(t)] for t = 1/7, 1, 3, 31.8571, 32 and 78 weeks", () => {
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const published = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => within(expectedPurchases(bg, t), published[i], 0.001));
  });
});

describe('Gamma-Gamma on the 946 CDNOW repeat buyers (Fader & Hardie 2013)', () => {
  it('estimates p = 6.25, q = 3.74, gamma = 15.44 with LL = -4055.92', () => {
    expect(gg.customers).toBe(946);
    expect(gg.converged).toBe(true);
    within(gg.p, 6.25, 0.01);
    within(gg.q, 3.74, 0.01);
    within(gg.gamma, 15.44, 0.01);
    within(gg.logLikelihood, -4055.92, 0.05);
    within(gammaGammaLogLikelihood(gg, summary), gg.logLikelihood, 1e-6);
  });
});

describe("lifetimes' Quickstart numbers (its data rounded to 2 decimals)", () => {
  // lifetimes fitted on cdnow_customers_summary_with_transactions.csv, whose values are rounded
  // to 2 decimals; round ours the same way to fit on identical data.
  const round = (a: Float64Array) => a.map((v) => Math.round(v * 100) / 100);
  let rounded: CustomerSummary;
  let bgR: BgNbdFit;
  let ggR: GammaGammaFit;
  beforeAll(() => {
    rounded = {
      frequency: summary.frequency,
      recency: round(summary.recency),
      T: round(summary.T),
      monetaryValue: round(summary.monetaryValue),
    };
    bgR = fitBgNbd(rounded);
    ggR = fitGammaGamma(rounded);
  });

  it('conditional expected average spend of customers 1, 2, 3, 6, 9', () => {
    const published: [number, number][] = [
      [1, 24.658619],
      [2, 18.911489],
      [3, 35.170981],
      [6, 71.462843],
      [9, 27.282408],
    ];
    for (const [id, expected] of published) {
      const i = ids.indexOf(id);
      const spend = conditionalExpectedAverageSpend(
        ggR,
        rounded.frequency[i],
        rounded.monetaryValue[i],
      );
      within(spend, expected, 0.001);
    }
  });

  it('12-month CLV at 1% a month (lifetimes used freq "D", i.e. 30 units a month)', () => {
    const published: [number, number][] = [
      [1, 140.096211],
      [2, 18.943467],
      [3, 38.180574],
      [6, 1003.868107],
      [7, 28.109683],
      [9, 167.418216],
    ];
    const clv = customerLifetimeValue(bgR, ggR, rounded, {
      months: 12,
      monthlyDiscountRate: 0.01,
      margin: 1,
      unit: 'days',
    });
    // Within 5e-5 relative: the two optimisers stop at slightly different points.
    for (const [id, expected] of published) within(clv[ids.indexOf(id)], expected, expected * 5e-5);
  });
});
