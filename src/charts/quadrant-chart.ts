import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../model/labels';
import { chartBase, FIT_WIDTH } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import {
  compactLabelExpr,
  formatCount,
  formatDecimal,
  formatPercent,
  formatShare,
  FORMATS,
} from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';

/**
 * A customer (src/sql/quadrant-density.ts `quadrantPointsSql`) or a density bin
 * (src/transforms/quadrant-rollup.ts `quadrantBins`).
 */
export interface QuadrantScatterRow {
  kind: 'point' | 'bin';
  customer_id: string | null;
  segment: string;
  value: number;
  loyalty: number;
  value_lo: number | null;
  value_hi: number | null;
  loyalty_lo: number | null;
  loyalty_hi: number | null;
  customers: number;
  segment_share: number;
}

/** One segment in one quadrant (src/transforms/quadrant-rollup.ts `quadrantTotals`). */
export interface QuadrantSummaryRow {
  segment: string;
  high_value: boolean;
  high_loyalty: boolean;
  customers: number;
  customer_share: number;
  revenue_share: number | null;
}

export interface QuadrantChartOptions {
  rows: QuadrantScatterRow[];
  /** Drawn as dashed rules; NULL (e.g. no buyers) draws none. */
  valueThreshold: number | null;
  loyaltyThreshold: number | null;
  /** Named in the corners with their customer and revenue shares. */
  quadrants?: QuadrantSummaryRow[];
  /** Segment labels in the preset's order, for stable colours. */
  segments: string[];
  /** Each segment's own colour (palette.ts `segmentColors`), by label. */
  colors?: SegmentColors;
  /** Use the scale the bins were computed on. */
  scale?: 'linear' | 'symlog';
  valueTitle?: Labels;
  loyaltyTitle?: Labels;
  lang: Lang;
  height?: number;
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

const LINE_HEIGHT = 16;

const T = {
  title: { en: 'Value × loyalty', zh: '价值 × 忠诚度' },
  density: {
    en: 'Too many customers to draw one by one: each cell counts customers, coloured by its most common segment.',
    zh: '客户过多，按网格汇总：每格为客户数，颜色为该格最多的分群。',
  },
  value: { en: 'Value', zh: '价值' },
  loyalty: { en: 'Loyalty', zh: '忠诚度' },
  segment: { en: 'Segment', zh: '分群' },
  customer: { en: 'Customer', zh: '客户' },
  customers: { en: 'Customers', zh: '客户数' },
  share: { en: 'Share of the cell', zh: '占该格比例' },
  valueFrom: { en: 'Value from', zh: '价值自' },
  valueTo: { en: 'Value to', zh: '价值至' },
  loyaltyFrom: { en: 'Loyalty from', zh: '忠诚度自' },
  loyaltyTo: { en: 'Loyalty to', zh: '忠诚度至' },
  threshold: { en: 'Threshold', zh: '阈值' },
  cornerCustomers: { en: 'Customers {p}', zh: '客户 {p}' },
  cornerRevenue: { en: 'Revenue {p}', zh: '收入 {p}' },
} satisfies Record<string, Labels>;

function percent(x: number | null, lang: Lang): string {
  return x === null || !Number.isFinite(x) ? '–' : formatPercent(x, lang);
}

/**
 * Text layers for the four corners: the quadrant's segments and their shares. An empty quadrant
 * keeps its layer, without rows, so the spec's layers do not depend on the data and a drawn
 * chart can take new thresholds in place (charts/named-data.ts).
 */
function cornerLayers(quadrants: QuadrantSummaryRow[], lang: Lang): Layer[] {
  const layers: Layer[] = [];
  for (const highValue of [true, false]) {
    for (const highLoyalty of [true, false]) {
      const here = quadrants.filter(
        (q) => q.high_value === highValue && q.high_loyalty === highLoyalty,
      );
      const sum = (f: (q: QuadrantSummaryRow) => number | null) =>
        here.reduce((s, q) => s + (f(q) ?? 0), 0);
      const lines = [
        here.map((q) => q.segment).join(' / '),
        pick(T.cornerCustomers, lang).replace(
          '{p}',
          percent(
            sum((q) => q.customer_share),
            lang,
          ),
        ),
        pick(T.cornerRevenue, lang).replace(
          '{p}',
          percent(
            sum((q) => q.revenue_share),
            lang,
          ),
        ),
      ];
      layers.push({
        data: { values: here.length === 0 ? [] : [{ lines }] },
        mark: {
          type: 'text',
          align: highValue ? 'right' : 'left',
          baseline: highLoyalty ? 'top' : 'bottom',
          dx: highValue ? -8 : 8,
          // multi-line text hangs down from its first line, so lift the bottom corners
          dy: highLoyalty ? 8 : -8 - (lines.length - 1) * LINE_HEIGHT,
          lineHeight: LINE_HEIGHT,
          fontSize: 13,
          fontWeight: 'bold',
          color: '#333',
        },
        encoding: {
          x: { value: highValue ? 'width' : 0 },
          y: { value: highLoyalty ? 0 : 'height' },
          text: { field: 'lines' },
        },
      });
    }
  }
  return layers;
}

/**
 * The value × loyalty scatter with dashed threshold rules and the quadrants named in their
 * corners. Bins (rows of kind 'bin') are drawn as rectangles whose opacity grows with the
 * customers in them.
 */
export function quadrantChart(options: QuadrantChartOptions): TopLevelSpec {
  const { rows, lang } = options;
  checkRowBudget(rows, T.title);
  const density = rows.some((r) => r.kind === 'bin');
  const scaleType = options.scale ?? 'linear';
  const valueTitle = pick(options.valueTitle ?? T.value, lang);
  const loyaltyTitle = pick(options.loyaltyTitle ?? T.loyalty, lang);
  const color = {
    field: 'segment',
    type: 'nominal',
    title: pick(T.segment, lang),
    scale: segmentColorScale(options.segments, [], options.colors),
  } as const;
  const x = {
    type: 'quantitative',
    title: valueTitle,
    scale: { type: scaleType, zero: false, nice: true },
    axis: { labelExpr: compactLabelExpr(lang) },
  } as const;
  const y = {
    type: 'quantitative',
    title: loyaltyTitle,
    scale: { type: scaleType, zero: false, nice: true },
    axis: { labelExpr: compactLabelExpr(lang) },
  } as const;
  const base: Layer = density
    ? {
        data: {
          values: rows
            .filter((r) => r.kind === 'bin')
            .map((r) => ({
              ...r,
              // Keys the bin's mark (the `key` channel below): when new rows come into the drawn
              // chart, Vega updates the marks of the bins still there instead of removing and
              // creating every one (Vega's update at 100k customers: 23 → 14 ms).
              cell: `${r.value_lo}|${r.loyalty_lo}`,
              tip: {
                [pick(T.segment, lang)]: r.segment,
                [pick(T.customers, lang)]: formatCount(r.customers),
                [pick(T.share, lang)]: formatShare(r.segment_share),
                [pick(T.valueFrom, lang)]: formatDecimal(r.value_lo ?? NaN),
                [pick(T.valueTo, lang)]: formatDecimal(r.value_hi ?? NaN),
                [pick(T.loyaltyFrom, lang)]: formatDecimal(r.loyalty_lo ?? NaN),
                [pick(T.loyaltyTo, lang)]: formatDecimal(r.loyalty_hi ?? NaN),
              },
            })),
        },
        mark: { type: 'rect', tooltip: true },
        encoding: {
          x: { ...x, field: 'value_lo' },
          x2: { field: 'value_hi' },
          y: { ...y, field: 'loyalty_lo' },
          y2: { field: 'loyalty_hi' },
          color,
          opacity: {
            field: 'customers',
            type: 'quantitative',
            scale: { type: 'log', range: [0.3, 1] },
            title: pick(T.customers, lang),
          },
          tooltip: { field: 'tip' },
          key: { field: 'cell' },
        },
      }
    : {
        // Each point's tooltip is made here, once: Vega would build and format it per point
        // through its expression interpreter, about 40% of drawing 20,000 points.
        data: {
          values: rows.map((r) => ({
            ...r,
            tip: {
              [pick(T.customer, lang)]: r.customer_id,
              [pick(T.segment, lang)]: r.segment,
              [valueTitle]: formatDecimal(r.value),
              [loyaltyTitle]: formatDecimal(r.loyalty),
            },
          })),
        },
        mark: { type: 'circle', size: 36, opacity: 0.65, tooltip: true },
        encoding: {
          x: { ...x, field: 'value' },
          y: { ...y, field: 'loyalty' },
          color,
          tooltip: { field: 'tip' },
          key: { field: 'customer_id' }, // as the bins' `cell`
        },
      };
  // A missing threshold keeps its layer, without rows, as an empty corner does.
  const rule = (channel: 'x' | 'y', at: number | null, title: string): Layer => ({
    data: { values: at === null || !Number.isFinite(at) ? [] : [{ threshold: at }] },
    mark: { type: 'rule', strokeDash: [6, 4], color: '#555', strokeWidth: 1.5 },
    encoding: {
      [channel]: { field: 'threshold', type: 'quantitative', title },
      tooltip: [
        {
          field: 'threshold',
          title: `${title} · ${pick(T.threshold, lang)}`,
          format: FORMATS.decimal,
        },
      ],
    },
  });
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: options.height ?? 420,
    title: {
      text: pick(T.title, lang),
      ...(density ? { subtitle: pick(T.density, lang) } : {}),
    },
    layer: [
      base,
      rule('x', options.valueThreshold, valueTitle),
      rule('y', options.loyaltyThreshold, loyaltyTitle),
      ...cornerLayers(options.quadrants ?? [], lang),
    ],
  };
}
