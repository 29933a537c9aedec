import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdConditionalExpectedPurchasesAt,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  type ParetoNbdFit,
} from '../../../../src/model/clv/pareto-nbd';
import { hyp2f1, logGamma } from '../../../../src/model/clv/special-functions';
import type { CustomerSummary } from '../../../../src/model/clv/summary';
import { NodeEngine } from '../../../support/node-engine';
import { cdnowSampleSummary } from './cdnow-summary';

/*
 * Pareto/NBD on the CDNOW sample (calibration to 1997-09-30, weeks): the estimates of Fader,
 * Hardie & Lee (2005) and the R BTYD package's walkthrough, as lifetimes' tests assert them.
 */
let engine: NodeEngine;
let summary: CustomerSummary;
let fit: ParetoNbdFit;

beforeAll(async () => {
  engine = await NodeEngine.start();
  ({ summary } = await cdnowSampleSummary(engine));
  fit = fitParetoNbd(summary);
});
afterAll(() => engine.close());

const BTYD = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

describe('Pareto/NBD on the CDNOW sample', () => {
  it('estimates r 0.553, alpha 10.578, s 0.606, beta 11.669 (within 0.01)', () => {
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.r - 0.553)).toBeLessThan(0.01);
    expect(Math.abs(fit.alpha - 10.578)).toBeLessThan(0.01);
    expect(Math.abs(fit.s - 0.606)).toBeLessThan(0.01);
    expect(Math.abs(fit.beta - 11.669)).toBeLessThan(0.01);
    // The reported log-likelihood is the data's, in weeks, not the rescaled fit's.
    expect(fit.logLikelihood).toBeCloseTo(paretoNbdLogLikelihood(fit, summary), 6);
    expect(fit.logLikelihood).toBeCloseTo(-9595.0, 0);
  });

  it("sums lifetimes' per-customer likelihood, written out here, on both sides of alpha = beta", () => {
    for (const p of [
      { r: 0.6, alpha: 13.6, s: 0.31, beta: 6.1 },
      { r: 0.5, alpha: 8, s: 0.7, beta: 14 },
    ]) {
      const { r, alpha, s, beta } = p;
      const [low, high, b] = alpha < beta ? [alpha, beta, 0] : [beta, alpha, s + 1];
      let ll = 0;
      for (let i = 0; i < summary.frequency.length; i++) {
        const [x, tx, T] = [summary.frequency[i], summary.recency[i], summary.T[i]];
        const rsx = r + s + x;
        const t = b === 0 ? r + x : b;
        const p1 = hyp2f1(rsx, t, rsx + 1, (high - low) / (high + tx));
        const p2 = hyp2f1(rsx, t, rsx + 1, (high - low) / (high + T));
        const a0 = p1 / Math.pow(high + tx, rsx) - p2 / Math.pow(high + T, rsx);
        const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        const a2 = Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s) + (s / rsx) * a0;
        ll += a1 + Math.log(a2);
      }
      expect(paretoNbdLogLikelihood(p, summary)).toBeCloseTo(ll, 6);
    }
  });

  it("matches BTYD's manual: pnbd.Expectation at (0.55, 10.56, 0.61, 11.64), t = 0..9", () => {
    const manual = { r: 0.55, alpha: 10.56, s: 0.61, beta: 11.64 };
    const expected = [
      0, 0.05077821, 0.09916088, 0.14542507, 0.1897993, 0.23247466, 0.27361274, 0.31335159,
      0.35181024, 0.38909211,
    ];
    expected.forEach((e, t) =>
      expect(Math.abs(paretoNbdExpectedPurchases(manual, t) - e)).toBeLessThan(1e-7),
    );
  });

  it("matches BTYD's walkthrough for a customer with x = 26, t_x = 30.86, T = 31", () => {
    expect(Math.abs(paretoNbdProbabilityAlive(BTYD, 26, 30.86, 31) - 0.9979)).toBeLessThan(1e-3);
    const e = paretoNbdConditionalExpectedPurchases(fit, 52, 26, 30.86, 31);
    expect(Math.abs(e - 25.46)).toBeLessThan(0.01);
  });

  it('E[Y(t)] = P(alive) x the rate and lifetime terms of a living customer', () => {
    for (const [x, tx, T] of [
      [0, 0, 30],
      [2, 10, 35],
      [7, 36, 38],
    ]) {
      const { r, alpha, s, beta } = fit;
      const alive = paretoNbdProbabilityAlive(fit, x, tx, T);
      const t = 20;
      const living =
        (((r + x) * (beta + T)) / ((alpha + T) * (s - 1))) *
        (1 - Math.pow((beta + T) / (beta + T + t), s - 1));
      expect(paretoNbdConditionalExpectedPurchases(fit, t, x, tx, T)).toBeCloseTo(
        alive * living,
        10,
      );
    }
  });

  it('gives E[Y(t)] at several horizons at once: BTYD’s 25.46 at t = 52, and the formula', () => {
    const ts = [0, 4.345, 20, 52];
    const at = paretoNbdConditionalExpectedPurchasesAt(fit, ts, 26, 30.86, 31);
    expect(at[0]).toBe(0);
    expect(Math.abs(at[3]! - 25.46)).toBeLessThan(0.01);
    const { r, alpha, s, beta } = fit;
    const alive = paretoNbdProbabilityAlive(fit, 2, 10, 35);
    const many = paretoNbdConditionalExpectedPurchasesAt(fit, ts, 2, 10, 35);
    ts.forEach((t, i) => {
      const living =
        (((r + 2) * (beta + 35)) / ((alpha + 35) * (s - 1))) *
        (1 - Math.pow((beta + 35) / (beta + 35 + t), s - 1));
      expect(many[i]).toBeCloseTo(alive * living, 10);
    });
  });

  it('stays finite and between 0 and 1 for heavy buyers (lifetimes overflow cases)', () => {
    const p = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 };
    for (const [x, tx, T] of [
      [40, 5, 6],
      [50, 1, 37],
      [50, 4, 37],
    ]) {
      const alive = paretoNbdProbabilityAlive(p, x, tx, T);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
    }
    const left = paretoNbdConditionalExpectedPurchases(fit, 10, 132, 200, 200);
    const right = paretoNbdConditionalExpectedPurchases(fit, 10, 133, 200, 200);
    expect(Number.isFinite(left)).toBe(true);
    expect(Math.abs(left - right)).toBeLessThan(0.05);
  });
});
