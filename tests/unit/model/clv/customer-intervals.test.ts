import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, conditionalExpectedPurchases } from '../../../../src/model/clv/bgnbd';
import { customerLifetimeValue } from '../../../../src/model/clv/clv';
import {
  drawParameters,
  INTERVAL_QUANTILES,
  logScaleCovariance,
  quantileSorted,
} from '../../../../src/model/clv/customer-intervals';
import { paretoNbdConditionalExpectedPurchases } from '../../../../src/model/clv/pareto-nbd';
import { predict, type PredictResult } from '../../../../src/model/clv/predict';
import { amountSql } from '../../../../src/sql/amount';
import { clvSummarySql } from '../../../../src/sql/clv-summary';
import { NodeEngine } from '../../../support/node-engine';
import { loadCdnow } from './cdnow-fixture';

/*
 * The CDNOW sample, calibration to 1997-09-30 in weeks (Fader, Hardie & Lee 2005), 12 months'
 * horizon, 200 bootstrap draws.
 */
const SETTINGS = {
  unit: 'weeks' as const,
  horizonMonths: 12,
  monthlyDiscountRate: 0.01,
  margin: 0.3,
  intervals: { draws: 200, seed: 7 },
};

let engine: NodeEngine;
let rows: Record<string, unknown>[];
let full: PredictResult;
let half: PredictResult;

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
  rows = (await engine.query(sql)).rows;
  full = predict(rows, SETTINGS);
  half = predict(
    rows.filter((_, i) => i % 2 === 0),
    SETTINGS,
  );
}, 120_000);
afterAll(() => engine.close());

/** Quantile by R's type 7, written out: (n - 1) p, then linear between neighbours. */
function quantile7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const below = s[Math.floor(pos)]!;
  const above = s[Math.ceil(pos)]!;
  return below + (pos - Math.floor(pos)) * (above - below);
}

