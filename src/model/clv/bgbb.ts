import { ClvInputError } from './clv-input-error';
import { fitLikelihood } from './fit-likelihood';
import type { FitOptions } from './fit-options';
import { logAddExp, logBeta, logGamma, logSumExp } from './special-functions';
import { assertPositiveParams } from './param-checks';

/**
 * The BG/BB model of Fader, Hardie & Shang (2010), "Customer-Base Analysis in a Discrete-Time
 * Noncontractual Setting", Marketing Science 29(6): at each of n purchase opportunities an
 * alive customer buys with probability p ~ Beta(alpha, beta), and drops out before the next
 * with probability theta ~ Beta(gamma, delta). Formulas as in lifetimes'
 * BetaGeoBetaBinomFitter.
 */
export interface BgBbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

export interface BgBbFit extends BgBbParams {
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

/**
 * Customers as (x, t_x, n) rows with a weight (how many customers share the row): x repeat
 * transactions among n opportunities, the last at opportunity t_x (0 when x = 0).
 */
export interface BgBbData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  periods: ArrayLike<number>;
  /** Defaults to 1 per row. */
  weights?: ArrayLike<number>;
}

function bad(en: string, zh: string): never {
  throw new ClvInputError({ en, zh });
}

function assertParams(p: BgBbParams): void {
  assertPositiveParams('BG/BB', p, ['alpha', 'beta', 'gamma', 'delta'] as const);
}

/** Throws a readable error unless (x, t_x, n) is a valid discrete-time customer. */
export function assertValidBgBbCustomer(x: number, tx: number, n: number, row?: number): void {
  const who = row === undefined ? { en: '', zh: '' } : { en: `Row ${row}: `, zh: `第 ${row} 行：` };
  if (!Number.isInteger(n) || n < 0) {
    bad(
      `${who.en}the number of periods must be a whole number >= 0, got ${n}.`,
      `${who.zh}期数必须是不小于 0 的整数，实际为 ${n}。`,
    );
  }
  if (!Number.isInteger(x) || x < 0 || x > n) {
    bad(
      `${who.en}repeat transactions must be a whole number from 0 to the periods (${n}), got ${x}.`,
      `${who.zh}重复交易次数必须是 0 到期数（${n}）之间的整数，实际为 ${x}。`,
    );
  }
  if (!Number.isInteger(tx) || tx < x || tx > n || (x === 0 && tx !== 0)) {
    bad(
      `${who.en}recency must be a whole period from the frequency (${x}) to the periods (${n}), and 0 without repeat transactions; got ${tx}.`,
      `${who.zh}最近交易期必须是介于交易次数（${x}）与期数（${n}）之间的整数，无重复交易时为 0；实际为 ${tx}。`,
    );
  }
}

function assertData(data: BgBbData): number {
  const n = data.frequency.length;
  if (n === 0) bad('There are no customers to fit the model on.', '没有可用于拟合模型的客户。');
  if (
    data.recency.length !== n ||
    data.periods.length !== n ||
    (data.weights && data.weights.length !== n)
  ) {
    bad(
      'frequency, recency, periods and weights must have one value per row.',
      'frequency、recency、periods 和 weights 必须每行各有一个值。',
    );
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    assertValidBgBbCustomer(data.frequency[i], data.recency[i], data.periods[i], i + 1);
    const w = data.weights ? data.weights[i] : 1;
    if (!Number.isFinite(w) || w < 0) {
      bad(
        `Row ${i + 1}: the weight must be a number >= 0, got ${w}.`,
        `第 ${i + 1} 行：权重必须是不小于 0 的数，实际为 ${w}。`,
      );
    }
    total += w;
  }
  if (!(total > 0))
    bad('All weights are 0: there is no one to fit.', '所有权重均为 0，无可拟合的客户。');
  return total;
}

/**
 * log P(x, t_x, n): alive through all n opportunities, or dropped out after t_x + j. `lbAB` and
 * `lbGD` are log B(alpha, beta) and log B(gamma, delta), shared by all customers.
 */
function customerLogLikelihood(
  p: BgBbParams,
  x: number,
  tx: number,
  n: number,
  lbAB = logBeta(p.alpha, p.beta),
  lbGD = logBeta(p.gamma, p.delta),
): number {
  const { alpha, beta, gamma, delta } = p;
  let ll = logBeta(alpha + x, beta + n - x) + logBeta(gamma, delta + n);
  for (let j = 0; j <= n - tx - 1; j++) {
    ll = logAddExp(ll, logBeta(alpha + x, beta + tx - x + j) + logBeta(gamma + 1, delta + tx + j));
  }
  return ll - lbAB - lbGD;
}

function weightOf(data: BgBbData, i: number): number {
  return data.weights ? data.weights[i] : 1;
}

