import { describe, expect, it } from 'vitest';
import {
  bgBbConditionalExpectedPurchases,
  bgBbLogLikelihood,
} from '../../../../src/model/clv/bgbb';
import { conditionalExpectedAverageSpend } from '../../../../src/model/clv/gamma-gamma';
import type { PeriodOrder } from '../../../../src/model/clv/period-bins';
import type { PredictSettings } from '../../../../src/model/clv/predict';
import { predictBgBb, type PeriodInput } from '../../../../src/model/clv/predict-bgbb';
import { loadDonations } from './donations-fixture';

/*
 * BG/BB's uncertainty on the donations of Fader, Hardie & Shang (2010) (22 (x, t_x, n = 6)
 * rows standing for 11,104 donors), expanded into yearly orders in memory: a first gift in
 * period 0, then x gifts ending in period t_x; ×10 repeats every donor ten times.
 */
function donationOrders(copies: number): PeriodInput {
  const d = loadDonations();
  const orders: PeriodOrder[] = [];
  let id = 0;
  for (let r = 0; r < d.frequency.length; r++) {
    const [x, tx] = [d.frequency[r], d.recency[r]];
    for (let k = 0; k < d.weights[r] * copies; k++) {
      const customerId = `d${id++}`;
      orders.push({ customerId, period: 0, spend: 20 + (k % 5) * 10 });
      for (let y = tx - x + 1; y <= tx; y++) {
        orders.push({ customerId, period: y, spend: 20 + (k % 5) * 10 + y });
      }
    }
  }
  return { orders, period: 'year', calibrationPeriods: 7, holdoutPeriods: 0 };
}

const SETTINGS: PredictSettings = {
  unit: 'weeks',
  horizonMonths: 60,
  monthlyDiscountRate: 0.01,
  margin: 0.3,
  model: 'bgbb',
  intervals: { draws: 200, seed: 7 },
};

/** -log L's Hessian by five-point central differences in each coordinate (step 1e-3 of it). */
function hessian(f: (p: number[]) => number, x: number[]): number[][] {
  const h = x.map((v) => 1e-3 * v);
  const at = (steps: [number, number][]) => {
    const p = [...x];
    for (const [i, s] of steps) p[i] += s * h[i];
    return f(p);
  };
  return x.map((_, i) =>
    x.map((__, j) => {
      if (i === j) {
        return (
          (-at([[i, 2]]) + 16 * at([[i, 1]]) - 30 * f(x) + 16 * at([[i, -1]]) - at([[i, -2]])) /
          (12 * h[i] * h[i])
        );
      }
      return (
        (at([
          [i, 1],
          [j, 1],
        ]) -
          at([
            [i, 1],
            [j, -1],
          ]) -
          at([
            [i, -1],
            [j, 1],
          ]) +
          at([
            [i, -1],
            [j, -1],
          ])) /
        (4 * h[i] * h[j])
      );
    }),
  );
}

/** The diagonal of a matrix's inverse by Gauss-Jordan elimination with partial pivoting. */
function inverseDiagonal(m: number[][]): number[] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    const d = a[c][c];
    for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row, i) => row[n + i]);
}

/** The p-quantile of ascending values: linear between order statistics (R's type 7). */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.ceil(h)] ?? sorted[lo]) - sorted[lo]);
}

const single = predictBgBb(donationOrders(1), SETTINGS);
const tenfold = predictBgBb(donationOrders(10), SETTINGS);

describe('BG/BB standard errors on the donations', () => {
  it('match the inverse of a numerical Hessian of the log-likelihood', () => {
    const d = loadDonations();
    const names = ['alpha', 'beta', 'gamma', 'delta'];
    const values = names.map((n) => single.fit.params[n]);
    const negLl = ([alpha, beta, gamma, delta]: number[]) =>
      -bgBbLogLikelihood({ alpha, beta, gamma, delta }, d);
    const se = inverseDiagonal(hessian(negLl, values)).map(Math.sqrt);
    expect(single.fit.estimates.map((e) => e.name)).toEqual(names);
    single.fit.estimates.forEach((e, i) => {
      expect(e.standardError / se[i]).toBeCloseTo(1, 3);
      expect(e.low).toBeCloseTo(e.value * Math.exp((-1.959964 * se[i]) / e.value), 3);
      expect(e.high).toBeCloseTo(e.value * Math.exp((1.959964 * se[i]) / e.value), 3);
    });
  });

  it('shrink by sqrt(10) when every donor counts ten times', () => {
    single.fit.estimates.forEach((e, i) => {
      const ten = tenfold.fit.estimates[i];
      expect(ten.value).toBeCloseTo(e.value, 4);
      expect((ten.standardError * Math.sqrt(10)) / e.standardError).toBeCloseTo(1, 2);
    });
  });
});

