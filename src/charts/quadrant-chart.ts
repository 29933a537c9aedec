import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { symlogTicks, type AxisScale } from './axis-scale';
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
import { quadrantBrush } from './quadrant-brush';

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
  /** The scales the bins were computed on (evaluate.ts `quadrant`); `scale` sets both. */
  scale?: AxisScale;
  valueScale?: AxisScale;
  loyaltyScale?: AxisScale;
  /** Measure and unit (`quadrantAxisTitles`). */
  valueTitle?: Labels;
  loyaltyTitle?: Labels;
  lang: Lang;
  height?: number;
  /** Beside the plot (default), or under it where the width is short (a phone). */
  legend?: 'right' | 'bottom';
  /**
   * Lets the reader brush a rectangle (charts/quadrant-brush.ts), drawn at first over these
   * ranges of value and loyalty when given.
   */
  brush?: { value?: [number, number]; loyalty?: [number, number] };
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** Corner labels: 3 lines; the plot keeps a band this tall at its top and bottom free of marks. */
const LINE_HEIGHT = 16;
const CORNER_BAND = 3 * LINE_HEIGHT + 12;
/** Below this plot width (a phone) the corner labels are smaller. */
const NARROW = 420;

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
  cornerRevenue: { en: 'Revenue {p}', zh: '销售额 {p}' },
} satisfies Record<string, Labels>;

const VALUE_TITLES: Record<string, Labels> = {
  monetary: { en: 'Spend (total, ¥/$)', zh: '累计消费额（¥/$）' },
  predicted_clv: { en: 'Predicted CLV (¥/$)', zh: '预测客户终身价值（¥/$）' },
  expected_spend: { en: 'Expected spend (¥/$)', zh: '预期消费额（¥/$）' },
  avg_order_value: { en: 'Average order value (¥/$)', zh: '平均客单价（¥/$）' },
};

const LOYALTY_TITLES: Record<string, Labels> = {
  frequency: { en: 'Orders (count)', zh: '订单数（笔）' },
  repurchase: { en: 'Repeat purchase days (share)', zh: '复购天数占比' },
  tenure: { en: 'Tenure (days)', zh: '客户时长（天）' },
};

/**
 * Axis titles with measure and unit for the value-loyalty preset's value column and loyalty
 * measure; a column with no known unit is named as it is.
 */
export function quadrantAxisTitles(
  valueColumn: string,
  loyaltyMeasure: string,
): { valueTitle: Labels; loyaltyTitle: Labels } {
  return {
    valueTitle: VALUE_TITLES[valueColumn] ?? { en: valueColumn, zh: valueColumn },
    loyaltyTitle: LOYALTY_TITLES[loyaltyMeasure] ?? T.loyalty,
  };
}

function percent(x: number | null, lang: Lang): string {
  // One decimal, as the segment table beside the chart writes shares.
  return x === null || !Number.isFinite(x) ? '–' : formatPercent(x, lang, 1);
}

/**
 * Text layers for the four corners: the quadrant's segments and their shares. An empty quadrant
 * keeps its layer, without rows, so the spec's layers do not depend on the data and a drawn
 * chart can take new thresholds in place (charts/named-data.ts).
 */