/** The BG/BB log-likelihood of the data, summed over rows times their weights. */
export function bgBbLogLikelihood(params: BgBbParams, data: BgBbData): number {
  assertParams(params);
  assertData(data);
  return sumLogLikelihood(params, data);
}

function sumLogLikelihood(p: BgBbParams, data: BgBbData): number {
  const lbAB = logBeta(p.alpha, p.beta);
  const lbGD = logBeta(p.gamma, p.delta);
  let sum = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const w = weightOf(data, i);
    if (w > 0) {
      const { frequency: x, recency: tx, periods: n } = data;
      sum += w * customerLogLikelihood(p, x[i], tx[i], n[i], lbAB, lbGD);
    }
  }
  return sum;
}

/** Maximum-likelihood BG/BB parameters. */
export function fitBgBb(data: BgBbData, options: FitOptions = {}): BgBbFit {
  const total = assertData(data);
  const fit = fitLikelihood(
    ([alpha, beta, gamma, delta]) => sumLogLikelihood({ alpha, beta, gamma, delta }, data),
    4,
    total,
    options,
  );
  const [alpha, beta, gamma, delta] = fit.params;
  return {
    alpha,
    beta,
    gamma,
    delta,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
  };
}

function assertFuture(m: number): void {
  if (!Number.isInteger(m) || m < 0) {
    bad(
      `The number of future periods must be a whole number >= 0, got ${m}.`,
      `未来期数必须是不小于 0 的整数，实际为 ${m}。`,
    );
  }
}

/**
 * P(alive at opportunity n + m | x, t_x, n): the chance the customer is still alive m
 * opportunities after the last observed one (m = 0: alive now). Equation (11) of the paper.
 */
export function bgBbProbabilityAlive(
  params: BgBbParams,
  x: number,
  tx: number,
  n: number,
  m = 0,
): number {
  assertParams(params);
  assertValidBgBbCustomer(x, tx, n);
  assertFuture(m);
  const { alpha, beta, gamma, delta } = params;
  const head = logBeta(alpha + x, beta + n - x) - logBeta(alpha, beta);
  const stay = logBeta(gamma, delta + n + m) - logBeta(gamma, delta);
  return Math.exp(head + stay - customerLogLikelihood(params, x, tx, n));
}

/** E[X(n, n + m) | x, t_x, n]: expected transactions in the next m opportunities (eq. 13). */
export function bgBbConditionalExpectedPurchases(
  params: BgBbParams,
  m: number,
  x: number,
  tx: number,
  n: number,
): number {
  assertParams(params);
  assertValidBgBbCustomer(x, tx, n);
  assertFuture(m);
  if (m === 0) return 0;
  const { alpha, beta, gamma, delta } = params;
  if (Math.abs(gamma - 1) < 1e-6) {
    // delta / (gamma - 1) times a difference that vanishes at gamma = 1: meet from both sides.
    const h = 1e-5;
    return (
      (bgBbConditionalExpectedPurchases({ ...params, gamma: 1 + h }, m, x, tx, n) +
        bgBbConditionalExpectedPurchases({ ...params, gamma: 1 - h }, m, x, tx, n)) /
      2
    );
  }
  const buy = Math.exp(logBeta(alpha + x + 1, beta + n - x) - logBeta(alpha, beta));
  const scale = (delta / (gamma - 1)) * Math.exp(logGamma(gamma + delta) - logGamma(1 + delta));
  const now = Math.exp(logGamma(1 + delta + n) - logGamma(gamma + delta + n));
  const later = Math.exp(logGamma(1 + delta + n + m) - logGamma(gamma + delta + n + m));
  return (buy * scale * (now - later)) / Math.exp(customerLogLikelihood(params, x, tx, n));
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X(n) = x): the chance a new customer makes x repeat transactions in the first n
 * opportunities (eq. 7 of the paper), for x = 0..n.
 */
export function bgBbTransactionDistribution(params: BgBbParams, n: number): Float64Array {
  assertParams(params);
  if (!Number.isInteger(n) || n < 0 || n > 10_000) {
    bad(
      `The number of periods must be a whole number from 0 to 10,000, got ${n}.`,
      `期数必须是 0 到 10000 之间的整数，实际为 ${n}。`,
    );
  }
  const { alpha, beta, gamma, delta } = params;
  const lbAB = logBeta(alpha, beta);
  const lbGD = logBeta(gamma, delta);
  const out = new Float64Array(n + 1);
  for (let x = 0; x <= n; x++) {
    const terms = [
      logChoose(n, x) + logBeta(alpha + x, beta + n - x) - lbAB + logBeta(gamma, delta + n) - lbGD,
    ];
    for (let i = x; i < n; i++) {
      terms.push(
        logChoose(i, x) +
          logBeta(alpha + x, beta + i - x) -
          lbAB +
          logBeta(gamma + 1, delta + i) -
          lbGD,
      );
    }
    out[x] = Math.exp(logSumExp(terms));
  }
  return out;
}
