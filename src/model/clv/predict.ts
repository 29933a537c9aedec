import { CLV_SUMMARY_COLUMNS, type ClvTimeUnit } from '../../sql/clv-summary';
import type { Labels } from '../../domain/labels';
import {
  CONTINUOUS_MODELS,
  fitPurchaseModel,
  isContinuousModel,
  modelConditionalExpectedPurchases,
  modelLabel,
  modelProbabilityAlive,
  type ContinuousModelKey,
  type PurchaseModelFit,
} from './continuous-models';
import { customerLifetimeValue, UNITS_PER_MONTH } from './clv';
import { aliveMatrix, type AliveMatrix } from './alive-matrix';
import { expectedMatrix, type ExpectedMatrix } from './expected-matrix';
import { recencyCheck, type RecencyCheckRow } from './recency-check';
import { churnValidation, type ChurnValidation } from './churn-validation';
import {
  customerIntervals,
  type CustomerIntervals,
  type IntervalOptions,
} from './customer-intervals';
import { ClvInputError } from './clv-input-error';
import { checkFitData, checkFitResult, type FitWarning } from './fit-warnings';
import { frequencyCheck, type FrequencyCheckRow } from './frequency-check';
import { compareModels, type ModelComparison, type ModelOutcome } from './model-comparison';
import {
  isPurchaseModel,
  PURCHASE_MODELS,
  type AnyPurchaseFit,
  type PurchaseModelKey,
} from './purchase-models';
import { conditionalExpectedAverageSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import { repeatHistogram, type RepeatHistogramRow } from './repeat-histogram';
import { summaryFromRows, type CustomerSummary } from './summary';

export type { FrequencyCheckRow, RecencyCheckRow };

export interface PredictSettings {
  unit: ClvTimeUnit;
  /** Forecast horizon: a whole number of months, 1..240. */
  horizonMonths: number;
  /** At least 0 and below 1, e.g. 0.01. */
  monthlyDiscountRate: number;
  /** Share of spend that is profit, in (0, 1]. */
  margin: number;
  /** The purchase model; BG/NBD when absent. BG/BB goes through `predictBgBb`. */
  model?: PurchaseModelKey;
  /** Also fit every other purchase model and compare them (on the holdout when there is one). */
  compare?: boolean;
  /** Per-customer intervals by parametric bootstrap (`customerIntervals`); none when absent. */
  intervals?: IntervalOptions;
}

/** The purchase model being fitted (by its key), the spend model, or scoring. */
export type PredictStage = PurchaseModelKey | 'gamma-gamma' | 'scoring' | 'intervals';

/**
 * While fitting, `iteration` is the optimiser's iteration and `logLikelihood` the best so far.
 * While scoring or bootstrapping intervals, `iteration` counts the customers done and
 * `logLikelihood` is the purchase model's.
 */
export interface PredictProgress {
  stage: PredictStage;
  iteration: number;
  logLikelihood: number;
}

/**
 * Per-customer arrays are in the order of the input rows. NaN means "no value" (write it as SQL
 * NULL): expectedSpend and clv are NaN for everyone when `gg` is null, and for the customers
 * whose expected spend is unbounded because the spend model's q <= 1.
 */
export interface PredictResult {
  /** The chosen purchase model's fit (BG/NBD, Pareto/NBD, MBG/NBD or BG/BB). */
  fit: AnyPurchaseFit;
  /** With `compare`: every purchase model's fit and their scores; otherwise null. */
  comparison: (ModelComparison & { fits: AnyPurchaseFit[] }) | null;
  /** Null when fewer than `MIN_SPEND_BUYERS` repeat buyers have a positive mean spend. */
  gg: GammaGammaFit | null;
  warnings: FitWarning[];
  customerIds: string[];
  pAlive: Float64Array;
  /** Conditional on each customer's history, over horizonMonths * UNITS_PER_MONTH[unit]. */
  expectedPurchases: Float64Array;
  /**
   * Gamma-Gamma expected spend per future purchase. For customers without repeat purchases it is
   * the population mean p*gamma/(q-1); a repeat buyer whose mean repeat spend is 0 or negative
   * (returns) counts as having spent 0, which pulls the estimate below that mean.
   */
  expectedSpend: Float64Array;
  /** `customerLifetimeValue` over the horizon, with the same zero floor on mean spend. */
  clv: Float64Array;
  /** The holdout check by calibration frequency; empty when the rows have no holdout columns. */
  byFrequency: FrequencyCheckRow[];
  /** The holdout check by calibration recency; empty without holdout columns. */
  byRecency: RecencyCheckRow[];
  /** P(alive) scored against "no purchase in the holdout"; null without holdout columns. */
  churn: ChurnValidation | null;
  /**
   * With `settings.intervals`: 5%..95% bootstrap intervals of expectedPurchases and clv; null
   * without them or when the fit has no invertible information matrix.
   */
  intervals: CustomerIntervals | null;
  /** In-sample: customers by repeat purchases, actual vs the model's expectation. */
  repeatHistogram: RepeatHistogramRow[];
  /** P(alive) over repeat purchases and recency for the oldest customers. */
  aliveMatrix: AliveMatrix;
  /** Expected purchases over the horizon on the same grid as `aliveMatrix`. */
  expectedMatrix: ExpectedMatrix;
  /** Wall time in ms of each stage: every model fitted, the spend model, scoring, intervals. */
  timings: Partial<Record<PredictStage, number>>;
}

/** Runs `work`, adding its wall time to `timings[stage]`. */
export function timed<T>(timings: PredictResult['timings'], stage: PredictStage, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    timings[stage] = (timings[stage] ?? 0) + performance.now() - started;
  }
}

