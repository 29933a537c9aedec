import type { ClvTimeUnit } from '../../sql/clv-summary';
import { UNITS_PER_MONTH } from './clv';
import {
  modelConditionalExpectedPurchases,
  modelConditionalExpectedPurchasesAt,
  type ModelRef,
  type PurchaseModelFit,
} from './continuous-models';
import {
  conditionalExpectedAverageSpend,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from './gamma-gamma';
import { multivariateNormal } from './multivariate-normal';
import { observedCovariance } from './standard-errors';
import type { CustomerSummary } from './summary';

/** The interval's quantiles of the bootstrap draws: 5% and 95%, a 90% interval. */
export const INTERVAL_QUANTILES = [0.05, 0.95] as const;
export const DEFAULT_INTERVAL_DRAWS = 200;
export const DEFAULT_INTERVAL_SEED = 20250525;

export interface IntervalOptions {
  draws: number;
  seed: number;
}

export interface HorizonSettings {
  horizonMonths: number;
  monthlyDiscountRate: number;
  margin: number;
  unit: ClvTimeUnit;
}

/** Per-customer intervals; NaN where there is no interval (as for the point value). */
export interface CustomerIntervals {
  draws: number;
  seed: number;
  /** The purchase model's parameter draws, by name. */
  purchaseDraws: Record<string, number>[];
  /** The spend model's parameter draws; null without a spend model or its covariance. */
  spendDraws: GammaGammaParams[] | null;
  expectedPurchasesLow: Float64Array;
  expectedPurchasesHigh: Float64Array;
  clvLow: Float64Array;
  clvHigh: Float64Array;
}

/** Cov(log theta) from Cov(theta) by the delta method: cov_ij / (theta_i theta_j). */
export function logScaleCovariance(
  values: readonly number[],
  covariance: readonly (readonly number[])[],
): number[][] {
  return covariance.map((row, i) => row.map((c, j) => c / (values[i] * values[j])));
}

/**
 * Parameter draws theta = exp(u), u ~ N(log theta-hat, Cov(log theta)): the models are fitted
 * in log-parameters, where the likelihood is closest to normal, and every draw stays positive.
 * Draws `accept` refuses are drawn again (at most 100 times each). Null when the covariance is
 * not positive definite.
 */
export function drawParameters(
  values: readonly number[],
  covariance: readonly (readonly number[])[],
  options: IntervalOptions,
  accept: (theta: number[]) => boolean = () => true,
): number[][] | null {
  const next = multivariateNormal(
    values.map(Math.log),
    logScaleCovariance(values, covariance),
    options.seed,
  );
  if (!next) return null;
  const out: number[][] = [];
  for (let d = 0; d < options.draws; d++) {
    let theta = next().map(Math.exp);
    for (let tries = 0; !accept(theta) && tries < 100; tries++) theta = next().map(Math.exp);
    out.push(theta);
  }
  return out;
}

/** The p-quantile of sorted values, interpolating between order statistics (R's type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  if (sorted[lo] === sorted[hi]) return sorted[lo];
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function gammaGammaCovariance(gg: GammaGammaParams, summary: CustomerSummary): number[][] | null {
  return observedCovariance(
    (v) => gammaGammaLogLikelihood({ p: v[0], q: v[1], gamma: v[2] }, summary),
    [gg.p, gg.q, gg.gamma],
  );
}

/** Customers ordered by (x, t_x, T), so customers with one history are next to each other. */
function byHistory(s: CustomerSummary): Int32Array {
  const order = Int32Array.from({ length: s.frequency.length }, (_, i) => i);
  return order.sort(
    (i, j) => s.frequency[i] - s.frequency[j] || s.recency[i] - s.recency[j] || s.T[i] - s.T[j],
  );
}

/**
 * Fills, for one customer history (x, t_x, T) and every purchase draw d, `purchases[d]` (expected
 * purchases over the horizon) and, when `withValue`, `value[d]` (their discounted sum times the
 * margin: CLV per unit of expected spend).
 */
export type HistoryScorer = (
  x: number,
  tx: number,
  T: number,
  withValue: boolean,
  purchases: Float64Array,
  value: Float64Array,
) => void;

/**
 * Spend-model draws for the intervals, seeded apart from the purchase draws so those do not
 * depend on whether spend is drawn. When the spend model has q > 1, draws with q <= 1 (infinite
 * expected spend for customers without repeat purchases) are drawn again. Null without a spend
 * model or its covariance.
 */
export function drawSpend(
  gg: GammaGammaParams | null,
  summary: CustomerSummary,
  options: IntervalOptions,
): GammaGammaParams[] | null {
  const covariance = gg ? gammaGammaCovariance(gg, summary) : null;
  if (!gg || !covariance) return null;
  return (
    drawParameters(
      [gg.p, gg.q, gg.gamma],
      covariance,
      { ...options, seed: options.seed + 1 },
      (t) => gg.q <= 1 || t[1] > 1,
    )?.map(([p, q, gamma]) => ({ p, q, gamma })) ?? null
  );
}

/**
 * The 5% and 95% quantiles, per customer, of expected purchases and CLV scored by `score` under
 * each purchase draw (times each spend draw's expected spend for CLV, pairing draw d with draw
 * d). `summary` must have mean spend floored at 0. CLV has no interval where the point fit's
 * expected spend is unbounded (p x + q - 1 <= 0) or without spend draws.
 */
export function intervalsFromDraws(
  purchaseDraws: Record<string, number>[],
  spendDraws: GammaGammaParams[] | null,
  gg: GammaGammaParams | null,
  summary: CustomerSummary,
  options: IntervalOptions,
  score: HistoryScorer,
  onProgress?: (customersDone: number) => void,
): CustomerIntervals {
  const n = summary.frequency.length;
  const out: CustomerIntervals = {
    draws: options.draws,
    seed: options.seed,
    purchaseDraws,
    spendDraws,
    expectedPurchasesLow: new Float64Array(n).fill(Number.NaN),
    expectedPurchasesHigh: new Float64Array(n).fill(Number.NaN),
    clvLow: new Float64Array(n).fill(Number.NaN),
    clvHigh: new Float64Array(n).fill(Number.NaN),
  };
  const D = purchaseDraws.length;
  const horizonPurchases = new Float64Array(D);
  const discounted = new Float64Array(D);
  const scratch = new Float64Array(D);
  const [qLow, qHigh] = INTERVAL_QUANTILES;
  const { frequency: x, recency: tx, T, monetaryValue: m } = summary;
  let previous = -1;
  const order = byHistory(summary);
  for (let k = 0; k < n; k++) {
    const c = order[k];
    const same =
      previous >= 0 && x[previous] === x[c] && tx[previous] === tx[c] && T[previous] === T[c];
    if (!same) score(x[c], tx[c], T[c], spendDraws !== null, horizonPurchases, discounted);
    previous = c;
    scratch.set(horizonPurchases);
    scratch.sort();
    out.expectedPurchasesLow[c] = quantileSorted(scratch, qLow);
    out.expectedPurchasesHigh[c] = quantileSorted(scratch, qHigh);
    if (spendDraws && gg && gg.p * x[c] + gg.q - 1 > 0) {
      for (let d = 0; d < D; d++) {
        const s = spendDraws[d];
        scratch[d] =
          s.p * x[c] + s.q - 1 > 0
            ? conditionalExpectedAverageSpend(s, x[c], m[c]) * discounted[d]
            : Number.POSITIVE_INFINITY;
      }
      scratch.sort();
      out.clvLow[c] = quantileSorted(scratch, qLow);
      out.clvHigh[c] = quantileSorted(scratch, qHigh);
    }
    if ((k + 1) % 500 === 0 || k + 1 === n) onProgress?.(k + 1);
  }
  return out;
}

/** The purchase fit's parameter draws by name; null without a positive-definite covariance. */
export function drawPurchaseParameters(
  fit: Pick<PurchaseModelFit, 'covariance' | 'estimates' | 'params'>,
  options: IntervalOptions,
): Record<string, number>[] | null {
  if (!fit.covariance) return null;
  const names = fit.estimates.map((e) => e.name);
  const values = names.map((name) => fit.params[name]);
  const drawn = drawParameters(values, fit.covariance, options);
  if (!drawn) return null;
  return drawn.map((theta) => Object.fromEntries(names.map((name, k) => [name, theta[k]])));
}

/**
 * Per-customer intervals for expected purchases and CLV over the horizon by parametric
 * bootstrap: `options.draws` parameter sets from the fits' asymptotic distribution (normal in
 * log-parameters with the inverse observed information as covariance; the purchase and spend
 * models are fitted separately, so independently), each scored as `predict` scores the point
 * fit, and the 5% and 95% quantiles of the scores. `summary` must have mean spend floored at 0,
 * as `predict` scores it. Null when the purchase model's covariance is missing or not positive
 * definite.
 */
export function customerIntervals(
  fit: PurchaseModelFit,
  gg: GammaGammaParams | null,
  summary: CustomerSummary,
  settings: HorizonSettings,
  options: IntervalOptions,
  onProgress?: (customersDone: number) => void,
): CustomerIntervals | null {
  const purchaseDraws = drawPurchaseParameters(fit, options);
  if (!purchaseDraws) return null;
  const refs: ModelRef[] = purchaseDraws.map((params) => ({ model: fit.model, params }));
  const spendDraws = drawSpend(gg, summary, options);
  const months = settings.horizonMonths;
  const perMonth = UNITS_PER_MONTH[settings.unit];
  const discount = Float64Array.from(
    { length: months + 1 },
    (_, i) => settings.margin / Math.pow(1 + settings.monthlyDiscountRate, i),
  );
  const horizons = Array.from({ length: months }, (_, i) => (i + 1) * perMonth);
  const score: HistoryScorer = (x, tx, T, withValue, purchases, value) => {
    for (let d = 0; d < refs.length; d++) {
      if (!withValue) {
        purchases[d] = modelConditionalExpectedPurchases(refs[d], months * perMonth, x, tx, T);
        continue;
      }
      const upTo = modelConditionalExpectedPurchasesAt(refs[d], horizons, x, tx, T);
      let before = 0;
      let sum = 0;
      for (let i = 1; i <= months; i++) {
        sum += (upTo[i - 1] - before) * discount[i];
        before = upTo[i - 1];
      }
      purchases[d] = before;
      value[d] = sum;
    }
  };
  return intervalsFromDraws(purchaseDraws, spendDraws, gg, summary, options, score, onProgress);
}