function cornerLayers(
  quadrants: QuadrantSummaryRow[],
  lang: Lang,
  valueThreshold: number | null,
): Layer[] {
  const layers: Layer[] = [];
  const narrow = `width < ${NARROW}`;
  // As wide as the corner's side of the value threshold, so a label stays off the split line,
  // but never narrower than about half the plot (where it may cross the line, its halo keeps
  // it readable).
  // The split comes with the label's row, not the spec, so a new threshold updates the drawn
  // chart in place (charts/named-data.ts).
  const split = "(datum.split === null ? width / 2 : clamp(scale('x', datum.split), 0, width))";
  const at = valueThreshold === null || !Number.isFinite(valueThreshold) ? null : valueThreshold;
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
      const side = highValue ? `width - ${split}` : split;
      const other = highValue ? split : `width - ${split}`;
      const room = (edge: string) => `max(${edge} - 14, width / 2 - 10)`;
      const mark = {
        type: 'text',
        align: highValue ? 'right' : 'left',
        baseline: highLoyalty ? 'top' : 'bottom',
        dx: highValue ? -6 : 6,
        // multi-line text hangs down from its first line, so lift the bottom corners
        dy: highLoyalty
          ? 4
          : {
              expr: `-4 - ${lines.length - 1} * (${narrow} ? ${LINE_HEIGHT - 2} : ${LINE_HEIGHT})`,
            },
        lineHeight: { expr: `${narrow} ? ${LINE_HEIGHT - 2} : ${LINE_HEIGHT}` },
        fontSize: { expr: `${narrow} ? 12 : 13` },
        fontWeight: 'bold',
        // The two labels of an edge share its width: neither takes the other's half.
        limit: { expr: `min(${room(side)}, width - 12 - ${room(other)})` },
      } as const;
      const encoding = {
        x: { value: highValue ? 'width' : 0 },
        y: { value: highLoyalty ? 0 : 'height' },
        text: { field: 'lines' },
      } as const;
      const data = { values: here.length === 0 ? [] : [{ lines, split: at }] };
      // A white halo under the text keeps it readable over a threshold line or a stray point.
      layers.push({
        data,
        mark: {
          ...mark,
          color: 'white',
          stroke: 'white',
          strokeWidth: 4,
          strokeJoin: 'round',
          opacity: 0.9,
        },
        encoding,
      });
      layers.push({ data, mark: { ...mark, color: '#222' }, encoding });
    }
  }
  return layers;
}

/** The range of a measure over the drawn rows (bins by their edges) and its threshold. */
function extent(
  rows: QuadrantScatterRow[],
  measure: 'value' | 'loyalty',
  threshold: number | null,
): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const a = r.kind === 'bin' ? (r[`${measure}_lo`] ?? r[measure]) : r[measure];
    const b = r.kind === 'bin' ? (r[`${measure}_hi`] ?? r[measure]) : r[measure];
    if (Number.isFinite(a)) lo = Math.min(lo, a);
    if (Number.isFinite(b)) hi = Math.max(hi, b);
  }
  if (threshold !== null && Number.isFinite(threshold)) {
    lo = Math.min(lo, threshold);
    hi = Math.max(hi, threshold);
  }
  // Twelve significant digits: sums added up in another order (DuckDB's threads) differ in the
  // last bits, and a domain that differed would draw the chart anew rather than update it.
  const round = (x: number) => Number(x.toPrecision(12));
  return lo <= hi ? [round(lo), round(hi)] : null;
}

/**
 * A quantitative axis. On a symlog axis the ticks are powers of ten over the data's own range
 * (d3's would be linear, crowded at the right); `padding` keeps that many pixels at both ends
 * free of marks.
 */
function axis(
  type: AxisScale,
  title: string,
  range: [number, number] | null,
  lang: Lang,
  padding: number,
) {
  const labelExpr = compactLabelExpr(lang);
  if (type === 'symlog' && range !== null && range[1] > range[0]) {
    return {
      type: 'quantitative',
      title,
      scale: { type, domain: range, nice: false, zero: false, ...(padding ? { padding } : {}) },
      axis: { labelExpr, values: symlogTicks(range[0], range[1]), labelOverlap: 'greedy' },
    } as const;
  }
  return {
    type: 'quantitative',
    title,
    scale: { type: 'linear', zero: false, nice: !padding, ...(padding ? { padding } : {}) },
    axis: { labelExpr, labelOverlap: 'greedy' },
  } as const;
}

/**
 * Each row's drawn form, kept while the row object lives: a chart built again from partly the
 * same rows (new thresholds recolour some points) hands Vega the same objects for those, and
 * VegaChart.svelte updates only the others.
 */
const drawnRows = new WeakMap<QuadrantScatterRow, { context: string; row: object }>();