/** Fewer repeat buyers with positive spend than this, and the spend model is not fitted. */
export const MIN_SPEND_BUYERS = 10;

const SCORING_CHUNK = 2000;

export function bad(en: string, zh: string): never {
  throw new ClvInputError({ en, zh });
}

export function assertSettings(s: PredictSettings): void {
  if (s === null || typeof s !== 'object')
    bad('Prediction settings are missing.', '缺少预测设置。');
  if (!(s.unit in UNITS_PER_MONTH)) {
    bad(
      `Unknown time unit "${String(s.unit)}": use days or weeks.`,
      `未知的时间单位“${String(s.unit)}”：请使用天（days）或周（weeks）。`,
    );
  }
  const h = s.horizonMonths;
  if (!Number.isInteger(h) || h < 1 || h > 240) {
    bad(
      `The horizon must be a whole number of months from 1 to 240, got ${h}.`,
      `预测期必须是 1 到 240 之间的整月数，实际为 ${h}。`,
    );
  }
  const d = s.monthlyDiscountRate;
  if (!Number.isFinite(d) || d < 0 || d >= 1) {
    bad(
      `The monthly discount rate must be at least 0 and below 1 (e.g. 0.01), got ${d}.`,
      `月折现率必须不小于 0 且小于 1（如 0.01），实际为 ${d}。`,
    );
  }
  if (!Number.isFinite(s.margin) || s.margin <= 0 || s.margin > 1) {
    bad(
      `The margin must be above 0 and at most 1 (e.g. 0.3 for 30%), got ${s.margin}.`,
      `利润率必须大于 0 且不超过 1（如 0.3 表示 30%），实际为 ${s.margin}。`,
    );
  }
  if (s.model !== undefined && !isPurchaseModel(s.model)) {
    bad(
      `Unknown purchase model "${String(s.model)}": use ${PURCHASE_MODELS.join(', ')}.`,
      `未知的购买模型“${String(s.model)}”：请使用 ${PURCHASE_MODELS.join('、')}。`,
    );
  }
}

/**
 * Runs numeric work, turning a failure of the mathematics itself (a series that does not
 * converge, an overflow) into a message that says what was being computed and what to try.
 */
