import { ClvInputError } from './clv-input-error';
import type { ModelRef } from './continuous-models';
import { FREQUENCY_GROUPS } from './frequency-check';
import { logBeta } from './special-functions';
import type { CustomerSummary } from './summary';

/** Customers by repeat purchases in the data the model was fitted on: actual vs the model. */
export interface RepeatHistogramRow {
  /** Repeat purchases: '0', '1', ..., '6', or '7+'. */
  x: string;
  actual: number;
  /** Sum over customers of P(X(T_i) = x), each over their own time since first purchase. */
  expected: number;
}

/** NB(x) = Gamma(r+x) / (Gamma(r) x!) (alpha/(alpha+t))^r (t/(alpha+t))^x for x < count. */
function negativeBinomial(r: number, alpha: number, t: number, count: number): Float64Array {
  const out = new Float64Array(count);
  out[0] = Math.pow(alpha / (alpha + t), r);
  const z = t / (alpha + t);
  for (let x = 1; x < count; x++) out[x] = (out[x - 1] * (r + x - 1) * z) / x;
  return out;
}

/** 8-point Gauss-Legendre nodes and weights on [-1, 1]. */
const GL_NODES = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498,
  0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363,
];
const GL_WEIGHTS = [
  0.1012285362903763, 0.2223810344533745, 0.3137066238819715, 0.362683783378362, 0.362683783378362,
  0.3137066238819715, 0.2223810344533745, 0.1012285362903763,
];
const GL_PANELS = 16;

/**
 * Pareto/NBD: a customer's lifetime tau has survival S(tau) = (beta/(beta+tau))^s and purchases
 * are NB over min(tau, t), so P(X(t)=x) = S(t) NB_t(x) + integral over u = S(tau) in [S(t), 1]
 * of NB_tau(u)(x) du, with tau(u) = beta (u^(-1/s) - 1). In u the integrand is smooth even when
 * lifetimes are short, so composite Gauss-Legendre converges quickly.
 */
function paretoPmf(p: Record<string, number>, t: number, count: number): Float64Array {
  const { r, alpha, s, beta } = p;
  const survive = Math.pow(beta / (beta + t), s);
  const out = negativeBinomial(r, alpha, t, count).map((v) => v * survive);
  const width = (1 - survive) / GL_PANELS;
  for (let k = 0; k < GL_PANELS; k++) {
    const mid = survive + (k + 0.5) * width;
    for (let j = 0; j < GL_NODES.length; j++) {
      const u = mid + (GL_NODES[j] * width) / 2;
      const tau = Math.min(t, beta * Math.expm1(-Math.log(u) / s));
      const nb = negativeBinomial(r, alpha, tau, count);
      const w = (GL_WEIGHTS[j] * width) / 2;
      for (let x = 0; x < count; x++) out[x] += w * nb[x];
    }
  }
  return out;
}

/**
 * BG/NBD (Fader, Hardie & Lee 2005, eq. 8) and MBG/NBD (Batislam et al. 2007, where a customer
 * may also drop out at the first purchase): alive after all x chances to drop out and exactly x
 * purchases, or dropped out at the last chance after at least x purchases.
 */
function betaGeometricPmf(
  p: Record<string, number>,
  t: number,
  count: number,
  modified: boolean,
): Float64Array {
  const { r, alpha, a, b } = p;
  const nb = negativeBinomial(r, alpha, t, count);
  const lb = logBeta(a, b);
  const out = new Float64Array(count);
  let below = 0;
  for (let x = 0; x < count; x++) {
    const chances = modified ? x + 1 : x;
    const alive = Math.exp(logBeta(a, b + chances) - lb) * nb[x];
    const dropped = chances > 0 ? Math.exp(logBeta(a + 1, b + chances - 1) - lb) : 0;
    out[x] = alive + dropped * Math.max(0, 1 - below);
    below += nb[x];
  }
  return out;
}

/** P(X(t) = x) for x = 0 .. count-1: repeat purchases of a new customer in t time units. */
export function repeatPurchasePmf(fit: ModelRef, t: number, count: number): Float64Array {
  if (!Number.isFinite(t) || t < 0 || !Number.isInteger(count) || count < 1) {
    throw new ClvInputError({
      en: `Needs a time >= 0 and a whole number of counts >= 1, got ${t} and ${count}.`,
      zh: `需要不小于 0 的时长和不小于 1 的整数个数，实际为 ${t} 和 ${count}。`,
    });
  }
  if (fit.model === 'pareto-nbd') return paretoPmf(fit.params, t, count);
  return betaGeometricPmf(fit.params, t, count, fit.model === 'mbgnbd');
}

/**
 * The repeat-transaction histogram of Fader, Hardie & Lee (2005), Figure 3: customers by repeat
 * purchases 0 .. 6 and 7+, as they are and as the model expects them in-sample (each customer
 * over their own T, by the closed form or, for Pareto/NBD, a one-dimensional integral).
 */
export function repeatHistogram(fit: ModelRef, summary: CustomerSummary): RepeatHistogramRow[] {
  const n = summary.frequency.length;
  const actual = new Float64Array(FREQUENCY_GROUPS);
  const byT = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    actual[Math.min(summary.frequency[i], FREQUENCY_GROUPS - 1)] += 1;
    byT.set(summary.T[i], (byT.get(summary.T[i]) ?? 0) + 1);
  }
  const expected = new Float64Array(FREQUENCY_GROUPS);
  for (const [T, customers] of byT) {
    const pmf = repeatPurchasePmf(fit, T, FREQUENCY_GROUPS - 1);
    let rest = 1;
    pmf.forEach((v, x) => {
      expected[x] += customers * v;
      rest -= v;
    });
    expected[FREQUENCY_GROUPS - 1] += customers * Math.max(0, rest);
  }
  return Array.from(actual, (a, g) => ({
    x: g === FREQUENCY_GROUPS - 1 ? `${g}+` : String(g),
    actual: a,
    expected: expected[g],
  }));
}
