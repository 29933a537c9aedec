import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase, FIT_WIDTH } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { compactLabelExpr, FORMATS } from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';
import { SELECTED_OPACITY, selectedOpacity } from './selected-opacity';

/** A row of src/sql/segment-geography.ts. */
export interface GeographyRow {
  place: string;
  place_rank: number;
  segment: string;
  customers: number;
  revenue: number;
  share_in_place: number;
}

export type GeoLevel = 'country' | 'region' | 'province' | 'city';

export interface GeographyChartOptions {
  rows: GeographyRow[];
  segments: string[];
  /** Each segment's own colour (palette.ts `segmentColors`), by label. */
  colors?: SegmentColors;
  level: GeoLevel;
  /** Bar length: customers (default) or revenue. */
  measure?: 'customers' | 'revenue';
  /** Each bar 100%: compare the segment mix of places rather than their size. */
  normalize?: boolean;
  lang: Lang;
  /** The chart's box width: below 520 px the legend goes under the bars, which take the width. */
  width?: number;
  /** The place selected in the cell's linked charts: the others are dimmed. */
  selected?: string;
}

const LEVEL: Record<GeoLevel, Labels> = {
  country: { en: 'Country', zh: '国家' },
  region: { en: 'Region', zh: '大区' },
  province: { en: 'Province', zh: '省份' },
  city: { en: 'City', zh: '城市' },
};

const T = {
  title: { en: 'Segments by {level}', zh: '各{level}分群分布' },
  mixSubtitle: { en: 'Segment mix within each place', zh: '各地区内的分群构成' },
  customers: { en: 'Customers', zh: '客户数' },
  revenue: { en: 'Revenue', zh: '销售额' },
  share: { en: 'Share within place', zh: '地区内占比' },
  segment: { en: 'Segment', zh: '分群' },
} satisfies Record<string, Labels>;

/** Stacked horizontal bars of segments per place, places in their rank order ("Other" last). */
export function geographyChart(options: GeographyChartOptions): TopLevelSpec {
  const { rows, lang, segments, level } = options;
  checkRowBudget(rows, { en: 'geography', zh: '地区' });
  const measure = options.measure ?? 'customers';
  const places = [...new Map(rows.map((r) => [r.place, r.place_rank])).entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([place]) => place);
  const levelName = pick(LEVEL[level], lang);
  const measureTitle = pick(measure === 'customers' ? T.customers : T.revenue, lang);
  const order = (s: string) => {
    const i = segments.indexOf(s);
    return i < 0 ? segments.length : i;
  };
  const narrow = options.width !== undefined && options.width < 520;
  return {
    ...chartBase(),
    ...FIT_WIDTH,
    // a number, not {step}: width 'container' with a discrete height makes Vega-Lite warn
    height: Math.max(120, places.length * 28),
    title: {
      text: pick(T.title, lang).replace('{level}', levelName),
      ...(options.normalize ? { subtitle: pick(T.mixSubtitle, lang) } : {}),
    },
    data: {
      values: rows.map((r) => ({
        ...r,
        segment_order: order(r.segment),
        selected_opacity: selectedOpacity(r.place, options.selected),
      })),
    },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      // the chart title names the level already
      y: { field: 'place', type: 'nominal', sort: places, title: null },
      x: {
        field: measure,
        type: 'quantitative',
        stack: options.normalize ? 'normalize' : 'zero',
        title: options.normalize ? pick(T.share, lang) : measureTitle,
        axis: {
          ...(options.normalize ? { format: '.0%' } : { labelExpr: compactLabelExpr(lang) }),
          // a label every 70 px or so, so "200 400 600" never runs together on a phone
          ...(narrow ? { tickCount: 4, labelOverlap: 'greedy', labelSeparation: 10 } : {}),
        },
      },
      color: {
        field: 'segment',
        type: 'nominal',
        title: pick(T.segment, lang),
        sort: segments,
        scale: segmentColorScale(segments, [], options.colors),
        ...(narrow ? { legend: { orient: 'bottom', columns: 2 } } : {}),
      },
      order: { field: 'segment_order', type: 'quantitative' },
      opacity: SELECTED_OPACITY,
      tooltip: [
        { field: 'place', title: levelName },
        { field: 'segment', title: pick(T.segment, lang) },
        { field: 'customers', title: pick(T.customers, lang), format: FORMATS.count },
        { field: 'revenue', title: pick(T.revenue, lang), format: FORMATS.money },
        { field: 'share_in_place', title: pick(T.share, lang), format: FORMATS.percent },
      ],
    },
  };
}