export function numeric<T>(what: Labels, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ClvInputError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new ClvInputError({
      en: `${what.en} failed: the model's formulas could not be evaluated for this data (${detail}). Try the weeks unit, a shorter horizon, or another model.`,
      zh: `${what.zh}失败：无法对该数据计算模型公式（${detail}）。请尝试以周为单位、缩短预测期或换用其他模型。`,
    });
  }
}

function customerIds(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((row, i) => {
    const id = row[CLV_SUMMARY_COLUMNS.customerId];
    if (id === null || id === undefined) {
      bad(`Summary row ${i + 1} has no customer_id.`, `汇总第 ${i + 1} 行缺少 customer_id。`);
    }
    return String(id);
  });
}

export function fitSpend(
  summary: CustomerSummary,
  warnings: FitWarning[],
  onProgress?: (p: PredictProgress) => void,
): GammaGammaFit | null {
  let buyers = 0;
  for (let i = 0; i < summary.frequency.length; i++) {
    if (summary.frequency[i] > 0 && summary.monetaryValue[i] > 0) buyers++;
  }
  if (buyers < MIN_SPEND_BUYERS) {
    const message: Labels = {
      en: `Only ${buyers} repeat buyers with a positive spend: the spend model needs at least ${MIN_SPEND_BUYERS}, so there is no expected spend or CLV.`,
      zh: `仅有 ${buyers} 位消费为正的复购客户：消费金额模型至少需要 ${MIN_SPEND_BUYERS} 位，因此无法给出期望消费和 CLV。`,
    };
    // More specific than checkFitData's warning of the same code, so it takes its place.
    const i = warnings.findIndex((w) => w.code === 'few-repeat-buyers');
    warnings.splice(i < 0 ? warnings.length : i, i < 0 ? 0 : 1, {
      code: 'few-repeat-buyers',
      message,
    });
    return null;
  }
  const gg = fitGammaGamma(summary, {
    onProgress: (p) =>
      onProgress?.({
        stage: 'gamma-gamma',
        iteration: p.iteration,
        logLikelihood: p.logLikelihood,
      }),
  });
  warnings.push(...checkFitResult(gg));
  return gg;
}

/** Scores customers [from, to) into `out`; `spendSummary` has mean spend floored at 0. */
function scoreChunk(
  fit: PurchaseModelFit,
  out: PredictResult,
  spendSummary: CustomerSummary,
  settings: PredictSettings,
  from: number,
  to: number,
): void {
  const { gg } = out;
  const { frequency: x, recency: tx, T, monetaryValue: m } = spendSummary;
  const horizon = settings.horizonMonths * UNITS_PER_MONTH[settings.unit];
  const valued: number[] = [];
  for (let i = from; i < to; i++) {
    out.pAlive[i] = modelProbabilityAlive(fit, x[i], tx[i], T[i]);
    out.expectedPurchases[i] = modelConditionalExpectedPurchases(fit, horizon, x[i], tx[i], T[i]);
    const bounded = gg !== null && gg.p * x[i] + gg.q - 1 > 0;
    out.expectedSpend[i] = bounded ? conditionalExpectedAverageSpend(gg, x[i], m[i]) : Number.NaN;
    out.clv[i] = Number.NaN;
    if (bounded) valued.push(i);
  }
  if (gg === null || valued.length === 0) return;
  const pickArr = (a: Float64Array) => Float64Array.from(valued, (i) => a[i]);
  const clv = customerLifetimeValue(
    fit,
    gg,
    { frequency: pickArr(x), recency: pickArr(tx), T: pickArr(T), monetaryValue: pickArr(m) },
    {
      months: settings.horizonMonths,
      monthlyDiscountRate: settings.monthlyDiscountRate,
      margin: settings.margin,
      unit: settings.unit,
    },
  );
  valued.forEach((i, k) => (out.clv[i] = clv[k]));
}

