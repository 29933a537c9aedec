import { LocalizedError } from '../domain/localized-error';
import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { compactLabelExpr, FORMATS } from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';

/** The metrics of src/sql/scorecard.ts that can be drawn. */
export type ScorecardMetric =
  | 'customers'
  | 'customer_share'
  | 'revenue'
  | 'revenue_share'
  | 'avg_order_value'
  | 'orders_per_customer'
  | 'revenue_per_customer'
  | 'repurchase_rate'
  | 'churn_rate'
  | 'avg_recency_days'
  | 'complaint_rate'
  | 'referral_rate'
  | 'avg_satisfaction';

/** A scorecard row: the segment, whether it is the total row, and any metrics. */
export type ScorecardChartRow = { segment: string; is_total: boolean } & Partial<
  Record<ScorecardMetric, number | null>
>;

type FormatKind = keyof typeof FORMATS;

export const SCORECARD_METRICS: Record<ScorecardMetric, { label: Labels; format: FormatKind }> = {
  customers: { label: { en: 'Customers', zh: '客户数' }, format: 'count' },
  customer_share: { label: { en: 'Share of customers', zh: '客户占比' }, format: 'percent' },
  revenue: { label: { en: 'Revenue', zh: '销售额' }, format: 'money' },
  revenue_share: { label: { en: 'Share of revenue', zh: '销售额占比' }, format: 'percent' },
  avg_order_value: { label: { en: 'Average order value', zh: '客单价' }, format: 'money' },
  orders_per_customer: {
    label: { en: 'Orders per customer', zh: '人均订单数' },
    format: 'decimal',
  },
  revenue_per_customer: {
    label: { en: 'Revenue per customer', zh: '人均销售额' },
    format: 'money',
  },
  repurchase_rate: { label: { en: 'Repurchase rate', zh: '复购率' }, format: 'percent' },
  churn_rate: { label: { en: 'Churn rate', zh: '流失率' }, format: 'percent' },
  avg_recency_days: {
    label: { en: 'Days since last order', zh: '距上次购买天数' },
    format: 'days',
  },
  complaint_rate: { label: { en: 'Complaint rate', zh: '投诉率' }, format: 'percent' },
  referral_rate: { label: { en: 'Referral rate', zh: '推荐率' }, format: 'percent' },
  avg_satisfaction: { label: { en: 'Satisfaction', zh: '满意度' }, format: 'decimal' },
};

export const DEFAULT_SCORECARD_METRICS: ScorecardMetric[] = [
  'revenue_share',
  'avg_order_value',
  'orders_per_customer',
  'repurchase_rate',
  'churn_rate',
  'avg_recency_days',
];

export interface ScorecardMultiplesOptions {
  rows: ScorecardChartRow[];
  segments: string[];
  /** Each segment's own colour (palette.ts `segmentColors`), by label. */
  colors?: SegmentColors;
  metrics?: ScorecardMetric[];
  lang: Lang;
  /** The container's width in pixels: the charts wrap to as many per row as fit in it. */
  width?: number;
}

/** A panel's plot at least this wide; around it, its y axis and the space between panels. */
const MIN_PLOT = 190;
const AXIS = 56;
const SPACING = 20;

/**
 * Charts per row and each chart's plot width for a container `width` pixels wide; `overhang`:
 * how far each panel's slanted segment labels reach left past its y axis.
 */
export function scorecardGrid(
  width: number,
  panels: number,
  overhang = 0,
): { columns: number; plot: number } {
  const axis = AXIS + overhang;
  const fit = Math.floor((width + SPACING) / (MIN_PLOT + axis + SPACING));
  const columns = Math.max(1, Math.min(panels, fit));
  const plot = Math.floor((width - columns * axis - (columns - 1) * SPACING) / columns);
  return { columns, plot: Math.max(120, Math.min(plot, 320)) };
}

type Concat = Extract<TopLevelSpec, { concat: unknown }>['concat'][number];

const T = {
  title: { en: 'Segment scorecard', zh: '分群指标对比' },
  subtitle: { en: 'Dashed line: all customers', zh: '虚线：全部客户' },
  segment: { en: 'Segment', zh: '分群' },
} satisfies Record<string, Labels>;

function panel(
  metric: ScorecardMetric,
  options: ScorecardMultiplesOptions,
  plotWidth: number,
): Concat {
  const { lang, segments } = options;
  const { label, format } = SCORECARD_METRICS[metric];
  const title = pick(label, lang);
  const y = {
    field: metric,
    type: 'quantitative',
    title: null,
    axis:
      format === 'percent'
        ? { format: '.0%' }
        : format === 'decimal'
          ? { format: ',.1~f' }
          : { labelExpr: compactLabelExpr(lang) },
  } as const;
  return {
    title,
    width: plotWidth,
    height: 160,
    layer: [
      {
        transform: [{ filter: '!datum.is_total' }],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: {
            field: 'segment',
            type: 'nominal',
            sort: segments,
            title: null,
            axis: { labelAngle: -35 },
          },
          y,
          color: {
            field: 'segment',
            type: 'nominal',
            sort: segments,
            title: pick(T.segment, lang),
            scale: segmentColorScale(segments, [], options.colors),
            legend: null,
          },
          tooltip: [
            { field: 'segment', title: pick(T.segment, lang) },
            { field: metric, title, format: FORMATS[format] },
          ],
        },
      },
      {
        transform: [{ filter: 'datum.is_total' }],
        mark: { type: 'rule', strokeDash: [6, 4], color: '#333', strokeWidth: 1.5, tooltip: true },
        encoding: {
          y,
          tooltip: [
            { field: 'segment', title: pick(T.segment, lang) },
            { field: metric, title, format: FORMATS[format] },
          ],
        },
      },
    ],
  };
}

/** Small multiples: one bar chart per metric across segments, the total as a dashed line. */
export function scorecardMultiples(options: ScorecardMultiplesOptions): TopLevelSpec {
  const { rows, lang } = options;
  checkRowBudget(rows, T.title);
  const metrics = options.metrics ?? DEFAULT_SCORECARD_METRICS;
  const unknown = metrics.filter((m) => !(m in SCORECARD_METRICS));
  if (metrics.length === 0 || unknown.length > 0) {
    throw new LocalizedError({
      en: `Choose scorecard metrics from: ${Object.keys(SCORECARD_METRICS).join(', ')}.`,
      zh: `请从以下指标中选择：${Object.keys(SCORECARD_METRICS).join('、')}。`,
    });
  }
  const hasTotal = rows.some((r) => r.is_total);
  // Labels slant at -35°, ending under their bar: a long first label reaches past the y axis
  // (12px text, about 6.6px a Latin letter and 12px a Chinese one).
  const longest = Math.max(
    0,
    ...options.segments.map((s) =>
      [...s].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 12 : 6.6), 0),
    ),
  );
  const overhang = Math.max(0, Math.round(Math.cos((35 * Math.PI) / 180) * longest - AXIS + 8));
  const grid = scorecardGrid(options.width ?? 3 * (220 + AXIS + SPACING), metrics.length, overhang);
  return {
    ...chartBase(),
    title: hasTotal
      ? { text: pick(T.title, lang), subtitle: pick(T.subtitle, lang) }
      : { text: pick(T.title, lang) },
    data: { values: rows },
    columns: grid.columns,
    spacing: SPACING,
    concat: metrics.map((m) => panel(m, options, grid.plot)),
    resolve: { scale: { y: 'independent', color: 'shared' } },
  };
}
