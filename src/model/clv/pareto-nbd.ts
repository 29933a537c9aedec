import { compressRfm, fitScalePatterns, type Patterns, type RfmArrays } from './bgnbd-likelihood';
import { fitLikelihood } from './fit-likelihood';
import type { FitOptions } from './fit-options';
import { hyp2f1, logAddExp, logGamma } from './special-functions';
import { assertValidCustomer, assertValidRfm } from './summary';
import { assertHorizon, assertPositiveParams } from './param-checks';

/**
 * The Pareto/NBD model of Schmittlein, Morrison & Colombo (1987): purchase rates are
 * Gamma(r, alpha) and exponential lifetimes have Gamma(s, beta) dropout rates. The likelihood
 * is the formulation of Fader, Hardie & Lee (2005), "A Note on Deriving the Pareto/NBD Model
 * and Related Expressions", as lifetimes' ParetoNBDFitter computes it.
 */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface ParetoNbdFit extends ParetoNbdParams {
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

const KEYS = ['r', 'alpha', 's', 'beta'] as const;

function assertParams(p: ParetoNbdParams): void {
  assertPositiveParams('Pareto/NBD', p, KEYS);
}

/**
 * 2F1(a, b; a + 1; z) for a, b > 0: the series directly while z <= 0.75 (every term is
 * positive, so it stops once the geometric bound on the rest is below rounding), else hyp2f1.
 * The likelihood calls this twice per customer pattern per evaluation, so it avoids hyp2f1's
 * general checks.
 */
function hyp2f1Shifted(a: number, b: number, z: number): number {
  if (z > 0.75) return hyp2f1(a, b, a + 1, z);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 10_000; n++) {
    const ratio = (((a + n) * (b + n)) / ((a + 1 + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (ratio < 1 && term * ratio <= 1e-17 * sum * (1 - ratio)) return sum;
  }
  return hyp2f1(a, b, a + 1, z);
}

/**
 * log A_0 of Fader, Hardie & Lee (2005, eq. 19): the hypergeometric term, written so that its
 * 2F1 argument |alpha - beta| / (max(alpha, beta) + t) lies in [0, 1).
 */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const [low, high, b] = alpha < beta ? [alpha, beta, r + x] : [beta, alpha, s + 1];
  const gap = high - low;
  const rsx = r + s + x;
  const q1 = high + tx;
  const q2 = high + T;
  const first = Math.log(hyp2f1Shifted(rsx, b, gap / q1)) - rsx * Math.log(q1);
  const second = Math.log(hyp2f1Shifted(rsx, b, gap / q2)) - rsx * Math.log(q2);
  // first >= second; equal (A_0 = 0) when t_x = T.
  return first + Math.log(-Math.expm1(second - first));
}

/** The log-likelihood of one customer (x, t_x, T). */
function customerLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s) - Math.log(r + s + x) + logA0(p, x, tx, T);
  return head + logAddExp(alive, died);
}

/** Distinct (x, t) pairs of the patterns: `pair[i]` is pattern i's, `x`/`t` index the values. */
function pairsOf(xIndex: Int32Array, tIndex: Int32Array) {
  const ids = new Map<number, number>();
  const pair = new Int32Array(xIndex.length);
  const x: number[] = [];
  const t: number[] = [];
  let stride = 1;
  for (const k of tIndex) stride = Math.max(stride, k + 1);
  for (let i = 0; i < xIndex.length; i++) {
    const key = xIndex[i] * stride + tIndex[i];
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = x.length));
      x.push(xIndex[i]);
      t.push(tIndex[i]);
    }
    pair[i] = id;
  }
  return { pair, x: Int32Array.from(x), t: Int32Array.from(t) };
}

/**
 * customerLogLikelihood summed over patterns. Terms that depend on x, t_x or T alone are
 * computed once per distinct value, and A_0's two hypergeometric terms once per distinct
 * (x, t_x) and (x, T) pair (on CDNOW's 11,104 patterns, 3,688 and 1,431 of them); scratch
 * tables are allocated once, not per evaluation.
 */
function patternLikelihood(patterns: Patterns): (p: ParetoNbdParams) => number {
  const { weight, xIndex, txIndex, tIndex, distinctX, distinctTx, distinctT } = patterns;
  const head = new Float64Array(distinctX.length);
  const died = new Float64Array(distinctX.length);
  const alive = new Float64Array(distinctT.length);
  const logAlphaT = new Float64Array(distinctT.length);
  const recent = pairsOf(xIndex, txIndex);
  const aged = pairsOf(xIndex, tIndex);
  const recentTerm = new Float64Array(recent.x.length);
  const agedTerm = new Float64Array(aged.x.length);
  // log 2F1(r+s+x, b; r+s+x+1; gap / (high + t)) - (r+s+x) log(high + t) for every pair.
  const fill = (
    out: Float64Array,
    pairs: { x: Int32Array; t: Int32Array },
    times: Float64Array,
    p: ParetoNbdParams,
  ) => {
    const { r, alpha, s, beta } = p;
    const high = Math.max(alpha, beta);
    const gap = high - Math.min(alpha, beta);
    for (let k = 0; k < out.length; k++) {
      const x = distinctX[pairs.x[k]];
      const q = high + times[pairs.t[k]];
      const rsx = r + s + x;
      const b = alpha < beta ? r + x : s + 1;
      out[k] = Math.log(hyp2f1Shifted(rsx, b, gap / q)) - rsx * Math.log(q);
    }
  };
  return (p) => {
    const { r, alpha, s, beta } = p;
    const base = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    const logS = Math.log(s);
    for (let k = 0; k < distinctX.length; k++) {
      const x = distinctX[k];
      head[k] = logGamma(r + x) + base;
      died[k] = logS - Math.log(r + s + x);
    }
    for (let k = 0; k < distinctT.length; k++) {
      alive[k] = -s * Math.log(beta + distinctT[k]);
      logAlphaT[k] = Math.log(alpha + distinctT[k]);
    }
    fill(recentTerm, recent, distinctTx, p);
    fill(agedTerm, aged, distinctT, p);
    let sum = 0;
    for (let i = 0; i < weight.length; i++) {
      const kx = xIndex[i];
      const kt = tIndex[i];
      const first = recentTerm[recent.pair[i]];
      const second = agedTerm[aged.pair[i]];
      // first >= second; equal (A_0 = 0) when t_x = T.
      const logA0 = first + Math.log(-Math.expm1(second - first));
      const stay = -(r + distinctX[kx]) * logAlphaT[kt] + alive[kt];
      sum += weight[i] * (head[kx] + logAddExp(stay, died[kx] + logA0));
    }
    return sum;
  };
}