function drawnRow(r: QuadrantScatterRow, context: string, make: () => object): object {
  const hit = drawnRows.get(r);
  if (hit?.context === context) return hit.row;
  const row = make();
  drawnRows.set(r, { context, row });
  return row;
}

/** The fewest and most customers in a density bin. */
function binCustomers(rows: QuadrantScatterRow[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (r.kind !== 'bin') continue;
    lo = Math.min(lo, r.customers);
    hi = Math.max(hi, r.customers);
  }
  return [lo, hi];
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
  const valueScale = options.valueScale ?? options.scale ?? 'linear';
  const loyaltyScale = options.loyaltyScale ?? options.scale ?? 'linear';
  const valueTitle = pick(options.valueTitle ?? T.value, lang);
  const loyaltyTitle = pick(options.loyaltyTitle ?? T.loyalty, lang);
  const color = {
    field: 'segment',
    type: 'nominal',
    title: pick(T.segment, lang),
    scale: segmentColorScale(options.segments, [], options.colors),
    ...(options.legend === 'bottom' ? { legend: { orient: 'bottom', columns: 2 } } : {}),
  } as const;
  // On a log axis the largest customers sit at the domain's end: a few pixels keep their dots in.
  const x = axis(
    valueScale,
    valueTitle,
    extent(rows, 'value', options.valueThreshold),
    lang,
    valueScale === 'symlog' ? 6 : 0,
  );
  const y = axis(
    loyaltyScale,
    loyaltyTitle,
    extent(rows, 'loyalty', options.loyaltyThreshold),
    lang,
    // room for the corner labels above and below the marks
    CORNER_BAND,
  );
  const context = JSON.stringify([lang, valueTitle, loyaltyTitle]);
  const params = options.brush ? { params: [quadrantBrush(options.brush)] } : {};
  const base: Layer = density
    ? {
        data: {
          values: rows
            .filter((r) => r.kind === 'bin')
            .map((r) =>
              drawnRow(r, context, () => ({
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
            ),
        },
        ...params,
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
            // Fixed as Vega would find it: bins drawn a slice at a time keep their shades.
            scale: { type: 'log', range: [0.3, 1], domain: binCustomers(rows) },
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
          values: rows.map((r) =>
            drawnRow(r, context, () => ({
              ...r,
              tip: {
                [pick(T.customer, lang)]: r.customer_id,
                [pick(T.segment, lang)]: r.segment,
                [valueTitle]: formatDecimal(r.value),
                [loyaltyTitle]: formatDecimal(r.loyalty),
              },
            })),
          ),
        },
        ...params,
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
  /**
   * A threshold's value written at its line, so a client reads where the split is: the value
   * split over the top of its line, above the plot (where the plot is narrow the corner labels
   * may cross the line inside it); the loyalty split past the right end of its line, outside the
   * plot too, away from the axis's own tick labels.
   */
  const thresholdLabel = (channel: 'x' | 'y', at: number | null): Layer => {
    const values = at === null || !Number.isFinite(at) ? [] : [{ threshold: at }];
    const text = {
      field: 'label',
      type: 'nominal',
    } as const;
    const calc = [{ calculate: "format(datum.threshold, ',.2~f')", as: 'label' }];
    const mark = {
      type: 'text',
      fontSize: 12,
      fontWeight: 'bold',
      color: '#444',
    } as const;
    return channel === 'x'
      ? {
          data: { values },
          transform: calc,
          mark: { ...mark, align: 'center', baseline: 'bottom', dy: -3 },
          encoding: {
            x: { field: 'threshold', type: 'quantitative' },
            y: { value: 0 },
            text,
          },
        }
      : {
          data: { values },
          transform: calc,
          mark: { ...mark, align: 'left', baseline: 'middle', dx: 4 },
          encoding: {
            y: { field: 'threshold', type: 'quantitative' },
            x: { value: { expr: 'width' } },
            text,
          },
        };
  };
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
      thresholdLabel('x', options.valueThreshold),
      thresholdLabel('y', options.loyaltyThreshold),
      ...cornerLayers(options.quadrants ?? [], lang, options.valueThreshold),
    ],
  };
}
