import type { AliveMatrix } from './alive-matrix';
import {
  bgBbConditionalExpectedPurchases,
  bgBbLogLikelihood,
  bgBbProbabilityAlive,
  bgBbTransactionDistribution,
  fitBgBb,
  type BgBbParams,
} from './bgbb';
import { churnValidation } from './churn-validation';
import {
  drawPurchaseParameters,
  drawSpend,
  intervalsFromDraws,
  type CustomerIntervals,
  type HistoryScorer,
  type IntervalOptions,
} from './customer-intervals';
import type { ExpectedMatrix } from './expected-matrix';
import { checkFitResult, type FitWarning } from './fit-warnings';
import { FREQUENCY_GROUPS, frequencyGroupRows, type FrequencyCheckRow } from './frequency-check';
import { conditionalExpectedAverageSpend, type GammaGammaParams } from './gamma-gamma';
import type { PurchaseModelFit } from './continuous-models';
import { compareModels, type ModelOutcome } from './model-comparison';
import {
  customerPeriodHistories,
  groupHistories,
  type PeriodHistories,
  type PeriodOrder,
} from './period-bins';
import {
  assertSettings,
  bad,
  fitSpend,
  numeric,
  timed,
  type ExtraOutcome,
  type PredictProgress,
  type PredictResult,
  type PredictSettings,
} from './predict';
import { PERIOD_MONTHS, type BgBbModelFit, type BgBbPeriod } from './purchase-models';
import { recencyCheck } from './recency-check';
import type { RepeatHistogramRow } from './repeat-histogram';
import { estimatesFromCovariance, observedCovariance } from './standard-errors';
import type { CustomerSummary } from './summary';

