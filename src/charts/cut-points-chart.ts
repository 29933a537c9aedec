import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { symlogTicks, type AxisScale } from './axis-scale';
import { chartBase, FIT_WIDTH } from './chart-theme';
import { compactLabelExpr, FORMATS } from './number-formats';

export interface CutPointsChartOptions {
  /** Buyers per bin of the measure, in its own units. */
  histogram: { start: number; end: number; customers: number }[];
  /** In increasing order; `null` for a cut that falls nowhere (an empty tier): not drawn. */
  cuts: (number | null)[];
  /** The measure and its unit, e.g. "Monetary: spend": the x axis title (the panel heads it). */
  measure: Labels;
  scale: AxisScale;
  lang: Lang;
  width?: number;
  height?: number;
}

const T = {
  customers: { en: 'Buyers', zh: '购买客户数' },
  cut: { en: 'Cut point', zh: '分界点' },
  from: { en: 'From', zh: '起' },
  to: { en: 'To', zh: '止' },
} satisfies Record<string, Labels>;

/**
 * The signal a drag sets while a cut rule moves: the cut's number (`n`), where it is now and its
 * label; null when nothing is dragged. The rule and its number follow it without a new spec.
 */
export const CUT_DRAG_SIGNAL = 'cut_drag';
export interface CutDrag {
  n: string;
  value: number;
  text: string;
}

const dragged = `${CUT_DRAG_SIGNAL} && ${CUT_DRAG_SIGNAL}.n === datum.n`;
const following = [
  { calculate: `${dragged} ? ${CUT_DRAG_SIGNAL}.value : datum.value`, as: 'at' },
  { calculate: `${dragged} ? ${CUT_DRAG_SIGNAL}.text : datum.n`, as: 'label' },
];

/** Neutral bars: the distribution is of all buyers, not of a segment. */
const BAR = '#a0aec0';
const CUT = '#b8262b';

/**
 * A histogram of buyers over a measure, with a rule at each cut point a preset scores it by
 * (numbered left to right), on a symlog axis when the measure is skewed like spend. A rule being
 * dragged follows `CUT_DRAG_SIGNAL`.
 */
export function cutPointsChart(o: CutPointsChartOptions): TopLevelSpec {
  const { lang } = o;
  const cuts = o.cuts.flatMap((value, i) => (value === null ? [] : [{ value, n: `${i + 1}` }]));
  const values = cuts.map((c) => c.value);
  const lo = Math.min(o.histogram[0]?.start ?? 0, ...values);
  const hi = Math.max(o.histogram.at(-1)?.end ?? 1, ...values);
  // The axis's middle value: on a symlog axis, halfway in sign(x)·ln(1 + |x|).
  const symlog = (v: number) => Math.sign(v) * Math.log1p(Math.abs(v));
  const unlog = (t: number) => Math.sign(t) * Math.expm1(Math.abs(t));
  const middle = o.scale === 'symlog' ? unlog((symlog(lo) + symlog(hi)) / 2) : (lo + hi) / 2;
  const labelExpr = compactLabelExpr(lang);
  const measure = pick(o.measure, lang);
  const x = {
    type: 'quantitative',
    title: measure,
    scale:
      o.scale === 'symlog'
        ? { type: 'symlog', domain: [lo, hi], nice: false, zero: false }
        : { type: 'linear', domain: [lo, hi], nice: false, zero: false },
    axis: {
      labelExpr,
      labelOverlap: 'greedy',
      ...(o.scale === 'symlog' ? { values: symlogTicks(lo, hi) } : {}),
    },
  } as const;
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: o.height ?? 160,
    params: [{ name: CUT_DRAG_SIGNAL, value: null }],
    layer: [
      {
        data: { values: o.histogram },
        mark: { type: 'rect', color: BAR, stroke: 'white', strokeWidth: 0.5, tooltip: true },
        encoding: {
          x: { ...x, field: 'start' },
          x2: { field: 'end' },
          y: {
            field: 'customers',
            type: 'quantitative',
            title: pick(T.customers, lang),
            axis: { labelExpr, tickCount: 4 },
          },
          tooltip: [
            { field: 'start', title: pick(T.from, lang), format: FORMATS.decimal },
            { field: 'end', title: pick(T.to, lang), format: FORMATS.decimal },
            { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
          ],
        },
      },
      {
        data: { values: cuts },
        transform: following,
        mark: { type: 'rule', color: CUT, strokeWidth: 2, tooltip: true },
        encoding: {
          x: { ...x, field: 'at' },
          tooltip: [
            { field: 'n', title: '#' },
            { field: 'value', title: pick(T.cut, lang), format: FORMATS.decimal },
          ],
        },
      },
      // Numbers right of their rule, at the top. A dragged one's longer label goes a line lower,
      // clear of the others' numbers, and left of its rule in the axis's right half, so the
      // plot's edge never cuts it.
      ...[
        { filter: `!(${dragged})`, align: 'left', dy: 2 },
        { filter: `${dragged} && datum.at <= ${middle}`, align: 'left', dy: 16 },
        { filter: `${dragged} && datum.at > ${middle}`, align: 'right', dy: 16 },
      ].map(({ filter, align, dy }) => ({
        data: { values: cuts },
        transform: [...following, { filter }],
        mark: {
          type: 'text',
          color: CUT,
          dx: align === 'left' ? 3 : -3,
          dy,
          align,
          baseline: 'top',
          fontWeight: 600,
          y: 0,
        },
        encoding: { x: { ...x, field: 'at' }, text: { field: 'label' } },
      })),
    ],
  } as TopLevelSpec;
}
