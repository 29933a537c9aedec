import { describe, expect, it } from 'vitest';
import type { BgBbParams } from '../../../../src/model/clv/bgbb';
import { bgBbTracking } from '../../../../src/model/clv/bgbb-tracking';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';
import type { PeriodOrder } from '../../../../src/model/clv/period-bins';
import { logGamma } from '../../../../src/model/clv/special-functions';

/** Fader, Hardie & Shang (2010) on the donations data. */
const DONATIONS: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

/** P(purchase at opportunity t) as a product: alpha/(alpha+beta) * prod (delta+i)/(gamma+delta+i). */
function chance(p: BgBbParams, t: number): number {
  let v = p.alpha / (p.alpha + p.beta);
  for (let i = 0; i < t; i++) v *= (p.delta + i) / (p.gamma + p.delta + i);
  return v;
}

/** Seeded uniform (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marsaglia-Tsang gamma draw, boosted below shape 1. */
function gamma(shape: number, u: () => number): number {
  if (shape < 1) return gamma(shape + 1, u) * Math.pow(u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    const v = Math.pow(1 + c * z, 3);
    if (v <= 0) continue;
    if (Math.log(u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

const beta = (a: number, b: number, u: () => number) => {
  const x = gamma(a, u);
  return x / (x + gamma(b, u));
};

describe('bgBbTracking', () => {
  it('counts each born customer once per later period, up to the holdout end', () => {
    const orders: PeriodOrder[] = [
      { customerId: 'A', period: 0 },
      { customerId: 'A', period: 0 },
      { customerId: 'A', period: 1 },
      { customerId: 'A', period: 3 },
      { customerId: 'A', period: 5 },
      { customerId: 'B', period: 2 },
      { customerId: 'B', period: 4 },
      { customerId: 'B', period: 4 },
      { customerId: 'C', period: 4 },
    ];
    const points = bgBbTracking(DONATIONS, orders, 3, 2);
    expect(points.map((p) => p.period)).toEqual([1, 2, 3, 4, 5]);
    // A repeats in 1 and 3 (5 is past the end); B in 4; C is born in the holdout.
    expect(points.map((p) => p.actual)).toEqual([0, 1, 1, 2, 3]);
    const c = (t: number) => chance(DONATIONS, t);
    const perPeriod = [0, c(1), c(2), c(3) + c(1), c(4) + c(2)];
    let total = 0;
    perPeriod.forEach((v, k) => {
      total += v;
      expect(points[k].expected).toBeCloseTo(total, 12);
    });
  });

  it("sums to FHS's closed-form E[X(6)] for the 11,104 donors born in 1995", () => {
    const donors = Array.from({ length: 11104 }, (_, i) => ({ customerId: `d${i}`, period: 0 }));
    const points = bgBbTracking(DONATIONS, donors, 7, 0);
    const { alpha, beta: b, gamma: g, delta: d } = DONATIONS;
    const n = 6;
    const ex =
      (alpha / (alpha + b)) *
      (d / (g - 1)) *
      (1 - Math.exp(logGamma(g + d) + logGamma(1 + d + n) - logGamma(g + d + n) - logGamma(1 + d)));
    expect(points[6].expected).toBeCloseTo(11104 * ex, 6);
    expect(points[6].actual).toBe(0);
  });

  it('matches a seeded simulation of BG/BB customers within 4 standard deviations', () => {
    const u = rng(20101);
    const cohorts = [
      { birth: 0, customers: 20000 },
      { birth: 1, customers: 8000 },
      { birth: 3, customers: 12000 },
    ];
    const [calibration, holdout] = [5, 4];
    const orders: PeriodOrder[] = [];
    const simulated = new Float64Array(calibration + holdout);
    let id = 0;
    for (const { birth, customers } of cohorts) {
      for (let i = 0; i < customers; i++, id++) {
        const customerId = `c${id}`;
        orders.push({ customerId, period: birth });
        const p = beta(DONATIONS.alpha, DONATIONS.beta, u);
        const theta = beta(DONATIONS.gamma, DONATIONS.delta, u);
        for (let k = birth + 1; k < calibration + holdout; k++) {
          if (u() < theta) break;
          if (u() < p) {
            orders.push({ customerId, period: k });
            simulated[k] += 1;
          }
        }
      }
    }
    const points = bgBbTracking(DONATIONS, orders, calibration, holdout);
    points.forEach((pt, k) => {
      const expected = pt.expected - (points[k - 1]?.expected ?? 0);
      const actual = pt.actual - (points[k - 1]?.actual ?? 0);
      expect(actual).toBe(simulated[k]);
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(4 * Math.sqrt(expected) + 1e-9);
    });
    // Expected per period is far from flat, so the check above has teeth.
    expect(points[1].expected).toBeGreaterThan(9000);
  });

  it('rejects a fractional number of periods with a clear message', () => {
    expect(() => bgBbTracking(DONATIONS, [], 2.5, 0)).toThrow(ClvInputError);
    expect(() => bgBbTracking(DONATIONS, [], 2.5, 0)).toThrow(/whole numbers/);
  });
});