/** Orders binned into calendar periods, and where the calibration and holdout periods end. */
export interface PeriodInput {
  orders: PeriodOrder[];
  period: BgBbPeriod;
  /** Periods 0 .. calibrationPeriods - 1 are the calibration (at least 2). */
  calibrationPeriods: number;
  /** The next ones are the holdout; 0 for none. */
  holdoutPeriods: number;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;
const MAX_ROWS = 40;

/** Fits BG/BB on per-customer histories (grouped by x, t_x, n) and adds standard errors. */
export function fitBgBbModel(
  h: PeriodHistories,
  period: BgBbPeriod,
  onProgress?: (p: PredictProgress) => void,
): BgBbModelFit {
  const data = groupHistories(h);
  const raw = fitBgBb(data, {
    onProgress: (p) =>
      onProgress?.({ stage: 'bgbb', iteration: p.iteration, logLikelihood: p.logLikelihood }),
  });
  const values = NAMES.map((n) => raw[n]);
  const covariance = observedCovariance(
    ([alpha, beta, gamma, delta]) => bgBbLogLikelihood({ alpha, beta, gamma, delta }, data),
    values,
  );
  return {
    model: 'bgbb',
    period,
    params: { alpha: raw.alpha, beta: raw.beta, gamma: raw.gamma, delta: raw.delta },
    estimates: estimatesFromCovariance(NAMES, values, covariance),
    covariance,
    logLikelihood: raw.logLikelihood,
    converged: raw.converged,
    iterations: raw.iterations,
  };
}

/**
 * Expected periods with a purchase over the next m periods, and the same discounted period by
 * period (each period's expected purchases divided by perPeriod^j): CLV per unit of spend.
 */
export function bgBbHorizon(
  p: BgBbParams,
  m: number,
  perPeriod: number,
  x: number,
  tx: number,
  n: number,
): { expected: number; discounted: number } {
  let discounted = 0;
  let before = 0;
  for (let j = 1; j <= m; j++) {
    const e = bgBbConditionalExpectedPurchases(p, j, x, tx, n);
    discounted += (e - before) / Math.pow(perPeriod, j);
    before = e;
  }
  return { expected: before, discounted };
}

/**
 * Per-customer 90% intervals for BG/BB's expected periods with a purchase over m periods and
 * CLV, by the parametric bootstrap of `customerIntervals`: draws of (alpha, beta, gamma, delta)
 * from the fit's covariance and of Gamma-Gamma's from its own, each scored as `predictBgBb`
 * scores the point fit. `summary.T` holds the periods n; its mean spend must be floored at 0.
 * Null when the BG/BB covariance is missing or not positive definite.
 */
export function bgBbCustomerIntervals(
  fit: BgBbModelFit,
  gg: GammaGammaParams | null,
  summary: CustomerSummary,
  horizon: { periods: number; perPeriod: number; margin: number },
  options: IntervalOptions,
  onProgress?: (customersDone: number) => void,
): CustomerIntervals | null {
  const purchaseDraws = drawPurchaseParameters(fit, options);
  if (!purchaseDraws) return null;
  const draws = purchaseDraws as unknown as BgBbParams[];
  const { periods: m, perPeriod, margin } = horizon;
  const score: HistoryScorer = (x, tx, n, withValue, purchases, value) => {
    for (let d = 0; d < draws.length; d++) {
      if (!withValue) {
        purchases[d] = bgBbConditionalExpectedPurchases(draws[d], m, x, tx, n);
        continue;
      }
      const h = bgBbHorizon(draws[d], m, perPeriod, x, tx, n);
      purchases[d] = h.expected;
      value[d] = margin * h.discounted;
    }
  };
  const spendDraws = drawSpend(gg, summary, options);
  return intervalsFromDraws(purchaseDraws, spendDraws, gg, summary, options, score, onProgress);
}

function histories(input: PeriodInput): PeriodHistories {
  const h = customerPeriodHistories(input.orders, input.calibrationPeriods, input.holdoutPeriods);
  if (h.customerIds.length === 0) {
    bad(
      'No customer bought in the calibration periods: there is no one to fit BG/BB on.',
      '校准期内没有客户购买，无法拟合 BG/BB。',
    );
  }
  return h;
}

/** Per distinct (x, t_x, n), a cached value: customers share few histories. */
function memo(f: (x: number, tx: number, n: number) => number) {
  const cache = new Map<string, number>();
  return (x: number, tx: number, n: number) => {
    const key = `${x},${tx},${n}`;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = f(x, tx, n)));
    return v;
  };
}

function holdoutExpectations(fit: BgBbModelFit, h: PeriodHistories, m: number): Float64Array {
  const p = fit.params as unknown as BgBbParams;
  const e = memo((x, tx, n) => bgBbConditionalExpectedPurchases(p, m, x, tx, n));
  return Float64Array.from(h.frequency, (x, i) => e(x, h.recency[i], h.periods[i]));
}

function outcomeOf(fit: BgBbModelFit, h: PeriodHistories, input: PeriodInput): ModelOutcome {
  const holdout = input.holdoutPeriods > 0;
  return {
    model: 'bgbb',
    parameters: NAMES.length,
    logLikelihood: fit.logLikelihood,
    customers: h.customerIds.length,
    predicted: holdout ? holdoutExpectations(fit, h, input.holdoutPeriods) : [],
    actual: holdout ? h.holdoutFrequency : [],
    discrete: true,
  };
}

/** BG/BB's row in a model comparison: periods with a purchase, so never ranked with the others. */
export function bgBbOutcome(
  input: PeriodInput,
  onProgress?: (p: PredictProgress) => void,
): ExtraOutcome {
  const h = histories(input);
  const fit = numeric({ en: 'Fitting BG/BB', zh: '拟合 BG/BB' }, () =>
    fitBgBbModel(h, input.period, onProgress),
  );
  return { fit, outcome: outcomeOf(fit, h, input) };
}

