import type { Engine, Row } from '../engine/types';
import { arrowColumn } from '../ingest/arrow-column';
import { calibrationPeriod } from '../model/calibration-period';
import { DEFAULT_INTERVAL_DRAWS, DEFAULT_INTERVAL_SEED } from '../model/clv/customer-intervals';
import type { BgBbParams } from '../model/clv/bgbb';
import { bgBbTracking } from '../model/clv/bgbb-tracking';
import { expectedCumulativeRepeat } from '../model/clv/expected-tracking';
import type { PredictProgress, PredictResult } from '../model/clv/predict';
import type { PeriodInput } from '../model/clv/predict-bgbb';
import { periodOrdersFromRows } from '../model/clv/period-bins';
import { periodStart, wholePeriods } from '../model/clv/period-calendar';
import { PERIOD_MONTHS, type BgBbPeriod } from '../model/clv/purchase-models';
import { LocalizedError } from '../domain/localized-error';
import { clvPeriodsSql } from '../sql/clv-periods';
import type { PredictCell } from '../model/notebook';
import { dropTableSql } from '../sql/catalog';
import { clvOrdersOf, clvSummarySql } from '../sql/clv-summary';
import { clvCohortsSql, clvTrackingSql } from '../sql/clv-tracking';
import { orderDateRangeSql } from '../sql/order-date-range';
import { Table, tableToIPC } from 'apache-arrow';
import type { FeaturesState } from './FeaturesState.svelte';
import type { fitInWorker } from './fit-in-worker';
import type { PredictView } from './predict-view';

export interface PredictContext {
  features: FeaturesState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  onProgress: (id: string, progress: PredictProgress & { fit: 'check' | 'forecast' }) => void;
  /** Fits the models off the main thread (`fitInWorker`). */
  fit: FitModels;
}

export type FitModels = typeof fitInWorker;

function predictionsIpc(result: PredictResult): Uint8Array {
  const nullable = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  const iv = result.intervals;
  const none = new Float64Array(result.customerIds.length).fill(Number.NaN);
  const table = new Table({
    customer_id: arrowColumn('text', result.customerIds),
    p_alive: arrowColumn('float64', nullable(result.pAlive)),
    expected_purchases: arrowColumn('float64', nullable(result.expectedPurchases)),
    expected_spend: arrowColumn('float64', nullable(result.expectedSpend)),
    predicted_clv: arrowColumn('float64', nullable(result.clv)),
    expected_purchases_low: arrowColumn('float64', nullable(iv?.expectedPurchasesLow ?? none)),
    expected_purchases_high: arrowColumn('float64', nullable(iv?.expectedPurchasesHigh ?? none)),
    predicted_clv_low: arrowColumn('float64', nullable(iv?.clvLow ?? none)),
    predicted_clv_high: arrowColumn('float64', nullable(iv?.clvHigh ?? none)),
  });
  return tableToIPC(table, 'stream');
}

const PERIOD_NAMES: Record<BgBbPeriod, { en: string; zh: string }> = {
  month: { en: 'months', zh: '月' },
  quarter: { en: 'quarters', zh: '季度' },
  year: { en: 'years', zh: '年' },
};

/** BG/BB needs a trial period and at least one more chance to buy before the calibration end. */
function assertEnoughPeriods(periods: number, period: BgBbPeriod, end: string): void {
  if (periods >= 2) return;
  const name = PERIOD_NAMES[period];
  throw new LocalizedError({
    en: `BG/BB needs at least 2 whole ${name.en} of orders up to ${end}; the data has ${periods}. Choose a shorter period, a later calibration end, or a continuous model.`,
    zh: `BG/BB 需要截至 ${end} 至少 2 个完整的${name.zh}的订单，数据只有 ${periods} 个。请选择更短的分期、更晚的校准期结束日期，或连续时间模型。`,
  });
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) if (Number.isFinite(v)) s += v;
  return s;
}

