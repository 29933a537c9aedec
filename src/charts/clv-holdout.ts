import { LocalizedError } from '../domain/localized-error';
import type { TopLevelSpec } from 'vega-lite';
import type { FrequencyCheckRow } from '../model/clv/predict';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle } from './chart-theme';
import { isDiscreteUnit, type ClvChartUnit } from './clv-time-units';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';

/** One period of the tracking chart: cumulative repeat purchases by its end. */
export interface TrackingPoint {
  period: number;
  actual: number;
  expected: number;
}

const T = {
  checkTitle: {
    en: 'Holdout check by calibration purchases',
    zh: '验证期检验：按校准期复购次数分组',
  },
  checkSubtitle: {
    en: 'Mean repeat purchases in the holdout period, actual vs model',
    zh: '验证期内平均复购次数：实际与模型预测',
  },
  x: { en: 'Repeat purchases in the calibration period', zh: '校准期复购次数' },
  mean: { en: 'Mean holdout purchases', zh: '验证期平均购买次数' },
  customers: { en: 'Customers', zh: '客户数' },
  actual: { en: 'Actual', zh: '实际' },
  model: { en: 'Model', zh: '模型' },
  series: { en: 'Series', zh: '数据' },
  trackTitle: {
    en: 'Cumulative repeat purchases, actual vs model',
    zh: '累计复购次数：实际与模型',
  },
  trackSubtitle: {
    en: 'Left of the line: the calibration period the model was fitted on; right: the holdout.',
    zh: '竖线左侧为模型拟合所用的校准期，右侧为验证期。',
  },
  cumulative: { en: 'Cumulative repeat purchases', zh: '累计复购次数' },
  incrementTitle: {
    en: 'Repeat purchases per period, actual vs model',
    zh: '每期复购次数：实际与模型',
  },
  perPeriod: { en: 'Repeat purchases in the period', zh: '本期复购次数' },
  weeks: { en: 'Weeks since the first purchase in the data', zh: '自数据中首次购买起的周数' },
  days: { en: 'Days since the first purchase in the data', zh: '自数据中首次购买起的天数' },
  months: { en: 'Months since the start of the data', zh: '自数据开始起的月数' },
  quarters: { en: 'Quarters since the start of the data', zh: '自数据开始起的季度数' },
  years: { en: 'Years since the start of the data', zh: '自数据开始起的年数' },
  cumulativeBuyers: {
    en: 'Customers buying again, summed over periods',
    zh: '各期再次购买的客户数累计',
  },
  perPeriodBuyers: { en: 'Customers buying again in the period', zh: '本期再次购买的客户数' },
  calibrationEnd: { en: 'Calibration end', zh: '校准期结束' },
} satisfies Record<string, Labels>;

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

const COLORS = { actual: '#4e79a7', model: '#f28e2b' } as const;

function seriesColor(lang: Lang) {
  const domain = [pick(T.actual, lang), pick(T.model, lang)];
  return {
    field: 'series',
    type: 'nominal',
    title: pick(T.series, lang),
    sort: domain,
    scale: { domain, range: [COLORS.actual, COLORS.model] },
  } as const;
}

/**
 * Grouped bars: for customers grouped by calibration repeat purchases (0 .. 7+), the mean
 * repeat purchases they made in the holdout beside the model's conditional expectation.
 */
export function frequencyCheckSpec(rows: FrequencyCheckRow[], lang: Lang): TopLevelSpec {
  checkRowBudget(rows, T.checkTitle);
  const [actual, model] = [pick(T.actual, lang), pick(T.model, lang)];
  const values = rows.flatMap((r) => [
    { ...r, series: actual, value: r.actual },
    { ...r, series: model, value: r.predicted },
  ]);
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 300,
    title: { text: pick(T.checkTitle, lang), subtitle: pick(T.checkSubtitle, lang) },
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: {
        field: 'x',
        type: 'ordinal',
        sort: rows.map((r) => r.x),
        title: pick(T.x, lang),
        axis: { labelAngle: 0 },
      },
      xOffset: { field: 'series', type: 'nominal', sort: [actual, model] },
      y: { field: 'value', type: 'quantitative', title: pick(T.mean, lang) },
      color: seriesColor(lang),
      tooltip: [
        { field: 'x', title: pick(T.x, lang) },
        { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
        { field: 'actual', title: pick(T.actual, lang), format: FORMATS.decimal },
        { field: 'predicted', title: pick(T.model, lang), format: FORMATS.decimal },
      ],
    },
  };
}