function repeatHistogram(p: BgBbParams, h: PeriodHistories): RepeatHistogramRow[] {
  const actual = new Float64Array(FREQUENCY_GROUPS);
  const expected = new Float64Array(FREQUENCY_GROUPS);
  const byN = new Map<number, Float64Array>();
  h.frequency.forEach((x, i) => {
    const n = h.periods[i];
    let dist = byN.get(n);
    if (!dist) byN.set(n, (dist = bgBbTransactionDistribution(p, n)));
    actual[Math.min(x, FREQUENCY_GROUPS - 1)] += 1;
    let head = 0;
    for (let k = 0; k < FREQUENCY_GROUPS - 1; k++) {
      const v = dist[k] ?? 0;
      expected[k] += v;
      head += v;
    }
    expected[FREQUENCY_GROUPS - 1] += Math.max(0, 1 - head);
  });
  return Array.from({ length: FREQUENCY_GROUPS }, (_, g) => ({
    x: g === FREQUENCY_GROUPS - 1 ? `${g}+` : String(g),
    actual: actual[g],
    expected: expected[g],
  }));
}

/** The (x, t_x) grid for the longest-standing customers: 1 <= x <= t_x <= n. */
function grid(h: PeriodHistories): { n: number; points: { frequency: number; recency: number }[] } {
  let n = 0;
  for (const v of h.periods) n = Math.max(n, v);
  const points: { frequency: number; recency: number }[] = [];
  for (let x = 1; x <= Math.min(n, MAX_ROWS); x++) {
    for (let tx = x; tx <= n; tx++) points.push({ frequency: x, recency: tx });
  }
  return { n, points };
}

function frequencyCheck(h: PeriodHistories, predicted: Float64Array): FrequencyCheckRow[] {
  const customers = new Float64Array(FREQUENCY_GROUPS);
  const actual = new Float64Array(FREQUENCY_GROUPS);
  const model = new Float64Array(FREQUENCY_GROUPS);
  h.frequency.forEach((x, i) => {
    const g = Math.min(x, FREQUENCY_GROUPS - 1);
    customers[g] += 1;
    actual[g] += h.holdoutFrequency[i];
    model[g] += predicted[i];
  });
  return frequencyGroupRows(customers, actual, model);
}

/**
 * BG/BB in the Predict cell: fits it on orders binned into calendar periods (a customer's first
 * period is their trial, each later one a chance to buy), Gamma-Gamma on the mean spend of the
 * repeat periods, and scores every customer: P(alive at the next period), expected periods with a purchase
 * over the horizon (horizonMonths in whole periods, at least 1), and CLV discounted period by
 * period. With `compare`, the `continuous` models' outcomes join the comparison. Customers
 * first buying after the last calibration period are not scored.
 */
