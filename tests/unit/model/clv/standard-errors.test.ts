import { describe, expect, it } from 'vitest';
import { bgBbLogLikelihood, fitBgBb } from '../../../../src/model/clv/bgbb';
import {
  invertPositiveDefinite,
  observedCovariance,
  parameterEstimates,
} from '../../../../src/model/clv/standard-errors';
import { loadDonations } from './donations-fixture';

/** Gauss-Jordan inverse, independent of the Cholesky one under test. */
function gaussJordan(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row) => row.slice(n));
}

/** A seeded uniform generator (mulberry32), so the bootstrap is the same on every run. */
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

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;

describe('invertPositiveDefinite', () => {
  it('inverts [[4, 2], [2, 3]] to [[3, -2], [-2, 4]] / 8 and refuses an indefinite matrix', () => {
    const inv = invertPositiveDefinite([
      [4, 2],
      [2, 3],
    ])!;
    expect(inv[0][0]).toBeCloseTo(3 / 8, 14);
    expect(inv[0][1]).toBeCloseTo(-2 / 8, 14);
    expect(inv[1][1]).toBeCloseTo(4 / 8, 14);
    expect(
      invertPositiveDefinite([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNull();
  });
});

describe('observedCovariance', () => {
  it('gives none, rather than failing, for an estimate at the edge of its domain', () => {
    // A log-likelihood defined for positive parameters only, maximised at a = 1e-16: the
    // differences around a step below zero.
    const ll = ([a, b]: number[]) => {
      if (!(a! > 0 && b! > 0)) throw new Error(`parameter must be a positive number, got ${a}`);
      return -((a! - 1e-16) ** 2) - (b! - 2) ** 2;
    };
    expect(observedCovariance(ll, [1e-16, 2])).toBeNull();
    // Inside the domain: the inverse of the Hessian of -ll, diag(2, 2), is diag(1/2, 1/2).
    const inside = observedCovariance(([a, b]) => -((a! - 1) ** 2) - (b! - 2) ** 2, [1, 2])!;
    expect(inside[0]![0]).toBeCloseTo(0.5, 6);
    expect(inside[1]![1]).toBeCloseTo(0.5, 6);
  });
});

describe('BG/BB standard errors on the donations data', () => {
  const data = loadDonations();
  const fit = fitBgBb(data);
  const values = NAMES.map((k) => fit[k]);
  const ll = (p: number[]) =>
    bgBbLogLikelihood({ alpha: p[0], beta: p[1], gamma: p[2], delta: p[3] }, data);
  const estimates = parameterEstimates(ll, NAMES, values);

  it('agree with a Hessian taken in log-parameters with another step, within 2%', () => {
    // Second differences of -LL in u = log(theta), step 1e-3; the covariance of theta is then
    // diag(theta) Cov(u) diag(theta) (the delta method, exact at the optimum where dLL = 0).
    const u = values.map(Math.log);
    const g = (v: number[]) => -ll(v.map(Math.exp));
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
    const cov = gaussJordan(H);
    estimates.forEach((e, i) => {
      const se = values[i] * Math.sqrt(cov[i][i]);
      expect(Math.abs(e.standardError / se - 1)).toBeLessThan(0.02);
      expect(e.low).toBeLessThan(e.value);
      expect(e.high).toBeGreaterThan(e.value);
      expect(Math.log(e.high / e.value)).toBeCloseTo((1.96 * e.standardError) / e.value, 2);
    });
  });

  it('agree with a nonparametric bootstrap of the 11,104 donors within 20%', () => {
    const random = mulberry32(25);
    const total = data.weights.reduce((s, w) => s + w, 0);
    const cumulative = Array.from(data.weights, (_, i) =>
      data.weights.slice(0, i + 1).reduce((s, w) => s + w, 0),
    );
    const draws: number[][] = [];
    for (let b = 0; b < 80; b++) {
      const weights = new Float64Array(data.weights.length);
      for (let k = 0; k < total; k++) {
        const target = random() * total;
        let lo = 0;
        while (cumulative[lo] <= target) lo++;
        weights[lo]++;
      }
      const f = fitBgBb({ ...data, weights });
      draws.push(NAMES.map((k) => f[k]));
    }
    estimates.forEach((e, i) => {
      const xs = draws.map((d) => d[i]);
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1));
      expect(Math.abs(e.standardError / sd - 1)).toBeLessThan(0.2);
    });
  });
});
