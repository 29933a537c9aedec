import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, fittedTitle } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { compactLabelExpr, FORMATS } from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';
import { SELECTED_OPACITY, selectedOpacity } from './selected-opacity';

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
  /** The container's width in pixels: the two charts sit side by side when they fit, else stack. */
  width?: number;
  /** The segment selected in the cell's linked charts: the others are dimmed. */
  selected?: string;
}

/** Room for the segment names left of the bars, and for the legend right of the donuts. */
const LABELS = 110;
const LEGEND = 150;
const SPACING = 24;

export interface SharesLayout {
  /** One chart above the other, or side by side. */
  stacked: boolean;
  /** The legend under the charts rather than beside them. */
  legendBelow: boolean;
  /** Each chart's plot, in pixels. */
  size: number;
}

/**
 * Side by side or stacked, and the size of each chart's plot, for a container `width` wide. On
 * a phone the two donuts keep side by side, smaller, with the legend under them: stacked, the
 * second was off the screen.
 */
export function sharesLayout(kind: 'donut' | 'bar', width: number): SharesLayout {
  if (kind === 'donut') {
    const side = Math.floor((width - LEGEND - SPACING - 16) / 2);
    if (side >= 170) return { stacked: false, legendBelow: false, size: Math.min(260, side) };
    const pair = Math.floor((width - SPACING - 16) / 2);
    if (pair >= 120) return { stacked: false, legendBelow: true, size: Math.min(260, pair) };
    return { stacked: true, legendBelow: true, size: Math.max(150, Math.min(260, width - 24)) };
  }
  const side = Math.floor((width - 2 * LABELS - SPACING - 16) / 2);
  if (side >= 170) return { stacked: false, legendBelow: false, size: Math.min(320, side) };
  return {
    stacked: true,
    legendBelow: true,
    size: Math.max(120, Math.min(320, width - LABELS - 16)),
  };
}

type Concat = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

const T = {
  title: { en: 'Customers and revenue by segment', zh: '各分群客户数与销售额' },
  customers: { en: 'Customers', zh: '客户数' },
  revenue: { en: 'Revenue', zh: '销售额' },
  segment: { en: 'Segment', zh: '分群' },
  customerShare: { en: 'Share of customers', zh: '客户占比' },
  revenueShare: { en: 'Share of revenue', zh: '销售额占比' },
  compareTitle: { en: 'Share of customers vs share of revenue', zh: '客户占比与销售额占比对比' },
  compareSubtitle: {
    en: 'A segment whose revenue bar is taller than its customer bar earns more than its size.',
    zh: '销售额柱高于客户柱的分群，贡献超过其人数占比。',
  },
  measure: { en: 'Measure', zh: '指标' },
  share: { en: 'Share', zh: '占比' },
} satisfies Record<string, Labels>;

function segmentRows(rows: SegmentShareRow[], selected?: string) {
  checkRowBudget(rows, T.title);
  return rows
    .filter((r) => !r.is_total)
    .map((r) => ({ ...r, selected_opacity: selectedOpacity(r.segment, selected) }));
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
  layout: SharesLayout,
): Concat {
  const { lang, segments } = options;
  const color = {
    field: 'segment',
    type: 'nominal',
    title: pick(T.segment, lang),
    scale: segmentColorScale(segments, [], options.colors),
    sort: segments,
    // On a phone the legend goes under the charts rather than beside them.
    ...(layout.legendBelow
      ? { legend: { orient: 'bottom', columns: layout.stacked && layout.size < 380 ? 1 : 2 } }
      : {}),
  } as const;
  const radius = Math.floor(layout.size / 2) - 10;
  const title = pick(measure === 'customers' ? T.customers : T.revenue, lang);
  if (options.kind === 'donut') {
    return {
      title,
      width: layout.size,
      height: layout.size,
      data: { values },
      mark: {
        type: 'arc',
        innerRadius: Math.round(radius * 0.58),
        outerRadius: radius,
        tooltip: true,
      },
      encoding: {
        theta: { field: measure, type: 'quantitative', stack: true },
        color,
        order: { field: 'order', type: 'quantitative' },
        opacity: SELECTED_OPACITY,
        tooltip: tooltip(lang),
      },
    };
  }
  return {
    title,
    width: layout.size,
    height: { step: 28 },
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: {
        field: 'segment',
        type: 'nominal',
        sort: segments,
        title: null,
        axis: { labelLimit: LABELS - 12 },
      },
      x: {
        field: measure,
        type: 'quantitative',
        title,
        axis: { labelExpr: compactLabelExpr(lang) },
      },
      color: { ...color, legend: null },
      opacity: SELECTED_OPACITY,
      tooltip: tooltip(lang),
    },
  };
}

/** Customers per segment beside revenue per segment, as donuts or bars. */
export function segmentSharesChart(options: SegmentSharesOptions): TopLevelSpec {
  const rows = segmentRows(options.rows, options.selected);
  const order = (s: string) => {
    const i = options.segments.indexOf(s);
    return i < 0 ? options.segments.length : i;
  };
  const values = rows.map((r) => ({ ...r, order: order(r.segment) }));
  const layout = sharesLayout(options.kind ?? 'bar', options.width ?? 760);
  const panels = [
    panel('customers', options, values, layout),
    panel('revenue', options, values, layout),
  ];
  return {
    ...chartBase(),
    // On a phone the two charts' own titles say it, and the long one would be cut.
    ...(layout.stacked
      ? { vconcat: panels }
      : layout.legendBelow
        ? { hconcat: panels }
        : { title: pick(T.title, options.lang), hconcat: panels }),
    spacing: SPACING,
    resolve: { scale: { color: 'shared' } },
  };
}

/** Grouped bars: each segment's share of customers beside its share of revenue. */
export function shareComparisonChart(options: Omit<SegmentSharesOptions, 'kind'>): TopLevelSpec {
  const { lang, segments } = options;
  const rows = segmentRows(options.rows, options.selected);
  const measures = [pick(T.customerShare, lang), pick(T.revenueShare, lang)];
  const values = rows.flatMap((r) => [
    { ...r, measure: measures[0], share: r.customer_share },
    { ...r, measure: measures[1], share: r.revenue_share },
  ]);
  // On a phone the legend goes under the bars, which then keep the width.
  const narrow = (options.width ?? 760) < 520;
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: 320,
    title: fittedTitle(pick(T.compareTitle, lang), pick(T.compareSubtitle, lang), options.width),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: {
        field: 'segment',
        type: 'nominal',
        sort: segments,
        title: null,
        axis: { labelAngle: segments.length > 5 || narrow ? -35 : 0 },
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
        ...(narrow ? { legend: { orient: 'bottom', direction: 'vertical' } } : {}),
      },
      opacity: SELECTED_OPACITY,
      tooltip: [...tooltip(lang), { field: 'measure', title: pick(T.measure, lang) }],
    },
  };
}