export function predictBgBb(
  input: PeriodInput,
  settings: PredictSettings,
  onProgress?: (p: PredictProgress) => void,
  continuous?: {
    fits: PurchaseModelFit[];
    outcomes: ModelOutcome[];
    timings: PredictResult['timings'];
  },
): PredictResult {
  assertSettings(settings);
  const timings: PredictResult['timings'] = { ...continuous?.timings };
  // Binning the orders is part of the fit's time, as the continuous models' summary is not.
  const { h, fit } = timed(timings, 'bgbb', () => {
    const h = histories(input);
    const fit = numeric({ en: 'Fitting BG/BB', zh: '拟合 BG/BB' }, () =>
      fitBgBbModel(h, input.period, onProgress),
    );
    return { h, fit };
  });
  const p = fit.params as unknown as BgBbParams;
  const warnings: FitWarning[] = [...checkFitResult(fit)];
  const summary = {
    frequency: h.frequency,
    recency: h.recency,
    T: h.periods,
    monetaryValue: h.monetaryValue.map((v) => Math.max(v, 0)),
  };
  const gg = timed(timings, 'gamma-gamma', () => fitSpend(summary, warnings, onProgress));

  const k = PERIOD_MONTHS[input.period];
  const m = Math.max(1, Math.round(settings.horizonMonths / k));
  const perPeriod = Math.pow(1 + settings.monthlyDiscountRate, k);
  // Alive at the next opportunity, as Fader, Hardie & Shang's Table 6 and lifetimes report it.
  const alive = memo((x, tx, n) => bgBbProbabilityAlive(p, x, tx, n, 1));
  const expected = memo((x, tx, n) => bgBbConditionalExpectedPurchases(p, m, x, tx, n));
  const discounted = memo((x, tx, n) => bgBbHorizon(p, m, perPeriod, x, tx, n).discounted);
  const count = h.customerIds.length;
  const scoringStarted = performance.now();
  const out: PredictResult = {
    timings,
    fit,
    comparison:
      settings.compare && continuous
        ? {
            ...compareModels([outcomeOf(fit, h, input), ...continuous.outcomes]),
            fits: [fit, ...continuous.fits],
          }
        : null,
    gg,
    warnings,
    customerIds: h.customerIds,
    pAlive: new Float64Array(count),
    expectedPurchases: new Float64Array(count),
    expectedSpend: new Float64Array(count),
    clv: new Float64Array(count),
    byFrequency: [],
    byRecency: [],
    churn: null,
    intervals: null,
    repeatHistogram: numeric({ en: 'The repeat purchase histogram', zh: '复购次数分布' }, () =>
      repeatHistogram(p, h),
    ),
    aliveMatrix: { T: 0, cells: [] } satisfies AliveMatrix,
    expectedMatrix: { T: 0, horizon: m, cells: [] } satisfies ExpectedMatrix,
  };
  numeric({ en: 'Scoring customers', zh: '客户评分' }, () => {
    for (let i = 0; i < count; i++) {
      const [x, tx, n] = [h.frequency[i], h.recency[i], h.periods[i]];
      out.pAlive[i] = alive(x, tx, n);
      out.expectedPurchases[i] = expected(x, tx, n);
      const bounded = gg !== null && gg.p * x + gg.q - 1 > 0;
      const spend = bounded
        ? conditionalExpectedAverageSpend(gg, x, summary.monetaryValue[i])
        : NaN;
      out.expectedSpend[i] = spend;
      out.clv[i] = bounded ? settings.margin * spend * discounted(x, tx, n) : NaN;
    }
  });
  timings.scoring = performance.now() - scoringStarted;
  onProgress?.({ stage: 'scoring', iteration: count, logLikelihood: fit.logLikelihood });
  if (settings.intervals) {
    const options = settings.intervals;
    const horizon = { periods: m, perPeriod, margin: settings.margin };
    out.intervals = timed(timings, 'intervals', () =>
      numeric({ en: 'The prediction intervals', zh: '预测区间' }, () =>
        bgBbCustomerIntervals(fit, gg, summary, horizon, options, (done) =>
          onProgress?.({ stage: 'intervals', iteration: done, logLikelihood: fit.logLikelihood }),
        ),
      ),
    );
  }
  numeric({ en: 'The BG/BB matrices', zh: 'BG/BB 矩阵' }, () => {
    const { n, points } = grid(h);
    out.aliveMatrix = {
      T: n,
      cells: points.map((c) => ({ ...c, pAlive: alive(c.frequency, c.recency, n) })),
    };
    out.expectedMatrix = {
      T: n,
      horizon: m,
      cells: points.map((c) => ({ ...c, expected: expected(c.frequency, c.recency, n) })),
    };
  });
  if (input.holdoutPeriods > 0) {
    const predicted = numeric({ en: 'The holdout check', zh: '留出期检验' }, () =>
      holdoutExpectations(fit, h, input.holdoutPeriods),
    );
    out.byFrequency = frequencyCheck(h, predicted);
    out.byRecency = recencyCheck(h.frequency, h.recency, h.periods, h.holdoutFrequency, predicted);
    out.churn = churnValidation(out.pAlive, h.holdoutFrequency);
  }
  return out;
}
