import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle, wrapText } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { formatPercent, FORMATS } from './number-formats';

/** A point of src/sql/pareto.ts `paretoCurveSql`. */
export interface LorenzPoint {
  customer_share: number;
  revenue_share: number | null;
}

export interface LorenzChartOptions {
  points: LorenzPoint[];
  /** From `giniSql`; NULL when there is no spend. */
  gini: number | null;
  /** Revenue share of the top `topFraction` of customers (giniSql's top_share). */
  topShare?: number | null;
  topFraction?: number;
  lang: Lang;
  height?: number;
  /** The container's width in pixels: long titles wrap to it. */
  width?: number;
}

const T = {
  title: { en: 'Revenue concentration (Gini {g})', zh: '销售额集中度（基尼系数 {g}）' },
  noGini: { en: 'Revenue concentration', zh: '销售额集中度' },
  top: {
    en: 'The top {p} of customers bring {r} of revenue.',
    zh: '前 {p} 的客户贡献了 {r} 的销售额。',
  },
  customers: {
    en: 'Share of customers (highest spenders first)',
    zh: '客户累计占比（按消费额从高到低）',
  },
  revenue: { en: 'Share of revenue', zh: '销售额累计占比' },
  curve: { en: 'Customers', zh: '客户' },
  equality: { en: 'Equal spend', zh: '完全平均' },
  line: { en: 'Line', zh: '曲线' },
} satisfies Record<string, Labels>;

/**
 * The Pareto / Lorenz curve of revenue: cumulative share of revenue against cumulative share
 * of customers, biggest spenders first, with the line of equal spend. The further the curve
 * bows above the diagonal, the more concentrated revenue is; twice the area between them is
 * the Gini coefficient shown in the title.
 */
/** An axis title wrapped to the plot's width (the width less the y axis). */
function fitted(text: string, width: number | undefined): string | string[] {
  return width === undefined ? text : wrapText(text, width - 70, 13);
}

export function lorenzChart(options: LorenzChartOptions): TopLevelSpec {
  const { lang, gini } = options;
  checkRowBudget(options.points, T.noGini);
  const curveName = pick(T.curve, lang);
  const equalName = pick(T.equality, lang);
  const values = options.points
    .filter((p) => p.revenue_share !== null)
    .map((p) => ({ ...p, line: curveName }));
  const diagonal = [0, 1].map((v) => ({ customer_share: v, revenue_share: v, line: equalName }));
  const title =
    gini === null || !Number.isFinite(gini)
      ? pick(T.noGini, lang)
      : pick(T.title, lang).replace('{g}', gini.toFixed(2));
  const fraction = options.topFraction ?? 0.2;
  const top = options.topShare;
  const subtitle =
    top === null || top === undefined || !Number.isFinite(top)
      ? undefined
      : pick(T.top, lang)
          .replace('{p}', formatPercent(fraction, lang))
          .replace('{r}', formatPercent(top, lang));
  const x = {
    field: 'customer_share',
    type: 'quantitative' as const,
    title: fitted(pick(T.customers, lang), options.width),
    scale: { domain: [0, 1] },
    axis: { format: '.0%' },
  };
  const y = {
    field: 'revenue_share',
    type: 'quantitative' as const,
    title: pick(T.revenue, lang),
    scale: { domain: [0, 1] },
    axis: { format: '.0%' },
  };
  const color = {
    field: 'line',
    type: 'nominal',
    title: pick(T.line, lang),
    scale: { domain: [curveName, equalName], range: ['#4e79a7', '#9d9d9d'] },
  } as const;
  const tooltip = [
    { field: 'customer_share', title: pick(T.customers, lang), format: FORMATS.percent },
    { field: 'revenue_share', title: pick(T.revenue, lang), format: FORMATS.percent },
  ];
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: options.height ?? 360,
    title: fittedTitle(title, subtitle, options.width),
    layer: [
      {
        data: { values },
        mark: { type: 'area', opacity: 0.15, color: '#4e79a7' },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2.5, point: 'transparent', tooltip: true },
        encoding: { x, y, color, tooltip },
      },
      {
        data: { values: diagonal },
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y, color },
      },
    ],
  };
}