/** The Pareto/NBD log-likelihood of the data, summed over customers. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RfmArrays): number {
  assertParams(params);
  assertValidRfm(data);
  return patternLikelihood(compressRfm(data, 1))(params);
}

/**
 * Maximum-likelihood Pareto/NBD parameters. Times are rescaled so the largest T is 10 while
 * fitting, as for BG/NBD.
 */
export function fitParetoNbd(data: RfmArrays, options: FitOptions = {}): ParetoNbdFit {
  assertValidRfm(data);
  const { patterns, scale, shift } = fitScalePatterns(data);
  const ll = patternLikelihood(patterns);
  const fit = fitLikelihood(([r, alpha, s, beta]) => ll({ r, alpha, s, beta }), 4, data.T.length, {
    maxIterations: options.maxIterations,
    onProgress: (p) => options.onProgress?.({ ...p, logLikelihood: p.logLikelihood + shift }),
  });
  const [r, alpha, s, beta] = fit.params;
  return {
    r,
    alpha: alpha / scale,
    s,
    beta: beta / scale,
    logLikelihood: fit.logLikelihood + shift,
    converged: fit.converged,
    iterations: fit.iterations,
  };
}

/** P(alive | x, t_x, T) (Fader, Hardie & Lee 2005, eq. 18). */
export function paretoNbdProbabilityAlive(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
): number {
  assertParams(params);
  assertValidCustomer(x, tx, T);
  const { r, alpha, s, beta } = params;
  const odds =
    Math.log(s) -
    Math.log(r + s + x) +
    (r + x) * Math.log(alpha + T) +
    s * Math.log(beta + T) +
    logA0(params, x, tx, T);
  return 1 / (1 + Math.exp(odds));
}

/** log((1 - (b / (b + t))^(s - 1)) / (s - 1)), which tends to log(log((b + t) / b)) at s = 1. */
function logGrowth(s: number, b: number, t: number): number {
  const logRatio = Math.log(b / (b + t));
  if (Math.abs(s - 1) < 1e-9) return Math.log(-logRatio);
  return Math.log(-Math.expm1((s - 1) * logRatio) / (s - 1));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next `t` time units (eq. 22). */
export function paretoNbdConditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  assertParams(params);
  assertHorizon(t);
  assertValidCustomer(x, tx, T);
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  const alive =
    logGamma(r + x) -
    logGamma(r) +
    r * Math.log(alpha) +
    s * Math.log(beta) -
    (r + x) * Math.log(alpha + T) -
    s * Math.log(beta + T);
  const rate = Math.log(r + x) + Math.log(beta + T) - Math.log(alpha + T);
  const growth = logGrowth(s, beta + T, t);
  return Math.exp(alive + rate + growth - customerLogLikelihood(params, x, tx, T));
}

/**
 * E[Y(t) | x, t_x, T] at each of `ts`: the customer's likelihood, the costly part, is taken
 * once for every horizon.
 */
export function paretoNbdConditionalExpectedPurchasesAt(
  params: ParetoNbdParams,
  ts: readonly number[],
  x: number,
  tx: number,
  T: number,
): Float64Array {
  assertParams(params);
  ts.forEach((t) => assertHorizon(t));
  assertValidCustomer(x, tx, T);
  const { r, alpha, s, beta } = params;
  const head =
    logGamma(r + x) -
    logGamma(r) +
    r * Math.log(alpha) +
    s * Math.log(beta) -
    (r + x) * Math.log(alpha + T) -
    s * Math.log(beta + T) +
    Math.log(r + x) +
    Math.log(beta + T) -
    Math.log(alpha + T) -
    customerLogLikelihood(params, x, tx, T);
  return Float64Array.from(ts, (t) => (t === 0 ? 0 : Math.exp(head + logGrowth(s, beta + T, t))));
}

/** E[X(t)]: expected repeat purchases of a new customer in `t` time units (eq. 17). */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  assertParams(params);
  assertHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  return Math.exp(Math.log(r) + Math.log(beta) - Math.log(alpha) + logGrowth(s, beta, t));
}
