import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH } from './chart-theme';
import { isoDay } from './iso-day';
import { checkRowBudget } from './mark-budget';
import { compactLabelExpr, FORMATS } from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';

/** A row of src/sql/migration.ts `segmentSizesSql`. */
export interface SegmentSizeRow {
  as_of: Date | string;
  segment: string;
  customers: number;
  share: number;
}

export interface SegmentSizesOptions {
  rows: SegmentSizeRow[];
  segments: string[];
  /** Each segment's own colour (palette.ts `segmentColors`), by label. */
  colors?: SegmentColors;
  lang: Lang;
  /** Stacked bars per date (default; reads best for a few dates) or a stacked area over time. */
  kind?: 'bar' | 'area';
  /** Show shares (each date 100%) instead of customers. */
  normalize?: boolean;
  height?: number;
  /** The chart's box width: where the dates do not fit side by side, they are slanted. */
  width?: number;
}

const T = {
  title: { en: 'Segment sizes over time', zh: '各分群规模变化' },
  date: { en: 'As of', zh: '截至日期' },
  customers: { en: 'Customers', zh: '客户数' },
  share: { en: 'Share of customers', zh: '客户占比' },
  segment: { en: 'Segment', zh: '分群' },
} satisfies Record<string, Labels>;

/** Customers per segment at each as-of date, stacked. */
export function segmentSizesOverTime(options: SegmentSizesOptions): TopLevelSpec {
  const { rows, segments, lang } = options;
  checkRowBudget(rows, T.title);
  const area = options.kind === 'area';
  const order = (s: string) => {
    const i = segments.indexOf(s);
    return i < 0 ? segments.length : i;
  };
  const values = rows.map((r) => ({
    ...r,
    as_of: isoDay(r.as_of),
    segment_order: order(r.segment),
  }));
  const dateTitle = pick(T.date, lang);
  // ticks exactly at the snapshot dates, not at calendar months
  const dates = [...new Set(values.map((v) => v.as_of))];
  // A date label is about 75 px wide; the legend takes about 150 px beside the plot.
  const labelAngle =
    options.width !== undefined && (options.width - 150) / dates.length < 80 ? -40 : 0;
  const x = area
    ? ({
        field: 'as_of',
        type: 'temporal',
        title: dateTitle,
        scale: { type: 'utc' },
        axis: { format: '%Y-%m-%d', labelAngle, values: dates },
      } as const)
    : ({ field: 'as_of', type: 'ordinal', title: dateTitle, axis: { labelAngle } } as const);
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    height: options.height ?? 320,
    title: pick(T.title, lang),
    data: { values },
    mark: area ? { type: 'area', tooltip: true, line: true } : { type: 'bar', tooltip: true },
    encoding: {
      x,
      y: {
        field: 'customers',
        type: 'quantitative',
        stack: options.normalize ? 'normalize' : 'zero',
        title: pick(options.normalize ? T.share : T.customers, lang),
        axis: options.normalize ? { format: '.0%' } : { labelExpr: compactLabelExpr(lang) },
      },
      color: {
        field: 'segment',
        type: 'nominal',
        sort: segments,
        title: pick(T.segment, lang),
        scale: segmentColorScale(segments, [], options.colors),
      },
      order: { field: 'segment_order', type: 'quantitative' },
      tooltip: [
        { field: 'as_of', title: dateTitle },
        { field: 'segment', title: pick(T.segment, lang) },
        { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
        { field: 'share', title: pick(T.share, lang), format: FORMATS.percent },
      ],
    },
  };
}