/**
 * What each fitted continuous model says: in-sample (log-likelihood) and, when the rows carry
 * holdout columns, each customer's expected holdout purchases, for `compareModels`.
 */
export function continuousOutcomes(
  fits: PurchaseModelFit[],
  summary: CustomerSummary,
  rows: readonly Record<string, unknown>[],
): ModelOutcome[] {
  const c = CLV_SUMMARY_COLUMNS;
  const holdout = rows[0]?.[c.holdoutFrequency] !== undefined;
  const actual = holdout ? Float64Array.from(rows, (r) => Number(r[c.holdoutFrequency])) : [];
  return fits.map((fit) => {
    const predicted = holdout
      ? numeric(
          {
            en: `Forecasting the holdout with ${modelLabel(fit.model)}`,
            zh: `用 ${modelLabel(fit.model)} 预测留出期`,
          },
          () =>
            Float64Array.from(rows, (r, i) =>
              modelConditionalExpectedPurchases(
                fit,
                Number(r[c.holdoutDuration]),
                summary.frequency[i],
                summary.recency[i],
                summary.T[i],
              ),
            ),
        )
      : [];
    return {
      model: fit.model,
      parameters: fit.estimates.length,
      logLikelihood: fit.logLikelihood,
      customers: summary.frequency.length,
      predicted,
      actual,
    };
  });
}

/** Fits every continuous model on `clvSummarySql` rows, for the comparison beside another one. */
export function fitContinuousModels(
  rows: readonly Record<string, unknown>[],
  onProgress?: (p: PredictProgress) => void,
): { fits: PurchaseModelFit[]; outcomes: ModelOutcome[]; timings: PredictResult['timings'] } {
  const summary = summaryFromRows(rows);
  const timings: PredictResult['timings'] = {};
  const fits = CONTINUOUS_MODELS.map((model) =>
    timed(timings, model, () =>
      numeric({ en: `Fitting ${modelLabel(model)}`, zh: `拟合 ${modelLabel(model)} ` }, () =>
        fitPurchaseModel(model, summary, {
          onProgress: (p) =>
            onProgress?.({ stage: model, iteration: p.iteration, logLikelihood: p.logLikelihood }),
        }),
      ),
    ),
  );
  return { fits, outcomes: continuousOutcomes(fits, summary, rows), timings };
}

/** A model fitted elsewhere (BG/BB on periods) to show in the comparison. */
export interface ExtraOutcome {
  fit: AnyPurchaseFit;
  outcome: ModelOutcome;
}

/**
 * Fits a purchase model (BG/NBD unless `settings.model` says otherwise) and Gamma-Gamma on `clvSummarySql` rows and scores every customer: P(alive),
 * expected purchases and spend over the horizon, and CLV. Pure, so it can run in a Web Worker.
 * Doubts about the data or fits come back as `warnings`; a ClvInputError is thrown only when no
 * fit is possible (bad settings or rows, no customers, or no observation time).
 */