/** Runs a Predict cell: summary SQL in DuckDB, model fits in a worker, predictions back in DuckDB. */
export async function runPredict(ctx: PredictContext, cell: PredictCell): Promise<PredictView> {
  const started = performance.now();
  const settings = {
    unit: cell.unit,
    horizonMonths: cell.horizonMonths,
    monthlyDiscountRate: cell.monthlyDiscountRate,
    margin: cell.margin,
    model: cell.model ?? 'bgnbd',
  };
  const period = cell.period ?? 'month';
  const bgbb = settings.model === 'bgbb';
  const needPeriods = bgbb || cell.compare === true;
  ctx.features.requireOrders('predict');
  const data = await ctx.exclusive(async (engine) => {
    const asOf = await ctx.features.ensure(engine);
    const orders = ctx.features.ordersMapping()!;
    const range = (await engine.query(orderDateRangeSql(orders, asOf))).rows[0] ?? {};
    const calibration = calibrationPeriod(
      String(range.first_day),
      String(range.last_day),
      cell.calibrationEnd,
    );
    const base = { ...clvOrdersOf(orders), unit: cell.unit };
    const full = await engine.query(
      clvSummarySql({ ...base, calibrationEnd: String(range.last_day) }),
    );
    let check: Row[] = [];
    let tracking: Row[] = [];
    let cohorts: Row[] = [];
    if (calibration.holdoutEnd) {
      const withHoldout = {
        ...base,
        calibrationEnd: calibration.calibrationEnd,
        holdoutEnd: calibration.holdoutEnd,
      };
      check = (await engine.query(clvSummarySql(withHoldout))).rows;
      tracking = (await engine.query(clvTrackingSql(withHoldout))).rows;
      cohorts = (await engine.query(clvCohortsSql(withHoldout))).rows;
    }
    let periodOrders: PeriodInput['orders'] = [];
    const first = String(range.first_day);
    const last = String(range.last_day);
    if (needPeriods) {
      const sql = clvPeriodsSql({
        ...clvOrdersOf(orders),
        start: periodStart(first, period),
        months: PERIOD_MONTHS[period],
        end: last,
      });
      periodOrders = periodOrdersFromRows((await engine.query(sql)).rows);
    }
    const periods = (calibration: number, holdout: number): PeriodInput | null =>
      needPeriods
        ? { orders: periodOrders, period, calibrationPeriods: calibration, holdoutPeriods: holdout }
        : null;
    const fullPeriods = wholePeriods(first, last, period);
    const calibrationPeriods = wholePeriods(first, calibration.calibrationEnd, period);
    if (bgbb) assertEnoughPeriods(fullPeriods, period, last);
    return {
      asOf,
      period: calibration,
      full: full.rows,
      check,
      tracking,
      cohorts,
      fullPeriods: periods(fullPeriods, 0),
      // A holdout for BG/BB only when a whole period of it has ended.
      checkPeriods:
        calibrationPeriods >= 2 && calibration.holdoutEnd
          ? periods(calibrationPeriods, fullPeriods - calibrationPeriods)
          : null,
    };
  });

  const checkStarted = performance.now();
  // BG/BB is checked on its own holdout periods; without a whole one it has no check fit.
  const checkFit =
    data.check.length > 0 && (!bgbb || data.checkPeriods)
      ? await ctx.fit(
          {
            rows: data.check,
            periods: data.checkPeriods,
            settings: { ...settings, compare: cell.compare === true },
          },
          (p) => ctx.onProgress(cell.id, { ...p, fit: 'check' }),
        )
      : null;
  const forecastStarted = performance.now();
  const checkFitMs = checkFit ? forecastStarted - checkStarted : 0;
  // Without a holdout the comparison falls back to BIC on the forecast fit.
  const compareForecast = cell.compare === true && !checkFit;
  // Only the forecast, whose scores join the features, gets per-customer intervals.
  const intervals = { draws: DEFAULT_INTERVAL_DRAWS, seed: DEFAULT_INTERVAL_SEED };
  const forecast = await ctx.fit(
    {
      rows: data.full,
      periods: data.fullPeriods,
      settings: { ...settings, compare: compareForecast, intervals },
    },
    (p) => ctx.onProgress(cell.id, { ...p, fit: 'forecast' }),
  );

  const forecastFitMs = performance.now() - forecastStarted;
  let trackingPoints: PredictView['tracking'] = [];
  let calibrationPeriodIndex = 0;
  // Tracking is by calendar day from the summary SQL: the continuous models' time axis.
  if (checkFit && checkFit.fit.model !== 'bgbb') {
    const periods = data.tracking.length;
    const expected = expectedCumulativeRepeat(
      checkFit.fit,
      data.cohorts.map((c) => ({ offset: Number(c.offset), customers: Number(c.customers) })),
      periods,
    );
    let cumulative = 0;
    trackingPoints = data.tracking.map((row, i) => {
      cumulative += Number(row.repeat_purchases);
      return { period: Number(row.period), actual: cumulative, expected: expected[i] ?? 0 };
    });
    calibrationPeriodIndex = Number(data.tracking[0]?.calibration_period ?? 0);
  } else if (checkFit && checkFit.fit.model === 'bgbb' && data.checkPeriods) {
    // BG/BB tracks its own calendar periods: customers buying again in each.
    const { orders, calibrationPeriods, holdoutPeriods } = data.checkPeriods;
    const params = checkFit.fit.params as unknown as BgBbParams;
    trackingPoints = bgBbTracking(params, orders, calibrationPeriods, holdoutPeriods);
    calibrationPeriodIndex = calibrationPeriods;
  }

  await ctx.exclusive(async (engine) => {
    await engine.exec(dropTableSql(cell.name));
    await engine.insertArrowIPC(cell.name, predictionsIpc(forecast), true);
    ctx.features.setPredictions(cell.name);
    await ctx.features.ensure(engine);
  });

  const scored = forecast.customerIds.length;
  return {
    asOf: data.asOf,
    calibrationEnd: data.period.calibrationEnd,
    holdoutEnd: checkFit ? data.period.holdoutEnd : null,
    check: checkFit,
    tracking: trackingPoints,
    calibrationPeriod: calibrationPeriodIndex,
    forecast,
    scored,
    totalClv: sum(forecast.clv),
    meanPAlive: scored ? sum(forecast.pAlive) / scored : 0,
    elapsedMs: performance.now() - started,
    checkFitMs,
    forecastFitMs,
  };
}
