import { beforeAll, describe, expect, it } from 'vitest';
import {
  bgBbConditionalExpectedPurchases,
  bgBbLogLikelihood,
  bgBbProbabilityAlive,
  bgBbTransactionDistribution,
  fitBgBb,
  type BgBbFit,
} from '../../../../src/model/clv/bgbb';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';
import { loadDonations } from './donations-fixture';

/*
 * Fader, Hardie & Shang (2010) on the 1995 donor cohort (11,104 donors, 6 opportunities), as
 * lifetimes' tests/test_estimation.py asserts them: the paper's estimates and Table 6, and
 * totals of Hardie's BG/BB spreadsheet (conditional expectations; in-sample fit).
 */
let data: ReturnType<typeof loadDonations>;
let fit: BgBbFit;

beforeAll(() => {
  data = loadDonations();
  fit = fitBgBb(data);
});

describe('BG/BB on the donations data', () => {
  it('reads 22 patterns standing for 11,104 donors', () => {
    expect(data.frequency.length).toBe(22);
    expect(data.weights.reduce((s, w) => s + w, 0)).toBe(11104);
  });

  it('estimates alpha 1.204, beta 0.750, gamma 0.657, delta 2.783 (the paper)', () => {
    expect(fit.converged).toBe(true);
    expect(fit.alpha).toBeCloseTo(1.204, 3);
    expect(fit.beta).toBeCloseTo(0.75, 3);
    expect(fit.gamma).toBeCloseTo(0.657, 3);
    expect(fit.delta).toBeCloseTo(2.783, 3);
    expect(fit.logLikelihood).toBeCloseTo(bgBbLogLikelihood(fit, data), 8);
  });

  it('gives P(alive in 2002) 0.11, 0.59 and 0.93 for (0, 0), (2, 4) and (6, 6) (Table 6)', () => {
    // lifetimes asks one period ahead: alive at the next opportunity.
    expect(bgBbProbabilityAlive(fit, 0, 0, 6, 1)).toBeCloseTo(0.11, 2);
    expect(bgBbProbabilityAlive(fit, 2, 4, 6, 1)).toBeCloseTo(0.59, 2);
    expect(bgBbProbabilityAlive(fit, 6, 6, 6, 1)).toBeCloseTo(0.93, 2);
  });

  it('expects 12,884.2 donations in the next 5 years over all donors (Hardie sheet)', () => {
    let total = 0;
    for (let i = 0; i < data.frequency.length; i++) {
      total +=
        data.weights[i] *
        bgBbConditionalExpectedPurchases(
          fit,
          5,
          data.frequency[i],
          data.recency[i],
          data.periods[i],
        );
    }
    expect(Math.abs(total - 12884.2)).toBeLessThan(0.5);
  });

  it('expects 3,454.9 donors with 0 and 1,253.1 with 6 repeat donations in 6 years', () => {
    const p = bgBbTransactionDistribution(fit, 6);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(Math.abs(p[0] * 11104 - 3454.9)).toBeLessThan(0.5);
    expect(Math.abs(p[6] * 11104 - 1253.1)).toBeLessThan(0.5);
  });

  it('fits the same with weights as with every donor a row', () => {
    const f: number[] = [];
    const r: number[] = [];
    const n: number[] = [];
    data.weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        f.push(data.frequency[i]);
        r.push(data.recency[i]);
        n.push(data.periods[i]);
      }
    });
    const exploded = { frequency: f, recency: r, periods: n };
    expect(bgBbLogLikelihood(fit, exploded)).toBeCloseTo(fit.logLikelihood, 6);
  });

  it('rejects impossible rows with the row number', () => {
    const bad = { frequency: [2], recency: [1], periods: [6] };
    expect(() => fitBgBb(bad)).toThrow(ClvInputError);
    expect(() => fitBgBb(bad)).toThrow(/Row 1: recency/);
    expect(() => fitBgBb({ ...data, weights: data.weights.map(() => 0) })).toThrow(/weights/);
  });
});
