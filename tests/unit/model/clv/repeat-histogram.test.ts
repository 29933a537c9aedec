import { describe, expect, it } from 'vitest';
import {
  modelExpectedPurchases,
  type ContinuousModelKey,
  type ModelRef,
} from '../../../../src/model/clv/continuous-models';
import { repeatHistogram, repeatPurchasePmf } from '../../../../src/model/clv/repeat-histogram';

/** mulberry32, a seeded uniform generator for the simulations below. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gamma(shape, rate 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
function gammaSampler(u: () => number): (shape: number) => number {
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const draw = (shape: number): number => {
    if (shape < 1) return draw(shape + 1) * Math.pow(1 - u(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = (1 + c * z) ** 3;
      if (v <= 0) continue;
      if (Math.log(1 - u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return draw;
}

/**
 * Repeat purchases in (0, t] of `customers` simulated customers, straight from each model's
 * story: purchase rate lambda ~ Gamma(r, alpha); BG/NBD drops out after a purchase with
 * probability p ~ Beta(a, b), MBG/NBD also at time 0; Pareto/NBD lives an Exp(mu) lifetime,
 * mu ~ Gamma(s, beta).
 */
function simulate(fit: ModelRef, t: number, customers: number, seed: number): number[] {
  const u = mulberry32(seed);
  const gamma = gammaSampler(u);
  const p = fit.params;
  const counts: number[] = [];
  for (let c = 0; c < customers; c++) {
    const lambda = gamma(p.r!) / p.alpha!;
    let x = 0;
    if (fit.model === 'pareto-nbd') {
      const mu = gamma(p.s!) / p.beta!;
      const life = Math.min(t, -Math.log(1 - u()) / mu);
      for (let time = -Math.log(1 - u()) / lambda; time <= life; time -= Math.log(1 - u()) / lambda)
        x++;
    } else {
      const g1 = gamma(p.a!);
      const drop = g1 / (g1 + gamma(p.b!));
      let alive = !(fit.model === 'mbgnbd' && u() < drop);
      let time = -Math.log(1 - u()) / lambda;
      while (alive && time <= t) {
        x++;
        if (u() < drop) alive = false;
        time -= Math.log(1 - u()) / lambda;
      }
    }
    counts.push(x);
  }
  return counts;
}

const FITS: ModelRef[] = [
  { model: 'bgnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  { model: 'mbgnbd', params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } },
  { model: 'pareto-nbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } },
  // Short lifetimes (s small, beta below a week), as fitted on the app's sample.
  { model: 'pareto-nbd', params: { r: 1.86, alpha: 10.8, s: 0.0475, beta: 0.16 } },
];

describe('repeatPurchasePmf', () => {
  it.each(FITS.map((f) => [f.model, f] as [ContinuousModelKey, ModelRef]))(
    '%s matches 200,000 simulated customers over 39 weeks',
    (_, fit) => {
      const n = 200_000;
      const sims = simulate(fit, 39, n, 11);
      const pmf = repeatPurchasePmf(fit, 39, 8);
      for (let x = 0; x < 8; x++) {
        const share = sims.filter((v) => v === x).length / n;
        // Four standard errors of a simulated share.
        const tolerance = 4 * Math.sqrt((pmf[x]! * (1 - pmf[x]!)) / n) + 1e-4;
        expect(Math.abs(share - pmf[x]!)).toBeLessThan(tolerance);
      }
    },
  );

  it.each(FITS.map((f) => [f.model, f] as [ContinuousModelKey, ModelRef]))(
    '%s sums to 1 with the mean of E[X(t)] (eqs. 9, 17)',
    (_, fit) => {
      for (const t of [1, 39, 78]) {
        const pmf = repeatPurchasePmf(fit, t, 400);
        const total = pmf.reduce((s, v) => s + v, 0);
        const mean = pmf.reduce((s, v, x) => s + x * v, 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-7);
        expect(Math.abs(mean / modelExpectedPurchases(fit, t) - 1)).toBeLessThan(1e-5);
      }
    },
  );

  it('is the published BG/NBD value by hand at x = 0: B(a, b)/B(a, b) (alpha/(alpha+t))^r', () => {
    const fit = FITS[0]!;
    // x = 0: alive with no purchase, (4.414 / 43.414)^0.243 = 0.57414...
    expect(repeatPurchasePmf(fit, 39, 1)[0]).toBeCloseTo(Math.pow(4.414 / 43.414, 0.243), 12);
  });
});

describe('repeatHistogram', () => {
  it('counts customers by repeat purchases and sums the pmf over each customer’s T', () => {
    const fit = FITS[0]!;
    const summary = {
      frequency: Float64Array.of(0, 0, 1, 2, 9, 7),
      recency: Float64Array.of(0, 0, 5, 10, 30, 20),
      T: Float64Array.of(10, 30, 30, 30, 39, 39),
      monetaryValue: new Float64Array(6),
    };
    const rows = repeatHistogram(fit, summary);
    expect(rows.map((r) => r.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(rows.map((r) => r.actual)).toEqual([2, 1, 1, 0, 0, 0, 0, 2]);
    const p10 = repeatPurchasePmf(fit, 10, 400);
    const p30 = repeatPurchasePmf(fit, 30, 400);
    const p39 = repeatPurchasePmf(fit, 39, 400);
    for (let x = 0; x < 7; x++) {
      expect(rows[x]!.expected).toBeCloseTo(p10[x]! + 3 * p30[x]! + 2 * p39[x]!, 10);
    }
    const tail = (p: Float64Array) => p.slice(7).reduce((s, v) => s + v, 0);
    expect(rows[7]!.expected).toBeCloseTo(tail(p10) + 3 * tail(p30) + 2 * tail(p39), 6);
    expect(rows.reduce((s, r) => s + r.expected, 0)).toBeCloseTo(6, 10);
  });
});
