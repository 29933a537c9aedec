import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH, wrapText } from './chart-theme';
import { flowLayout, type FlowInput } from './flow-layout';
import { isoDay } from './iso-day';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';

export interface MigrationFlowsOptions {
  /** Transition rows (src/sql/migration.ts), one or more consecutive periods. */
  rows: FlowInput[];
  segments: string[];
  /** Each segment's own colour (palette.ts `segmentColors`), by label. */
  colors?: SegmentColors;
  lang: Lang;
  height?: number;
  /**
   * The container's width in pixels. The outer labels get up to LABEL_ROOM pixels of it; under
   * NARROW (a phone) only the latest period is drawn, as the labels of four columns would meet.
   */
  width?: number;
}

const NARROW = 560;

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

const T = {
  title: { en: 'Segment migration', zh: '分群迁移流向' },
  subtitle: {
    en: 'Bars: segments at each date; bands: customers moving between them.',
    zh: '竖条为各日期的分群，色带为在分群间迁移的客户。',
  },
  from: { en: 'From', zh: '原分群' },
  to: { en: 'To', zh: '新分群' },
  customers: { en: 'Customers', zh: '客户数' },
  rowShare: { en: 'Share of the source', zh: '占原分群比例' },
  atStake: { en: 'Revenue at stake', zh: '涉及销售额' },
  date: { en: 'Date', zh: '日期' },
  segment: { en: 'Segment', zh: '分群' },
} satisfies Record<string, Labels>;

/** Half the width of a node bar, in column units (columns are 1 apart). */
const HALF_BAR = 0.025;
/** Pixels beside the outer columns for their labels ("Increase spend 1,234"). */
const LABEL_ROOM = 130;
/** Points per ribbon edge: enough for a smooth S-curve. */
const STEPS = 20;

/**
 * A Sankey-style migration chart in Vega-Lite. Vega-Lite has no Sankey mark, so the layout is
 * computed here (flowLayout) and drawn as layers: one `area` per flow (y to y2 along a cosine
 * S-curve between two columns, grouped by `detail`), `rect` node bars, and `text` labels. It
 * stays within Vega-Lite (one spec type, one renderer path, no eval) at the cost of Vega's
 * interactive Sankey features, which a static overview does not need.
 */