export function predict(
  rows: readonly Record<string, unknown>[],
  settings: PredictSettings,
  onProgress?: (p: PredictProgress) => void,
  extra: ExtraOutcome[] = [],
): PredictResult {
  assertSettings(settings);
  const chosen = settings.model ?? 'bgnbd';
  if (!isContinuousModel(chosen)) {
    bad('BG/BB is fitted on periods: use predictBgBb.', 'BG/BB 按期拟合：请使用 predictBgBb。');
  }
  if (!Array.isArray(rows)) bad('The summary rows must be a list.', '汇总数据必须是行列表。');
  const ids = customerIds(rows);
  const summary = summaryFromRows(rows);
  const warnings = checkFitData(summary);
  const fatal = warnings.find((w) => w.code === 'no-customers' || w.code === 'no-observation-time');
  if (fatal) throw new ClvInputError(fatal.message);

  const fitModel = (model: ContinuousModelKey) =>
    numeric({ en: `Fitting ${modelLabel(model)}`, zh: `拟合 ${modelLabel(model)} ` }, () =>
      fitPurchaseModel(model, summary, {
        onProgress: (p) =>
          onProgress?.({ stage: model, iteration: p.iteration, logLikelihood: p.logLikelihood }),
      }),
    );
  const timings: PredictResult['timings'] = {};
  const fit = timed(timings, chosen, () => fitModel(chosen));
  warnings.push(...checkFitResult(fit));
  let comparison: PredictResult['comparison'] = null;
  if (settings.compare) {
    const fits = [
      fit,
      ...CONTINUOUS_MODELS.filter((m) => m !== chosen).map((m) =>
        timed(timings, m, () => fitModel(m)),
      ),
    ];
    const outcomes = [...continuousOutcomes(fits, summary, rows), ...extra.map((e) => e.outcome)];
    comparison = { ...compareModels(outcomes), fits: [...fits, ...extra.map((e) => e.fit)] };
  }
  const gg = timed(timings, 'gamma-gamma', () => fitSpend(summary, warnings, onProgress));

  const n = ids.length;
  const out: PredictResult = {
    fit,
    comparison,
    gg,
    warnings,
    customerIds: ids,
    pAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedSpend: new Float64Array(n),
    clv: new Float64Array(n),
    byFrequency: numeric({ en: 'The holdout check', zh: '留出期检验' }, () =>
      frequencyCheck(fit, summary, rows),
    ),
    byRecency: [],
    churn: null,
    intervals: null,
    repeatHistogram: numeric({ en: 'The repeat purchase histogram', zh: '复购次数分布' }, () =>
      repeatHistogram(fit, summary),
    ),
    aliveMatrix: numeric({ en: 'The P(alive) matrix', zh: '存活概率矩阵' }, () =>
      aliveMatrix(fit, summary),
    ),
    timings,
    expectedMatrix: numeric({ en: 'The expected purchases matrix', zh: '期望购买次数矩阵' }, () =>
      expectedMatrix(fit, summary, settings.horizonMonths * UNITS_PER_MONTH[settings.unit]),
    ),
  };
  const spendSummary = {
    ...summary,
    monetaryValue: summary.monetaryValue.map((v) => Math.max(v, 0)),
  };
  const scoringStarted = performance.now();
  for (let from = 0; from < n; from += SCORING_CHUNK) {
    const to = Math.min(n, from + SCORING_CHUNK);
    numeric({ en: 'Scoring customers', zh: '客户评分' }, () =>
      scoreChunk(fit, out, spendSummary, settings, from, to),
    );
    onProgress?.({ stage: 'scoring', iteration: to, logLikelihood: fit.logLikelihood });
  }
  timings.scoring = performance.now() - scoringStarted;
  if (settings.intervals) {
    const options = settings.intervals;
    out.intervals = timed(timings, 'intervals', () =>
      numeric({ en: 'The prediction intervals', zh: '预测区间' }, () =>
        customerIntervals(fit, gg, spendSummary, settings, options, (done) =>
          onProgress?.({ stage: 'intervals', iteration: done, logLikelihood: fit.logLikelihood }),
        ),
      ),
    );
  }
  const c = CLV_SUMMARY_COLUMNS;
  if (rows[0]?.[c.holdoutFrequency] !== undefined) {
    const actual = Float64Array.from(rows, (r) => Number(r[c.holdoutFrequency]));
    out.churn = churnValidation(out.pAlive, actual);
    const { frequency: x, recency: tx, T } = summary;
    out.byRecency = numeric(
      { en: 'The holdout check by recency', zh: '按最近购买的留出期检验' },
      () =>
        recencyCheck(
          x,
          tx,
          T,
          actual,
          Float64Array.from(rows, (r, i) =>
            modelConditionalExpectedPurchases(fit, Number(r[c.holdoutDuration]), x[i], tx[i], T[i]),
          ),
        ),
    );
  }
  return out;
}
