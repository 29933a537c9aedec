import type { TopLevelSpec } from 'vega-lite';
import type { RecencyCheckRow } from '../model/clv/recency-check';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';
import { recencyTitle, type ClvChartUnit } from './clv-time-units';

const T = {
  title: {
    en: 'Holdout check by calibration recency',
    zh: '验证期检验：按校准期最近购买时间分组',
  },
  subtitle: {
    en: 'Mean repeat purchases in the holdout period, actual vs model',
    zh: '验证期内平均复购次数：实际与模型预测',
  },
  none: { en: 'No repeat', zh: '无复购' },
  mean: { en: 'Mean holdout purchases', zh: '验证期平均购买次数' },
  customers: { en: 'Customers', zh: '客户数' },
  actual: { en: 'Actual', zh: '实际' },
  model: { en: 'Model', zh: '模型' },
  series: { en: 'Series', zh: '数据' },
} satisfies Record<string, Labels>;

const COLORS = { actual: '#4e79a7', model: '#f28e2b' } as const;

/** The group's label on the axis: "No repeat", a single unit, or a range "8–16". */
export function recencyGroupLabel(row: RecencyCheckRow, lang: Lang): string {
  if (row.from === null || row.to === null) return pick(T.none, lang);
  const f = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  return row.to - row.from === 1 ? f.format(row.from) : `${f.format(row.from)}–${f.format(row.to)}`;
}

/**
 * Grouped bars beside the check by frequency: customers without repeat purchases, then repeat
 * buyers by slices of calibration recency, each with the mean holdout purchases they made and
 * the model's conditional expectation (src/model/clv/recency-check.ts).
 */
export function recencyCheckSpec(
  rows: RecencyCheckRow[],
  lang: Lang,
  unit: ClvChartUnit = 'weeks',
  width?: number,
): TopLevelSpec {
  checkRowBudget(rows, T.title);
  const [actual, model] = [pick(T.actual, lang), pick(T.model, lang)];
  const labelled = rows.map((r) => ({ ...r, group: recencyGroupLabel(r, lang) }));
  const values = labelled.flatMap((r) => [
    { ...r, series: actual, value: r.actual },
    { ...r, series: model, value: r.predicted },
  ]);
  const axisTitle = recencyTitle(unit, lang, true);
  // "No repeat" and ranges like "18–27" run into each other when a group is narrow.
  const perGroup = (width ?? 500) / Math.max(1, labelled.length);
  const slanted = perGroup < 70;
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 300,
    title: fittedTitle(pick(T.title, lang), pick(T.subtitle, lang), width),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: {
        field: 'group',
        type: 'ordinal',
        sort: labelled.map((r) => r.group),
        title: axisTitle,
        axis: slanted ? { labelAngle: -40, labelAlign: 'right' } : { labelAngle: 0 },
      },
      xOffset: { field: 'series', type: 'nominal', sort: [actual, model] },
      y: { field: 'value', type: 'quantitative', title: pick(T.mean, lang) },
      color: {
        field: 'series',
        type: 'nominal',
        title: pick(T.series, lang),
        sort: [actual, model],
        scale: { domain: [actual, model], range: [COLORS.actual, COLORS.model] },
      },
      tooltip: [
        { field: 'group', title: axisTitle },
        { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
        { field: 'actual', title: pick(T.actual, lang), format: FORMATS.decimal },
        { field: 'predicted', title: pick(T.model, lang), format: FORMATS.decimal },
      ],
    },
  };
}