type TrackingKind = 'cumulative' | 'incremental';

function trackingSpec(
  points: TrackingPoint[],
  calibrationPeriod: number,
  lang: Lang,
  unit: ClvChartUnit,
  kind: TrackingKind,
  width: number | undefined,
): TopLevelSpec {
  const title = kind === 'cumulative' ? T.trackTitle : T.incrementTitle;
  checkRowBudget(points, title);
  if (!Number.isFinite(calibrationPeriod)) {
    throw new LocalizedError({
      en: `The calibration end must be a number of periods, got ${calibrationPeriod}.`,
      zh: `校准期结束位置必须是期数，实际为 ${calibrationPeriod}。`,
    });
  }
  const [actual, model] = [pick(T.actual, lang), pick(T.model, lang)];
  const periodTitle = pick(T[unit], lang);
  // BG/BB counts customers with a purchase in each calendar period.
  const discrete = isDiscreteUnit(unit);
  const yTitle =
    kind === 'cumulative'
      ? discrete
        ? T.cumulativeBuyers
        : T.cumulative
      : discrete
        ? T.perPeriodBuyers
        : T.perPeriod;
  const x = {
    field: 'period',
    type: 'quantitative',
    title: periodTitle,
    axis: { format: ',d', tickMinStep: 1 },
  } as const;
  // One layer per line, so the model's can be dashed without a second legend.
  const line = (series: string, key: 'actual' | 'expected', dash: number[]): Layer => ({
    data: { values: points.map((p) => ({ ...p, series, value: p[key] })) },
    mark: {
      type: 'line',
      strokeWidth: kind === 'cumulative' ? 2.5 : 1.75,
      strokeDash: dash,
      point: kind === 'cumulative' ? 'transparent' : false,
      tooltip: true,
    },
    encoding: {
      x,
      y: {
        field: 'value',
        type: 'quantitative',
        title: pick(yTitle, lang),
        axis: { format: ',~f' },
      },
      color: seriesColor(lang),
      tooltip: [
        { field: 'period', title: periodTitle, format: FORMATS.count },
        { field: 'actual', title: pick(T.actual, lang), format: FORMATS.count },
        { field: 'expected', title: pick(T.model, lang), format: FORMATS.count },
      ],
    },
  });
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 320,
    title: fittedTitle(pick(title, lang), pick(T.trackSubtitle, lang), width),
    layer: [
      line(actual, 'actual', [1, 0]),
      line(model, 'expected', [6, 4]),
      {
        data: { values: [{ period: calibrationPeriod, label: pick(T.calibrationEnd, lang) }] },
        mark: { type: 'rule', color: '#6f6f6f', strokeDash: [4, 4], strokeWidth: 1.5 },
        encoding: { x },
      },
      {
        data: { values: [{ period: calibrationPeriod, label: pick(T.calibrationEnd, lang) }] },
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -6, y: 6, color: '#6f6f6f' },
        encoding: { x, text: { field: 'label' } },
      },
    ],
  };
}

/**
 * Two lines, cumulative repeat purchases period by period as they happened and as the model
 * expects them (src/model/clv/expected-tracking.ts; for BG/BB's calendar periods, customers
 * buying again, src/model/clv/bgbb-tracking.ts), with a rule where the calibration ends.
 */
export function cumulativeTrackingSpec(
  points: TrackingPoint[],
  calibrationPeriod: number,
  lang: Lang,
  unit: ClvChartUnit = 'weeks',
  width?: number,
): TopLevelSpec {
  return trackingSpec(points, calibrationPeriod, lang, unit, 'cumulative', width);
}

/**
 * The same tracking period by period: each period's repeat purchases (the differences of the
 * cumulative points), actual and expected, with the calibration-end rule.
 */
export function incrementalTrackingSpec(
  points: TrackingPoint[],
  calibrationPeriod: number,
  lang: Lang,
  unit: ClvChartUnit = 'weeks',
  width?: number,
): TopLevelSpec {
  const perPeriod = points.map((p, i) => ({
    period: p.period,
    actual: p.actual - (points[i - 1]?.actual ?? 0),
    expected: p.expected - (points[i - 1]?.expected ?? 0),
  }));
  return trackingSpec(perPeriod, calibrationPeriod, lang, unit, 'incremental', width);
}
