import { compressRfm, fitScalePatterns, type Patterns, type RfmArrays } from './bgnbd-likelihood';
import { fitLikelihood } from './fit-likelihood';
import type { FitOptions } from './fit-options';
import { hyp2f1, logAddExp, logGamma } from './special-functions';
import { assertValidCustomer, assertValidRfm } from './summary';
import { assertHorizon, assertPositiveParams } from './param-checks';

/**
 * The modified BG/NBD model (MBG/NBD) of Batislam, Denizel & Filiztekin (2007): as BG/NBD, but
 * a customer may also drop out right after the first purchase, so customers without repeat
 * purchases are not certainly alive. Formulas as in lifetimes' ModifiedBetaGeoFitter.
 */
export interface MbgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface MbgNbdFit extends MbgNbdParams {
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

function assertParams(p: MbgNbdParams): void {
  assertPositiveParams('MBG/NBD', p, ['r', 'alpha', 'a', 'b'] as const);
}

/**
 * The MBG/NBD log-likelihood (lifetimes' ModifiedBetaGeoFitter) summed over patterns, with the
 * terms that depend on x, t_x or T alone
 * computed once per distinct value; scratch tables are allocated once, not per evaluation.
 */
function patternLikelihood(patterns: Patterns): (p: MbgNbdParams) => number {
  const { weight, xIndex, txIndex, tIndex, distinctX, distinctTx, distinctT } = patterns;
  const base = new Float64Array(distinctX.length);
  const drop = new Float64Array(distinctX.length);
  const logAlphaTx = new Float64Array(distinctTx.length);
  const logAlphaT = new Float64Array(distinctT.length);
  return ({ r, alpha, a, b }) => {
    const constant = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    const logA = Math.log(a);
    for (let k = 0; k < distinctX.length; k++) {
      const x = distinctX[k];
      base[k] = constant + logGamma(r + x) + logGamma(b + x + 1) - logGamma(a + b + x + 1);
      drop[k] = logA - Math.log(b + x);
    }
    for (let k = 0; k < distinctTx.length; k++) logAlphaTx[k] = Math.log(alpha + distinctTx[k]);
    for (let k = 0; k < distinctT.length; k++) logAlphaT[k] = Math.log(alpha + distinctT[k]);
    let sum = 0;
    for (let i = 0; i < weight.length; i++) {
      const k = xIndex[i];
      const rx = r + distinctX[k];
      const alive = -rx * logAlphaT[tIndex[i]];
      const died = drop[k] - rx * logAlphaTx[txIndex[i]];
      sum += weight[i] * (base[k] + logAddExp(alive, died));
    }
    return sum;
  };
}

/** The MBG/NBD log-likelihood of the data, summed over customers. */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: RfmArrays): number {
  assertParams(params);
  assertValidRfm(data);
  return patternLikelihood(compressRfm(data, 1))(params);
}

/** Maximum-likelihood MBG/NBD parameters (times rescaled so the largest T is 10 while fitting). */
export function fitMbgNbd(data: RfmArrays, options: FitOptions = {}): MbgNbdFit {
  assertValidRfm(data);
  const { patterns, scale, shift } = fitScalePatterns(data);
  const ll = patternLikelihood(patterns);
  const fit = fitLikelihood(([r, alpha, a, b]) => ll({ r, alpha, a, b }), 4, data.T.length, {
    maxIterations: options.maxIterations,
    onProgress: (p) => options.onProgress?.({ ...p, logLikelihood: p.logLikelihood + shift }),
  });
  const [r, alpha, a, b] = fit.params;
  return {
    r,
    alpha: alpha / scale,
    a,
    b,
    logLikelihood: fit.logLikelihood + shift,
    converged: fit.converged,
    iterations: fit.iterations,
  };
}

function deathOdds(p: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  return Math.exp(Math.log(a / (b + x)) + (r + x) * Math.log((alpha + T) / (alpha + tx)));
}

/** P(alive | x, t_x, T); below 1 also for customers without repeat purchases. */
export function mbgNbdProbabilityAlive(
  params: MbgNbdParams,
  x: number,
  tx: number,
  T: number,
): number {
  assertParams(params);
  assertValidCustomer(x, tx, T);
  return 1 / (1 + deathOdds(params, x, tx, T));
}

function expected(p: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = p;
  if (Math.abs(a - 1) < 1e-6) {
    // 0/0 at a = 1; the two sides meet smoothly there.
    const h = 1e-5;
    return (
      (expected({ ...p, a: 1 + h }, t, x, tx, T) + expected({ ...p, a: 1 - h }, t, x, tx, T)) / 2
    );
  }
  const z = t / (alpha + T + t);
  const logRest = Math.log((alpha + T) / (alpha + T + t));
  // Euler's transformation of (1-z)^(r+x) 2F1(r+x, b+x+1; a+b+x; z), as for BG/NBD.
  const f = hyp2f1(a + b - r, a - 1, a + b + x, z);
  const bracket =
    f > 0 ? -Math.expm1((a - 1) * logRest + Math.log(f)) : 1 - Math.exp((a - 1) * logRest) * f;
  return (((a + b + x) / (a - 1)) * bracket) / (1 + deathOdds(p, x, tx, T));
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in the next `t` time units. */
export function mbgNbdConditionalExpectedPurchases(
  params: MbgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  assertParams(params);
  assertHorizon(t);
  assertValidCustomer(x, tx, T);
  return expected(params, t, x, tx, T);
}

/** E[X(t)]: expected repeat purchases of a new customer in `t` time units. */
export function mbgNbdExpectedPurchases(params: MbgNbdParams, t: number): number {
  assertParams(params);
  assertHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const hyp = hyp2f1(r, b + 1, a + b, t / (alpha + t));
  return (b / (a - 1)) * (1 - hyp * Math.pow(alpha / (alpha + t), r));
}