describe('BG/BB per-customer 90% intervals', () => {
  it('hold every donor’s expected gifts and CLV', () => {
    const iv = single.intervals!;
    expect(iv).not.toBeNull();
    expect(iv.draws).toBe(200);
    let withClv = 0;
    single.customerIds.forEach((_, i) => {
      const e = single.expectedPurchases[i];
      expect(iv.expectedPurchasesLow[i]).toBeLessThan(e);
      expect(iv.expectedPurchasesHigh[i]).toBeGreaterThan(e);
      if (Number.isFinite(single.clv[i])) {
        withClv++;
        expect(iv.clvLow[i]).toBeLessThan(single.clv[i]);
        expect(iv.clvHigh[i]).toBeGreaterThan(single.clv[i]);
      } else {
        expect(iv.clvLow[i]).toBeNaN();
      }
    });
    // Gamma-Gamma's q > 1 bounds expected spend for the 3,464 donors without a repeat gift too.
    expect(single.gg!.q).toBeGreaterThan(1);
    expect(withClv).toBe(11_104);
  });

  it('narrow about sqrt(10)-fold when the data grows tenfold', () => {
    const meanWidth = (low: Float64Array, high: Float64Array) => {
      let sum = 0;
      let count = 0;
      low.forEach((l, i) => {
        if (Number.isFinite(l)) {
          sum += high[i] - l;
          count++;
        }
      });
      return sum / count;
    };
    const a = single.intervals!;
    const b = tenfold.intervals!;
    const purchases =
      meanWidth(b.expectedPurchasesLow, b.expectedPurchasesHigh) /
      meanWidth(a.expectedPurchasesLow, a.expectedPurchasesHigh);
    const clv = meanWidth(b.clvLow, b.clvHigh) / meanWidth(a.clvLow, a.clvHigh);
    // 1 / sqrt(10) = 0.316: the information grows tenfold.
    expect(purchases).toBeGreaterThan(0.28);
    expect(purchases).toBeLessThan(0.36);
    expect(clv).toBeGreaterThan(0.28);
    expect(clv).toBeLessThan(0.36);
  });

  it('match a recomputation from the same seeded draws for a donor with (3, 5, 6)', () => {
    const again = predictBgBb(donationOrders(1), SETTINGS).intervals!;
    const iv = single.intervals!;
    expect(again.purchaseDraws).toEqual(iv.purchaseDraws);
    const gifts = donationOrders(1).orders.filter((o) => o.period > 0);
    const byDonor = new Map<string, PeriodOrder[]>();
    for (const o of gifts) byDonor.set(o.customerId, [...(byDonor.get(o.customerId) ?? []), o]);
    const i = single.customerIds.findIndex((id) => {
      const g = byDonor.get(id) ?? [];
      return g.length === 3 && Math.max(...g.map((o) => o.period)) === 5;
    });
    expect(i).toBeGreaterThanOrEqual(0);
    const id = single.customerIds[i];
    const spent = byDonor.get(id)!.reduce((s, o) => s + (o.spend ?? 0), 0) / 3;
    const perYear = Math.pow(1.01, 12);
    const purchases: number[] = [];
    const clv: number[] = [];
    iv.purchaseDraws.forEach((draw, d) => {
      const p = { alpha: draw.alpha, beta: draw.beta, gamma: draw.gamma, delta: draw.delta };
      const upTo = [0, 1, 2, 3, 4, 5].map((y) => bgBbConditionalExpectedPurchases(p, y, 3, 5, 6));
      let value = 0;
      for (let y = 1; y <= 5; y++) value += (upTo[y] - upTo[y - 1]) / Math.pow(perYear, y);
      purchases.push(upTo[5]);
      clv.push(0.3 * value * conditionalExpectedAverageSpend(iv.spendDraws![d], 3, spent));
    });
    purchases.sort((a, b) => a - b);
    clv.sort((a, b) => a - b);
    expect(iv.expectedPurchasesLow[i]).toBeCloseTo(quantile(purchases, 0.05), 10);
    expect(iv.expectedPurchasesHigh[i]).toBeCloseTo(quantile(purchases, 0.95), 10);
    expect(iv.clvLow[i]).toBeCloseTo(quantile(clv, 0.05), 8);
    expect(iv.clvHigh[i]).toBeCloseTo(quantile(clv, 0.95), 8);
  });
});