export function migrationFlows(options: MigrationFlowsOptions): TopLevelSpec {
  const { lang, segments } = options;
  checkRowBudget(options.rows, T.title);
  const width = options.width ?? 800;
  const narrow = width < NARROW;
  const latest = options.rows.reduce((m, r) => (isoDay(r.to_date) > m ? isoDay(r.to_date) : m), '');
  const rows = narrow ? options.rows.filter((r) => isoDay(r.to_date) === latest) : options.rows;
  // On a phone the two columns' labels face inwards, over the bands, and need no room outside.
  const labelRoom = narrow ? 0 : Math.min(LABEL_ROOM, Math.floor(width * 0.3));
  const layout = flowLayout(rows, segments);
  const span = Math.max(1, layout.columns.length - 1);
  const header = layout.height * 0.08;
  const ribbons = layout.ribbons.flatMap((r) =>
    Array.from({ length: STEPS + 1 }, (_, i) => {
      const t = i / STEPS;
      const s = (1 - Math.cos(Math.PI * t)) / 2;
      return {
        ...r,
        from_date: layout.columns[r.column],
        to_date: layout.columns[r.column + 1],
        x: r.column + HALF_BAR + (1 - 2 * HALF_BAR) * t,
        y0: r.y0s + (r.y0t - r.y0s) * s,
        y1: r.y1s + (r.y1t - r.y1s) * s,
      };
    }),
  );
  checkRowBudget(ribbons, T.title);
  const nodes = layout.nodes.map((n) => ({
    ...n,
    x0: n.column - HALF_BAR,
    x1: n.column + HALF_BAR,
    mid: (n.y0 + n.y1) / 2,
    label: `${n.segment} ${new Intl.NumberFormat(lang).format(n.customers)}`,
  }));
  const neutral = [...new Set(layout.nodes.filter((n) => n.neutral).map((n) => n.segment))];
  const color = {
    type: 'nominal',
    title: pick(T.segment, lang),
    scale: segmentColorScale(segments, neutral, options.colors),
    legend: null,
  } as const;
  // The first and last columns' labels sit outside the bars: keep LABEL_ROOM pixels for them
  // at both sides (a scale's padding is in pixels), so they are never cut at the chart's edge.
  const x = {
    type: 'quantitative' as const,
    axis: null,
    scale: { domain: [-HALF_BAR, span + HALF_BAR], padding: labelRoom, nice: false, zero: false },
    title: null,
  };
  const y = {
    type: 'quantitative' as const,
    axis: null,
    scale: { domain: [-header, layout.height * 1.03], reverse: true, nice: false, zero: false },
    title: null,
  };
  const inner = Math.max(40, Math.floor((width - 2 * labelRoom) / span) - 16);
  const inward = (first: boolean) => (narrow ? !first : first);
  const label = (first: boolean): Layer => ({
    data: { values: nodes.filter((n) => (n.column === 0) === first) },
    mark: {
      type: 'text',
      align: inward(first) ? 'right' : 'left',
      dx: inward(first) ? -6 : 6,
      fontSize: 12,
      // Outer labels have their room; a middle column's label the gap to the next column.
      limit: narrow
        ? Math.floor(width / 2) - 16
        : first
          ? labelRoom - 10
          : { expr: `datum.column === ${span} ? ${labelRoom - 10} : ${inner}` },
    },
    encoding: {
      x: { ...x, field: inward(first) ? 'x0' : 'x1' },
      y: { ...y, field: 'mid' },
      text: { field: 'label' },
    },
  });
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: options.height ?? 420,
    title: {
      text: pick(T.title, lang),
      subtitle: wrapText(pick(T.subtitle, lang), width - 10, 13),
    },
    layer: [
      {
        data: { values: ribbons },
        mark: { type: 'area', opacity: 0.4, interpolate: 'linear', tooltip: true },
        encoding: {
          x: { ...x, field: 'x' },
          y: { ...y, field: 'y0' },
          y2: { field: 'y1' },
          detail: { field: 'id', type: 'nominal' },
          color: { ...color, field: 'from_segment' },
          tooltip: [
            { field: 'from_date', title: pick(T.date, lang) },
            { field: 'from_segment', title: pick(T.from, lang) },
            { field: 'to_segment', title: pick(T.to, lang) },
            { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
            { field: 'row_share', title: pick(T.rowShare, lang), format: FORMATS.percent },
            { field: 'revenue_at_stake', title: pick(T.atStake, lang), format: FORMATS.money },
          ],
        },
      },
      {
        data: { values: nodes },
        mark: { type: 'rect', tooltip: true },
        encoding: {
          x: { ...x, field: 'x0' },
          x2: { field: 'x1' },
          y: { ...y, field: 'y0' },
          y2: { field: 'y1' },
          color: { ...color, field: 'segment' },
          tooltip: [
            { field: 'date', title: pick(T.date, lang) },
            { field: 'segment', title: pick(T.segment, lang) },
            { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
          ],
        },
      },
      label(true),
      label(false),
      {
        data: { values: layout.columns.map((date, column) => ({ date, column, y: -header / 2 })) },
        mark: {
          type: 'text',
          fontSize: 13,
          fontWeight: 'bold',
          ...(narrow ? { align: { expr: "datum.column === 0 ? 'left' : 'right'" } } : {}),
        },
        encoding: {
          x: { ...x, field: 'column' },
          y: { ...y, field: 'y' },
          text: { field: 'date' },
        },
      },
    ],
  };
}
