import type { TopLevelSpec } from 'vega-lite';
import type { AliveMatrix } from '../model/clv/alive-matrix';
import type { RepeatHistogramRow } from '../model/clv/repeat-histogram';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';
import { frequencyRecencyGrid } from './frequency-recency-grid';
import { recencyTitle as recencyAxis, unitWord, type ClvChartUnit } from './clv-time-units';

const T = {
  histTitle: {
    en: 'Customers by repeat purchases, actual vs model',
    zh: '按复购次数的客户数：实际与模型',
  },
  histSubtitle: {
    en: 'In-sample: the data the model was fitted on, each customer over their own time since the first purchase.',
    zh: '样本内检验：模型拟合所用数据，每位客户按其自首次购买以来的时长计算。',
  },
  x: { en: 'Repeat purchases', zh: '复购次数' },
  customers: { en: 'Customers', zh: '客户数' },
  actual: { en: 'Actual', zh: '实际' },
  model: { en: 'Model', zh: '模型' },
  series: { en: 'Series', zh: '数据' },
  aliveTitle: {
    en: 'Probability alive by repeat purchases and recency',
    zh: '按复购次数与最近购买时间的存活概率',
  },
  aliveSubtitle: {
    en: 'For customers first buying {T} {unit} before the end of the data; recency is the time from the first to the last purchase.',
    zh: '针对在数据结束前 {T} {unit}首次购买的客户；最近购买时间为首次到最后一次购买的间隔。',
  },
  pAlive: { en: 'P(alive)', zh: '存活概率' },
} satisfies Record<string, Labels>;

const COLORS = { actual: '#4e79a7', model: '#f28e2b' } as const;

/**
 * Grouped bars: customers with 0, 1, ..., 6 and 7+ repeat purchases, as counted and as the
 * fitted model expects (src/model/clv/repeat-histogram.ts).
 */
export function repeatHistogramSpec(
  rows: RepeatHistogramRow[],
  lang: Lang,
  width?: number,
): TopLevelSpec {
  checkRowBudget(rows, T.histTitle);
  const [actual, model] = [pick(T.actual, lang), pick(T.model, lang)];
  const values = rows.flatMap((r) => [
    { ...r, series: actual, value: r.actual },
    { ...r, series: model, value: r.expected },
  ]);
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 300,
    title: fittedTitle(pick(T.histTitle, lang), pick(T.histSubtitle, lang), width),
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
      y: {
        field: 'value',
        type: 'quantitative',
        title: pick(T.customers, lang),
        axis: { format: ',~f' },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: pick(T.series, lang),
        sort: [actual, model],
        scale: { domain: [actual, model], range: [COLORS.actual, COLORS.model] },
      },
      tooltip: [
        { field: 'x', title: pick(T.x, lang) },
        { field: 'actual', title: pick(T.actual, lang), format: FORMATS.count },
        { field: 'expected', title: pick(T.model, lang), format: FORMATS.decimal },
      ],
    },
  };
}

/**
 * A heatmap of P(alive) (src/model/clv/alive-matrix.ts): repeat purchases up the side, recency
 * across, on a sequential scale from 0 to 1 (dark: likely alive).
 */
export function aliveMatrixSpec(
  matrix: AliveMatrix,
  lang: Lang,
  unit: ClvChartUnit = 'weeks',
  width?: number,
): TopLevelSpec {
  checkRowBudget(matrix.cells, T.aliveTitle);
  const recencyTitle = recencyAxis(unit, lang);
  const subtitle = pick(T.aliveSubtitle, lang)
    .replace('{T}', new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(matrix.T))
    .replace('{unit}', unitWord(unit, lang));
  const grid = frequencyRecencyGrid(matrix.cells, matrix.T, unit, recencyTitle, pick(T.x, lang));
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 320,
    title: fittedTitle(pick(T.aliveTitle, lang), subtitle, width),
    data: { values: grid.values },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      ...grid.encoding,
      color: {
        field: 'pAlive',
        type: 'quantitative',
        title: pick(T.pAlive, lang),
        scale: { scheme: 'blues', domain: [0, 1] },
        legend: { format: FORMATS.percent },
      },
      tooltip: [
        { field: 'frequency', title: pick(T.x, lang), format: FORMATS.count },
        { field: 'recency', title: recencyTitle, format: grid.discrete ? ',d' : ',.1f' },
        { field: 'pAlive', title: pick(T.pAlive, lang), format: FORMATS.percent },
      ],
    },
  };
}
