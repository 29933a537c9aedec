import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hyp2f1, logGamma } from '../../../../src/model/clv/special-functions';
import {
  fitMbgNbd,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
  type MbgNbdFit,
} from '../../../../src/model/clv/mbgnbd';
import type { CustomerSummary } from '../../../../src/model/clv/summary';
import { NodeEngine } from '../../../support/node-engine';
import { cdnowSampleSummary } from './cdnow-summary';

/* MBG/NBD on the CDNOW sample (calibration to 1997-09-30, weeks), as lifetimes' tests assert. */
let engine: NodeEngine;
let summary: CustomerSummary;
let fit: MbgNbdFit;

beforeAll(async () => {
  engine = await NodeEngine.start();
  ({ summary } = await cdnowSampleSummary(engine));
  fit = fitMbgNbd(summary);
});
afterAll(() => engine.close());

describe('MBG/NBD on the CDNOW sample', () => {
  it('estimates r 0.525, alpha 6.183, a 0.891, b 1.614 (decimal 3)', () => {
    expect(fit.converged).toBe(true);
    expect(fit.r).toBeCloseTo(0.525, 3);
    expect(fit.alpha).toBeCloseTo(6.183, 3);
    expect(fit.a).toBeCloseTo(0.891, 3);
    expect(fit.b).toBeCloseTo(1.614, 3);
    expect(fit.logLikelihood).toBeCloseTo(mbgNbdLogLikelihood(fit, summary), 6);
  });

  it('sums the per-customer likelihood of lifetimes, written out here', () => {
    const { r, alpha, a, b } = { r: 0.6, alpha: 5, a: 0.9, b: 1.7 };
    let ll = 0;
    for (let i = 0; i < summary.frequency.length; i++) {
      const [x, tx, T] = [summary.frequency[i], summary.recency[i], summary.T[i]];
      const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
      const a2 = logGamma(a + b) + logGamma(b + x + 1) - logGamma(b) - logGamma(a + b + x + 1);
      const a3 = -(r + x) * Math.log(alpha + T);
      const a4 =
        Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
      ll += a1 + a2 + a3 + Math.log1p(Math.exp(a4));
    }
    expect(mbgNbdLogLikelihood({ r, alpha, a, b }, summary)).toBeCloseTo(ll, 6);
  });

  it('P(alive) of a one-time buyer is b / (a + b) at T = 0 and falls with age', () => {
    expect(mbgNbdProbabilityAlive(fit, 0, 0, 0)).toBeCloseTo(fit.b / (fit.a + fit.b), 12);
    expect(mbgNbdProbabilityAlive(fit, 0, 0, 30)).toBeLessThan(
      mbgNbdProbabilityAlive(fit, 0, 0, 0),
    );
    // Bought at T: only the drop-out after the last purchase remains, with odds a / (b + x).
    expect(mbgNbdProbabilityAlive(fit, 5, 30, 30)).toBeCloseTo(1 / (1 + fit.a / (fit.b + 5)), 12);
  });

  it('E[Y(t)] follows the paper formula with the untransformed 2F1', () => {
    const { r, alpha, a, b } = fit;
    for (const [t, x, tx, T] of [
      [39, 2, 30.43, 38.86],
      [10, 0, 0, 20],
      [52, 12, 36, 38],
    ]) {
      const z = t / (alpha + T + t);
      const direct =
        (((a + b + x) / (a - 1)) *
          (1 -
            hyp2f1(r + x, b + x + 1, a + b + x, z) *
              Math.pow((alpha + T) / (alpha + T + t), r + x))) /
        (1 + (a / (b + x)) * Math.pow((alpha + T) / (alpha + tx), r + x));
      expect(mbgNbdConditionalExpectedPurchases(fit, t, x, tx, T)).toBeCloseTo(direct, 9);
    }
  });

  it('E[X(t)] of a new customer equals E[Y(t) | 0, 0, 0]', () => {
    for (const t of [1, 10, 39, 78]) {
      expect(mbgNbdExpectedPurchases(fit, t)).toBeCloseTo(
        mbgNbdConditionalExpectedPurchases(fit, t, 0, 0, 0),
        10,
      );
    }
  });
});