describe('the pieces', () => {
  it('takes quantiles between order statistics, as R type 7 and numpy do', () => {
    // numpy.quantile([1, 2, 3, 4, 5], [0.05, 0.95]) = [1.2, 4.8]
    expect(quantileSorted([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 12);
    expect(quantileSorted([3], 0.05)).toBe(3);
    expect(INTERVAL_QUANTILES).toEqual([0.05, 0.95]);
  });

  it('turns a covariance into that of the logarithms: cov_ij / (theta_i theta_j)', () => {
    const c = logScaleCovariance(
      [2, 4],
      [
        [0.4, 0.2],
        [0.2, 1.6],
      ],
    );
    expect(c[0]![0]).toBeCloseTo(0.1, 14);
    expect(c[0]![1]).toBeCloseTo(0.025, 14);
    expect(c[1]![1]).toBeCloseTo(0.1, 14);
  });

  it('draws log-parameters with the given mean and covariance, the same for one seed', () => {
    const values = [2, 4];
    const cov = [
      [0.4, 0.2],
      [0.2, 1.6],
    ];
    const draws = drawParameters(values, cov, { draws: 20_000, seed: 3 })!;
    expect(drawParameters(values, cov, { draws: 20_000, seed: 3 })).toEqual(draws);
    const logs = draws.map((d) => d.map(Math.log));
    const mean = [0, 1].map((k) => logs.reduce((s, d) => s + d[k]!, 0) / logs.length);
    // Standard error of a mean of 20,000 draws of sd sqrt(0.1): 0.0022.
    expect(Math.abs(mean[0]! - Math.log(2))).toBeLessThan(0.01);
    expect(Math.abs(mean[1]! - Math.log(4))).toBeLessThan(0.01);
    const cov01 =
      logs.reduce((s, d) => s + (d[0]! - mean[0]!) * (d[1]! - mean[1]!), 0) / (logs.length - 1);
    const var0 = logs.reduce((s, d) => s + (d[0]! - mean[0]!) ** 2, 0) / (logs.length - 1);
    expect(Math.abs(var0 - 0.1)).toBeLessThan(0.005);
    expect(Math.abs(cov01 - 0.025)).toBeLessThan(0.004);
    expect(
      drawParameters(
        values,
        [
          [1, 2],
          [2, 1],
        ],
        { draws: 5, seed: 1 },
      ),
    ).toBeNull();
  });
});

describe('bootstrap intervals on CDNOW', () => {
  it('uses the purchase fit’s covariance: it matches a log-parameter Hessian of its own', () => {
    const iv = full.intervals!;
    expect(iv.purchaseDraws).toHaveLength(200);
    expect(iv.spendDraws).toHaveLength(200);
    // An independent Hessian of -LL in u = log(theta), step 1e-3, inverted by Gauss-Jordan.
    const names = ['r', 'alpha', 'a', 'b'];
    const u = names.map((n) => Math.log(full.fit.params[n]!));
    const data = {
      frequency: rows.map((r) => Number(r.frequency)),
      recency: rows.map((r) => Number(r.recency)),
      T: rows.map((r) => Number(r.T)),
    };
    const g = (v: number[]) =>
      -bgNbdLogLikelihood(
        { r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) },
        data,
      );
    const h = 1e-3;
    const H = u.map((_, i) =>
      u.map((_, j) => {
        const at = (si: number, sj: number) => {
          const v = [...u];
          v[i] += si * h;
          v[j] += sj * h;
          return g(v);
        };
        return (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h);
      }),
    );
    const n = 4;
    const a = H.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
    for (let c = 0; c < n; c++) {
      const d = a[c]![c]!;
      for (let k = 0; k < 2 * n; k++) a[c]![k]! /= d;
      for (let r = 0; r < n; r++) {
        if (r === c) continue;
        const f = a[r]![c]!;
        for (let k = 0; k < 2 * n; k++) a[r]![k]! -= f * a[c]![k]!;
      }
    }
    const covLog = a.map((row) => row.slice(n));
    // The sample variance of the 200 draws' logarithms: within 35% (its standard error is 10%).
    const logs = iv.purchaseDraws.map((d) => names.map((k) => Math.log(d[k]!)));
    names.forEach((_, k) => {
      const m = logs.reduce((s, d) => s + d[k]!, 0) / logs.length;
      const v = logs.reduce((s, d) => s + (d[k]! - m) ** 2, 0) / (logs.length - 1);
      expect(v / covLog[k]![k]!).toBeGreaterThan(0.65);
      expect(v / covLog[k]![k]!).toBeLessThan(1.35);
    });
  });

  it('contains every customer’s point estimate', () => {
    const iv = full.intervals!;
    for (let i = 0; i < rows.length; i++) {
      expect(iv.expectedPurchasesLow[i]).toBeLessThanOrEqual(full.expectedPurchases[i]! + 1e-12);
      expect(iv.expectedPurchasesHigh[i]).toBeGreaterThanOrEqual(full.expectedPurchases[i]!);
      expect(iv.expectedPurchasesHigh[i]).toBeGreaterThan(iv.expectedPurchasesLow[i]!);
      expect(iv.clvLow[i]).toBeLessThanOrEqual(full.clv[i]! + 1e-12);
      expect(iv.clvHigh[i]).toBeGreaterThanOrEqual(full.clv[i]!);
    }
  });

  it('widens when the model is fitted on half the customers', () => {
    const ratios = { purchases: [] as number[], clv: [] as number[] };
    half.customerIds.forEach((id, j) => {
      const i = full.customerIds.indexOf(id);
      const a = full.intervals!;
      const b = half.intervals!;
      ratios.purchases.push(
        (b.expectedPurchasesHigh[j]! - b.expectedPurchasesLow[j]!) /
          (a.expectedPurchasesHigh[i]! - a.expectedPurchasesLow[i]!),
      );
      ratios.clv.push((b.clvHigh[j]! - b.clvLow[j]!) / (a.clvHigh[i]! - a.clvLow[i]!));
    });
    // Standard errors grow by about sqrt(2) = 1.41 with half the data.
    for (const r of [ratios.purchases, ratios.clv]) {
      const sorted = [...r].sort((x, y) => x - y);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      expect(median).toBeGreaterThan(1.2);
      expect(median).toBeLessThan(1.8);
      expect(r.filter((x) => x > 1).length / r.length).toBeGreaterThan(0.9);
    }
  });

  it('matches a hand check of customer 1 (x = 2) from the parameter draws', () => {
    const i = full.customerIds.indexOf('1');
    const row = rows[i]!;
    const x = Number(row.frequency);
    const tx = Number(row.recency);
    const T = Number(row.T);
    const m = Number(row.monetary_value);
    expect(x).toBe(2);
    const iv = full.intervals!;
    const purchases = iv.purchaseDraws.map((p) =>
      conditionalExpectedPurchases(
        { r: p.r!, alpha: p.alpha!, a: p.a!, b: p.b! },
        12 * 4.345,
        x,
        tx,
        T,
      ),
    );
    const clv = iv.purchaseDraws.map(
      (p, d) =>
        customerLifetimeValue(
          { r: p.r!, alpha: p.alpha!, a: p.a!, b: p.b! },
          iv.spendDraws![d]!,
          {
            frequency: Float64Array.of(x),
            recency: Float64Array.of(tx),
            T: Float64Array.of(T),
            monetaryValue: Float64Array.of(m),
          },
          { months: 12, monthlyDiscountRate: 0.01, margin: 0.3, unit: 'weeks' },
        )[0]!,
    );
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9 * b);
    close(iv.expectedPurchasesLow[i]!, quantile7(purchases, 0.05));
    close(iv.expectedPurchasesHigh[i]!, quantile7(purchases, 0.95));
    close(iv.clvLow[i]!, quantile7(clv, 0.05));
    close(iv.clvHigh[i]!, quantile7(clv, 0.95));
  });

  it('bootstraps Pareto/NBD too: customer 1 by hand, every estimate inside', () => {
    const pareto = predict(rows, { ...SETTINGS, model: 'pareto-nbd' });
    const iv = pareto.intervals!;
    for (let i = 0; i < rows.length; i++) {
      expect(iv.expectedPurchasesLow[i]).toBeLessThanOrEqual(pareto.expectedPurchases[i]! + 1e-12);
      expect(iv.expectedPurchasesHigh[i]).toBeGreaterThanOrEqual(pareto.expectedPurchases[i]!);
      expect(iv.clvLow[i]).toBeLessThanOrEqual(pareto.clv[i]! + 1e-12);
      expect(iv.clvHigh[i]).toBeGreaterThanOrEqual(pareto.clv[i]!);
    }
    const i = pareto.customerIds.indexOf('1');
    const row = rows[i]!;
    const [x, tx, T, m] = ['frequency', 'recency', 'T', 'monetary_value'].map((k) =>
      Number(row[k]),
    );
    const one = {
      frequency: Float64Array.of(x!),
      recency: Float64Array.of(tx!),
      T: Float64Array.of(T!),
      monetaryValue: Float64Array.of(m!),
    };
    const clv = iv.purchaseDraws.map(
      (params, d) =>
        customerLifetimeValue({ model: 'pareto-nbd', params }, iv.spendDraws![d]!, one, {
          months: 12,
          monthlyDiscountRate: 0.01,
          margin: 0.3,
          unit: 'weeks',
        })[0]!,
    );
    const purchases = iv.purchaseDraws.map((p) =>
      paretoNbdConditionalExpectedPurchases(
        { r: p.r!, alpha: p.alpha!, s: p.s!, beta: p.beta! },
        12 * 4.345,
        x!,
        tx!,
        T!,
      ),
    );
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9 * b);
    close(iv.expectedPurchasesLow[i]!, quantile7(purchases, 0.05));
    close(iv.expectedPurchasesHigh[i]!, quantile7(purchases, 0.95));
    close(iv.clvLow[i]!, quantile7(clv, 0.05));
    close(iv.clvHigh[i]!, quantile7(clv, 0.95));
  });

  it('is the same on every run and absent unless asked for', () => {
    const again = predict(rows, SETTINGS);
    expect(again.intervals!.clvLow).toEqual(full.intervals!.clvLow);
    const { intervals: _, ...plain } = SETTINGS;
    expect(predict(rows.slice(0, 200), plain).intervals).toBeNull();
  });
});
