import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, wrapText } from './chart-theme';
import { isoDay } from './iso-day';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';

/** A row of src/sql/migration.ts `transitionsSql`. */
export interface TransitionRow {
  from_date?: Date | string;
  to_date?: Date | string;
  from_segment: string;
  to_segment: string;
  is_new?: boolean;
  is_left?: boolean;
  customers: number;
  row_share: number;
  revenue_at_stake?: number;
}

export interface TransitionHeatmapOptions {
  rows: TransitionRow[];
  /** Segment labels in the preset's order; "New" and "Left" go last. */
  segments: string[];
  /** The container's width in pixels: cells narrow (to 48 px) and the legend moves under. */
  width?: number;
  lang: Lang;
}

const T = {
  title: { en: 'Segment transitions', zh: '分群迁移矩阵' },
  subtitle: {
    en: 'Customers moving from a segment (row) to a segment (column); % of the row.',
    zh: '客户从某分群（行）迁移到某分群（列）的人数；百分比为占该行的比例。',
  },
  from: { en: 'From', zh: '原分群' },
  to: { en: 'To', zh: '新分群' },
  customers: { en: 'Customers', zh: '客户数' },
  rowShare: { en: 'Share of row', zh: '占该行比例' },
  atStake: { en: 'Revenue at stake', zh: '涉及销售额' },
  period: { en: 'Period', zh: '期间' },
} satisfies Record<string, Labels>;

/** Labels in segment order, then the others as they come, then the `last` ones. */
/** The widest label's width in pixels at the axis font (11 px): CJK characters are square. */
function widest(labels: readonly string[]): number {
  let max = 0;
  for (const label of labels) {
    let w = 0;
    for (const ch of label) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 11 : 6.5;
    max = Math.max(max, w);
  }
  return max;
}

function axisOrder(labels: string[], segments: string[], last: Set<string>): string[] {
  const present = new Set(labels);
  const known = segments.filter((s) => present.has(s) && !last.has(s));
  const others = [...present].filter((s) => !segments.includes(s) && !last.has(s));
  return [...known, ...others, ...[...last].filter((s) => present.has(s))];
}

/**
 * A heatmap of transitions: rows are the earlier segment, columns the later one, each cell
 * the customers who moved and their share of the row. Several periods become one heatmap per
 * period, stacked.
 */
export function transitionHeatmap(options: TransitionHeatmapOptions): TopLevelSpec {
  const { rows, segments, lang } = options;
  checkRowBudget(rows, T.title);
  const count = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const values = rows.map((r) => ({
    ...r,
    period: `${isoDay(r.from_date)} → ${isoDay(r.to_date)}`,
    lines: [count.format(r.customers), pct.format(r.row_share)],
  }));
  const fromOrder = axisOrder(
    rows.map((r) => r.from_segment),
    segments,
    new Set(rows.filter((r) => r.is_new).map((r) => r.from_segment)),
  );
  const toOrder = axisOrder(
    rows.map((r) => r.to_segment),
    segments,
    new Set(rows.filter((r) => r.is_left).map((r) => r.to_segment)),
  );
  const tooltip = [
    { field: 'from_segment', title: pick(T.from, lang) },
    { field: 'to_segment', title: pick(T.to, lang) },
    { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
    { field: 'row_share', title: pick(T.rowShare, lang), format: FORMATS.percent },
    ...(rows.some((r) => r.revenue_at_stake !== undefined)
      ? [{ field: 'revenue_at_stake', title: pick(T.atStake, lang), format: FORMATS.money }]
      : []),
  ];
  // Room for the row labels and the legend beside the cells; on a phone the legend goes under.
  const width = options.width ?? 800;
  const narrow = width < 560;
  const room = width - (narrow ? 110 : 110 + 130);
  const step = Math.max(40, Math.min(88, Math.floor(room / Math.max(1, toOrder.length))));
  const encoding = {
    y: {
      field: 'from_segment',
      type: 'nominal',
      sort: fromOrder,
      title: narrow ? null : pick(T.from, lang),
    },
    x: {
      field: 'to_segment',
      type: 'nominal',
      sort: toOrder,
      title: pick(T.to, lang),
      // Upright when the cells are narrow or a label is wider than its cell (side by side,
      // "Grow loyalty" and "Increase spend" ran together); slanted, the last would run past
      // the edge.
      axis: { orient: 'top', labelAngle: step < 80 || widest(toOrder) > step - 8 ? -90 : 0 },
    },
  } as const;
  const layer = [
    {
      mark: { type: 'rect', tooltip: true },
      encoding: {
        ...encoding,
        color: {
          field: 'row_share',
          type: 'quantitative',
          title: pick(T.rowShare, lang),
          scale: { scheme: 'blues', domain: [0, 1] },
          legend: narrow
            ? { format: '.0%', orient: 'bottom', direction: 'horizontal' }
            : { format: '.0%' },
        },
        tooltip,
      },
    },
    {
      mark: { type: 'text', fontSize: step < 56 ? 11 : 12, lineHeight: step < 56 ? 13 : 15 },
      encoding: {
        ...encoding,
        text: { field: 'lines' },
        color: { condition: { test: 'datum.row_share > 0.55', value: 'white' }, value: '#222' },
        tooltip,
      },
    },
  ] as const;
  const periods = new Set(values.map((v) => v.period));
  const title = {
    text: pick(T.title, lang),
    subtitle: wrapText(pick(T.subtitle, lang), width - 10, 13),
  };
  const size = { width: { step }, height: { step: 40 } } as const;
  if (periods.size > 1) {
    return {
      ...chartBase(),
      title,
      data: { values },
      facet: { row: { field: 'period', type: 'nominal', title: pick(T.period, lang) } },
      spec: { ...size, layer: [...layer] },
    };
  }
  return { ...chartBase(), ...size, title, data: { values }, layer: [...layer] };
}
