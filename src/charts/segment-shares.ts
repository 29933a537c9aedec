import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../model/labels';
import { chartBase, FIT_WIDTH } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { compactLabelExpr, FORMATS } from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';

/** The scorecard columns these charts read (src/sql/scorecard.ts); a total row is skipped. */
export interface SegmentShareRow {
  segment: string;
  is_total?: boolean;
  customers: number;
  customer_share: number;
  revenue: number;
  revenue_share: number | null;
}

export interface SegmentSharesOptions {
  rows: SegmentShareRow[];
  /** Segment labels in the preset's order: colours and the order of bars. */
  segments: string[];
  /** Each segment's own colour (palette.ts `segmentColors`), by label. */
  colors?: SegmentColors;
  lang: Lang;
  /** Two donuts, or two bar charts (default). */
  kind?: 'donut' | 'bar';
}

type Concat = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

const T = {
  title: { en: 'Customers and revenue by segment', zh: '各分群客户数与收入' },
  customers: { en: 'Customers', zh: '客户数' },
  revenue: { en: 'Revenue', zh: '收入' },
  segment: { en: 'Segment', zh: '分群' },
  customerShare: { en: 'Share of customers', zh: '客户占比' },
  revenueShare: { en: 'Share of revenue', zh: '收入占比' },
  compareTitle: { en: 'Share of customers vs share of revenue', zh: '客户占比与收入占比对比' },
  compareSubtitle: {
    en: 'A segment whose revenue bar is taller than its customer bar earns more than its size.',
    zh: '收入柱高于客户柱的分群，贡献超过其人数占比。',
  },
  measure: { en: 'Measure', zh: '指标' },
  share: { en: 'Share', zh: '占比' },
} satisfies Record<string, Labels>;

function segmentRows(rows: SegmentShareRow[]): SegmentShareRow[] {
  checkRowBudget(rows, T.title);
  return rows.filter((r) => !r.is_total);
}

function tooltip(lang: Lang) {
  return [
    { field: 'segment', title: pick(T.segment, lang) },
    { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
    { field: 'customer_share', title: pick(T.customerShare, lang), format: FORMATS.percent },
    { field: 'revenue', title: pick(T.revenue, lang), format: FORMATS.money },
    { field: 'revenue_share', title: pick(T.revenueShare, lang), format: FORMATS.percent },
  ];
}

function panel(
  measure: 'customers' | 'revenue',
  options: SegmentSharesOptions,
  values: SegmentShareRow[],
): Concat {
  const { lang, segments } = options;
  const color = {
    field: 'segment',
    type: 'nominal',
    title: pick(T.segment, lang),
    scale: segmentColorScale(segments, [], options.colors),
    sort: segments,
  } as const;
  const title = pick(measure === 'customers' ? T.customers : T.revenue, lang);
  if (options.kind === 'donut') {
    return {
      title,
      width: 260,
      height: 260,
      data: { values },
      mark: { type: 'arc', innerRadius: 70, outerRadius: 120, tooltip: true },
      encoding: {
        theta: { field: measure, type: 'quantitative', stack: true },
        color,
        order: { field: 'order', type: 'quantitative' },
        tooltip: tooltip(lang),
      },
    };
  }
  return {
    title,
    width: 300,
    height: { step: 28 },
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'segment', type: 'nominal', sort: segments, title: null },
      x: {
        field: measure,
        type: 'quantitative',
        title,
        axis: { labelExpr: compactLabelExpr(lang) },
      },
      color: { ...color, legend: null },
      tooltip: tooltip(lang),
    },
  };
}

/** Customers per segment beside revenue per segment, as donuts or bars. */
export function segmentSharesChart(options: SegmentSharesOptions): TopLevelSpec {
  const rows = segmentRows(options.rows);
  const order = (s: string) => {
    const i = options.segments.indexOf(s);
    return i < 0 ? options.segments.length : i;
  };
  const values = rows.map((r) => ({ ...r, order: order(r.segment) }));
  return {
    ...chartBase(),
    title: pick(T.title, options.lang),
    hconcat: [panel('customers', options, values), panel('revenue', options, values)],
    resolve: { scale: { color: 'shared' } },
  };
}

/** Grouped bars: each segment's share of customers beside its share of revenue. */
export function shareComparisonChart(options: Omit<SegmentSharesOptions, 'kind'>): TopLevelSpec {
  const { lang, segments } = options;
  const rows = segmentRows(options.rows);
  const measures = [pick(T.customerShare, lang), pick(T.revenueShare, lang)];
  const values = rows.flatMap((r) => [
    { ...r, measure: measures[0], share: r.customer_share },
    { ...r, measure: measures[1], share: r.revenue_share },
  ]);
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 320,
    title: { text: pick(T.compareTitle, lang), subtitle: pick(T.compareSubtitle, lang) },
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: {
        field: 'segment',
        type: 'nominal',
        sort: segments,
        title: null,
        axis: { labelAngle: segments.length > 5 ? -35 : 0 },
      },
      xOffset: { field: 'measure', type: 'nominal', sort: measures },
      y: {
        field: 'share',
        type: 'quantitative',
        title: pick(T.share, lang),
        axis: { format: '.0%' },
      },
      color: {
        field: 'measure',
        type: 'nominal',
        sort: measures,
        title: pick(T.measure, lang),
        scale: { domain: measures, range: ['#a0cbe8', '#4e79a7'] },
      },
      tooltip: [...tooltip(lang), { field: 'measure', title: pick(T.measure, lang) }],
    },
  };
}
