import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { PROFILE_FEATURES, profileLabel } from '../model/profile-features';
import type { SegmentProfileRow } from '../model/segment-description';
import { chartBase, fittedTitle, wrapText } from './chart-theme';
import { checkRowBudget } from './mark-budget';

export interface SegmentProfileChartOptions {
  rows: readonly SegmentProfileRow[];
  /** Segment labels in the preset's order: the columns follow it. */
  segments: string[];
  /** The container's width in pixels: columns narrow, and lose their text below 36 px. */
  width?: number;
  /** Features shown at most, those differing most first (default 14). */
  maxFeatures?: number;
  lang: Lang;
}

const T = {
  title: { en: 'What sets each segment apart', zh: '各分群的区别特征' },
  subtitle: {
    en: 'Colour: standardised difference from the other customers (blue above, red below). Text: × the average; for an attribute, its most over-represented value.',
    zh: '颜色：与其他客户的标准化差异（蓝色高于、红色低于）。文字：为平均值的倍数；属性显示占比最突出的取值。',
  },
  feature: { en: 'Feature', zh: '特征' },
  segment: { en: 'Segment', zh: '分群' },
  value: { en: 'Value', zh: '取值' },
  segmentMean: { en: 'Segment', zh: '本分群' },
  overallMean: { en: 'All customers', zh: '全部客户' },
  lift: { en: 'Lift (× average)', zh: '倍数（相对平均）' },
  stdDiff: { en: 'Std. difference', zh: '标准化差异' },
  separated: { en: 'apart from everyone else', zh: '与其他客户完全不同' },
} satisfies Record<string, Labels>;

/** A mean as the app writes figures: shares as percentages, else up to 2 decimals. */
function meanText(v: number | null, share: boolean, lang: Lang): string {
  if (v === null) return '—';
  if (share)
    return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  return new Intl.NumberFormat(lang, { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 }).format(
    v,
  );
}

/** A cell's colour: the difference clamped at ±2, a complete separation at the end it is on. */
function colourOf(r: SegmentProfileRow): number | null {
  if (r.note === 'separated')
    return Number(r.segment_mean) >= Number(r.rest_mean ?? r.overall_mean) ? 2 : -2;
  return r.std_diff === null ? null : Math.max(-2, Math.min(2, Number(r.std_diff)));
}

/** The features worth a row: some segment differs on them, most different first. */
function shownFeatures(rows: readonly SegmentProfileRow[], max: number): string[] {
  const largest = new Map<string, number>();
  for (const r of rows) {
    const d = r.note === 'separated' ? Infinity : r.std_diff === null ? null : Number(r.std_diff);
    if (d === null) continue;
    largest.set(r.feature, Math.max(largest.get(r.feature) ?? 0, Math.abs(d)));
  }
  return [...largest]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([f]) => f);
}

/**
 * A heatmap of segments (columns) × features (rows): each cell coloured by the segment's
 * standardised difference from the rest on a diverging scale clamped at ±2, and labelled with
 * its lift (a number) or its most over-represented value (an attribute). Features on which no
 * segment can be told apart are left out.
 */
export function segmentProfileChart(options: SegmentProfileChartOptions): TopLevelSpec {
  const { rows, segments, lang } = options;
  checkRowBudget(rows, T.title);
  const features = shownFeatures(rows, options.maxFeatures ?? 14);
  const kept = new Set(features);
  const lift = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const d = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const values = rows
    .filter((r) => kept.has(r.feature))
    .map((r) => {
      const share = r.kind === 'attribute' || PROFILE_FEATURES[r.feature]?.share === true;
      const label = pick(profileLabel(r.feature), lang);
      return {
        segment: r.segment,
        feature: label,
        std_diff: colourOf(r),
        text:
          r.kind === 'attribute'
            ? (r.value ?? '')
            : r.lift === null
              ? '—'
              : `${lift.format(Number(r.lift))}×`,
        value: r.value ?? '—',
        segment_mean: meanText(r.segment_mean, share, lang),
        overall_mean: meanText(r.overall_mean, share, lang),
        lift_text: r.lift === null ? '—' : `${lift.format(Number(r.lift))}×`,
        d_text:
          r.note === 'separated'
            ? pick(T.separated, lang)
            : r.std_diff === null
              ? '—'
              : d.format(Number(r.std_diff)),
      };
    });
  const featureOrder = features.map((f) => pick(profileLabel(f), lang));
  const present = new Set(rows.map((r) => r.segment));
  const columns = [
    ...segments.filter((s) => present.has(s)),
    ...[...present].filter((s) => !segments.includes(s)),
  ];
  const width = options.width ?? 800;
  const narrow = width < 560;
  const labelRoom = narrow ? 104 : lang === 'zh-CN' ? 130 : 150;
  // Columns share what the labels leave, down to 16 px: eleven RFM segments still fit a phone.
  const step = Math.max(
    16,
    Math.min(96, Math.floor((width - labelRoom - 20) / Math.max(1, columns.length))),
  );
  // Column labels lie flat where each fits its column; longer ones (a cluster's name) stand up
  // rather than run into the next.
  const flat = step >= 72 && columns.every((c) => wrapText(c, step - 6, 12).length === 1);
  const tooltip = [
    { field: 'segment', title: pick(T.segment, lang) },
    { field: 'feature', title: pick(T.feature, lang) },
    ...(rows.some((r) => r.kind === 'attribute')
      ? [{ field: 'value', title: pick(T.value, lang) }]
      : []),
    { field: 'segment_mean', title: pick(T.segmentMean, lang) },
    { field: 'overall_mean', title: pick(T.overallMean, lang) },
    { field: 'lift_text', title: pick(T.lift, lang) },
    { field: 'd_text', title: pick(T.stdDiff, lang) },
  ];
  const encoding = {
    x: {
      field: 'segment',
      type: 'nominal',
      sort: columns,
      title: null,
      axis: { orient: 'top', labelAngle: flat ? 0 : -90, labelLimit: flat ? step - 6 : 140 },
    },
    y: {
      field: 'feature',
      type: 'nominal',
      sort: featureOrder,
      title: null,
      axis: { labelLimit: labelRoom - 8 },
    },
  } as const;
  return {
    ...chartBase(),
    title: fittedTitle(pick(T.title, lang), pick(T.subtitle, lang), width),
    data: { values },
    width: { step },
    height: { step: 26 },
    layer: [
      {
        mark: { type: 'rect', tooltip: true, stroke: '#fff', strokeWidth: 1 },
        encoding: {
          ...encoding,
          color: {
            condition: { test: 'datum.std_diff === null', value: '#eeeeee' },
            field: 'std_diff',
            type: 'quantitative',
            title: pick(T.stdDiff, lang),
            scale: { scheme: 'redblue', domain: [-2, 2], domainMid: 0 },
            legend: {
              orient: 'bottom',
              direction: 'horizontal',
              gradientLength: Math.max(100, Math.min(240, step * columns.length)),
            },
          },
          tooltip,
        },
      },
      ...(step >= 36
        ? [
            {
              mark: { type: 'text', fontSize: 11, limit: step - 6 },
              encoding: {
                ...encoding,
                text: { field: 'text' },
                color: {
                  condition: {
                    test: 'datum.std_diff !== null && abs(datum.std_diff) > 1.2',
                    value: 'white',
                  },
                  value: '#222',
                },
                tooltip,
              },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}
