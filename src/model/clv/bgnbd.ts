import { compressRfm, fitScalePatterns, bgNbdLikelihood, type RfmArrays } from './bgnbd-likelihood';
import type { FitOptions } from './fit-options';
import { minimize } from './optimize';
import { hyp2f1 } from './special-functions';
import { assertValidCustomer, assertValidRfm } from './summary';
import { assertHorizon, assertPositiveParams } from './param-checks';

/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2). Purchase rates are
 * Gamma(r, alpha); after each purchase a customer drops out with a Beta(a, b) probability.
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export type { RfmArrays };

export interface BgNbdFit extends BgNbdParams {
  /** Sum over customers of the log-likelihood (eq. 6 of the paper), in the data's time unit. */
  logLikelihood: number;
  /** False when the optimiser stopped at its iteration cap. */
  converged: boolean;
  iterations: number;
}

function assertParams(params: BgNbdParams): void {
  assertPositiveParams('BG/NBD', params, ['r', 'alpha', 'a', 'b'] as const);
}

/** The BG/NBD log-likelihood of the data, summed over customers. */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RfmArrays): number {
  assertParams(params);
  assertValidRfm(data);
  return bgNbdLikelihood(compressRfm(data, 1))(params.r, params.alpha, params.a, params.b);
}

/**
 * Maximum-likelihood BG/NBD parameters, by Nelder-Mead in log-parameter space. Times are
 * rescaled so the largest T is 10 while fitting (as lifetimes does), which keeps alpha near 1.
 */
export function fitBgNbd(data: RfmArrays, options: FitOptions = {}): BgNbdFit {
  assertValidRfm(data);
  const { patterns, scale, shift } = fitScalePatterns(data);
  const ll = bgNbdLikelihood(patterns);
  const n = data.T.length;
  const result = minimize(
    (v) => -ll(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3])) / n,
    [0, 0, 0, 0],
    {
      maxIterations: options.maxIterations,
      onProgress: (p) =>
        options.onProgress?.({
          iteration: p.iteration,
          evaluations: p.evaluations,
          logLikelihood: -p.value * n + shift,
        }),
    },
  );
  const [r, alpha, a, b] = result.x.map(Math.exp);
  return {
    r,
    alpha: alpha / scale,
    a,
    b,
    logLikelihood: -result.value * n + shift,
    converged: result.converged,
    iterations: result.iterations,
  };
}

/** P(alive | x, t_x, T): the chance a customer has not dropped out (Fader, Hardie & Lee 2008). */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  assertParams(params);
  assertValidCustomer(x, tx, T);
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  return (
    1 / (1 + Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx))))
  );
}

function expected(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (t === 0) return 0;
  if (Math.abs(a - 1) < 1e-6) {
    // The formula is 0/0 at a = 1; its two sides meet smoothly there.
    const h = 1e-5;
    return (
      (expected({ ...p, a: 1 + h }, t, x, tx, T) + expected({ ...p, a: 1 - h }, t, x, tx, T)) / 2
    );
  }
  const z = t / (alpha + T + t);
  const logRest = Math.log((alpha + T) / (alpha + T + t));
  // Euler's transformation of the paper's (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z): its first two
  // parameters stay small as x grows, so the series neither overflows nor slows down.
  const f = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  const bracket =
    f > 0 ? -Math.expm1((a - 1) * logRest + Math.log(f)) : 1 - Math.exp((a - 1) * logRest) * f;
  let denominator = 1;
  if (x > 0) {
    denominator += Math.exp(
      Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx)),
    );
  }
  return (((a + b + x - 1) / (a - 1)) * bracket) / denominator;
}

/**
 * E[Y(t) | x, t_x, T]: expected repeat purchases in the next `t` time units of a customer with
 * history (x, t_x, T). Equation (10) of Fader, Hardie & Lee (2005).
 */
export function conditionalExpectedPurchases(
  params: BgNbdParams,
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

/** E[X(t)]: expected repeat purchases of a new customer in `t` time units. Equation (9). */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  assertParams(params);
  assertHorizon(t);
  return expected(params, t, 0, 0, 0);
}
