import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import type { CohortMeasure } from '../model/cohort-choice';
import { chartBase, wrapText } from './chart-theme';
import { isoDay } from './iso-day';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';

export type CohortUnit = 'month' | 'week' | 'quarter';
export type { CohortMeasure };

/** A row of src/sql/cohort-retention.ts `cohortRetentionSql`. */
export interface CohortChartRow {
  cohort: Date | string;
  cohort_size: number;
  period: number;
  period_start: Date | string;
  active: number;
  active_share: number;
  revenue: number;
  revenue_retained: number | null;
  partial: boolean;
  cohort_count: number;
}

export interface CohortHeatmapOptions {
  rows: CohortChartRow[];
  unit: CohortUnit;
  measure: CohortMeasure;
  lang: Lang;
  /** The container's width in pixels: on a phone, fewer cohorts and no text in the cells. */
  width?: number;
  /** The window of periods the rows' cohorts were kept from (`lastPeriods`), if any. */
  lastPeriods?: number;
  /** Counts as the app writes them (万 in Chinese); plain grouping when absent. */
  formatCount?: (n: number) => string;
}

const T = {
  title: {
    active: { en: 'Customers active by cohort', zh: '各同期群的活跃客户占比' },
    revenue: { en: 'Revenue retained by cohort', zh: '各同期群的销售额留存' },
  },
  subtitle: {
    active: {
      en: 'Share of each first-purchase cohort buying again in each later period.',
      zh: '每个首购同期群在之后各期再次购买的客户占比。',
    },
    revenue: {
      en: "Each period's net revenue from a cohort, as a share of its first period's.",
      zh: '同期群每期的净销售额占其首期销售额的比例。',
    },
  },
  latest: {
    month: {
      en: 'Cohorts of the last {n} months: {shown} of {total}.',
      zh: '仅显示最近 {n} 个月首购的同期群：{shown} 个（共 {total} 个）。',
    },
    week: {
      en: 'Cohorts of the last {n} weeks: {shown} of {total}.',
      zh: '仅显示最近 {n} 周首购的同期群：{shown} 个（共 {total} 个）。',
    },
    quarter: {
      en: 'Cohorts of the last {n} quarters: {shown} of {total}.',
      zh: '仅显示最近 {n} 个季度首购的同期群：{shown} 个（共 {total} 个）。',
    },
  },
  partial: {
    en: 'The last period of each row is still in progress.',
    zh: '每行最后一期尚未结束。',
  },
  cohort: { en: 'Cohort (customers)', zh: '同期群（客户数）' },
  since: {
    month: { en: 'Months since first purchase', zh: '首购后的月数' },
    week: { en: 'Weeks since first purchase', zh: '首购后的周数' },
    quarter: { en: 'Quarters since first purchase', zh: '首购后的季度数' },
  },
  firstPurchase: { en: 'First purchase', zh: '首购期' },
  periodStart: { en: 'Period from', zh: '本期开始' },
  size: { en: 'Cohort size', zh: '同期群人数' },
  active: { en: 'Customers active', zh: '活跃客户' },
  activeShare: { en: 'Share active', zh: '活跃占比' },
  revenue: { en: 'Revenue', zh: '销售额' },
  retained: { en: 'Revenue retained', zh: '销售额留存' },
  inProgress: { en: 'In progress', zh: '未结束' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
} satisfies Record<string, Labels | Record<string, Labels>>;

/** Periods a phone shows: twelve columns still leave a cell wide enough to see its colour. */
const NARROW_PERIODS = 12;

/** A cohort's first day as its period is called: 2024-03, 2024 Q1, or the week's Monday. */
export function cohortLabel(start: Date | string, unit: CohortUnit): string {
  const day = isoDay(start);
  if (unit === 'month') return day.slice(0, 7);
  if (unit === 'quarter')
    return `${day.slice(0, 4)} Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  return day;
}

/**
 * The classic cohort heatmap: a row per first-purchase cohort (its size beside its name), a
 * column per period since, each cell the measure's share in a sequential blue. The scale runs
 * to the highest value after period 0, which is 100% by definition and would otherwise wash
 * out every later cell; period 0 and anything above draw at the darkest blue.
 */
export function cohortHeatmap(options: CohortHeatmapOptions): TopLevelSpec {
  const { unit, measure, lang } = options;
  checkRowBudget(options.rows, T.title[measure]);
  const width = options.width ?? 800;
  const narrow = width < 560;
  const count = options.formatCount ?? ((n: number) => n.toLocaleString(lang));
  // Every cohort runs to the data's last period: its last period since says how recent it is.
  const spans = new Map<string, number>();
  for (const r of options.rows) {
    spans.set(isoDay(r.cohort), Math.max(spans.get(isoDay(r.cohort)) ?? 0, r.period));
  }
  const window = narrow
    ? Math.min(NARROW_PERIODS, options.lastPeriods ?? NARROW_PERIODS)
    : options.lastPeriods;
  const kept = new Set(
    [...spans].filter(([, last]) => !narrow || last < NARROW_PERIODS).map(([c]) => c),
  );
  const rows = options.rows.filter((r) => kept.has(isoDay(r.cohort)));
  const label = (r: CohortChartRow) => `${cohortLabel(r.cohort, unit)} · ${count(r.cohort_size)}`;
  const yes = pick(T.yes, lang);
  const no = pick(T.no, lang);
  const values = rows.map((r) => ({
    row: label(r),
    period: r.period,
    value: measure === 'active' ? r.active_share : r.revenue_retained,
    first: cohortLabel(r.cohort, unit),
    size: r.cohort_size,
    start: isoDay(r.period_start),
    active: r.active,
    active_share: r.active_share,
    revenue: r.revenue,
    revenue_retained: r.revenue_retained,
    partial: r.partial ? yes : no,
  }));
  const order = [...new Map(rows.map((r) => [isoDay(r.cohort), label(r)])).values()];
  const later = values.filter((v) => v.period > 0 && v.value !== null).map((v) => v.value!);
  const top = Math.min(1, Math.max(0.05, ...later));
  const periods = Math.max(1, ...rows.map((r) => r.period + 1));
  // Room for the row labels ("2024-01-29 · 1.2万") and the y title.
  const labelRoom = narrow ? 118 : 150;
  const step = Math.max(12, Math.min(56, Math.floor((width - labelRoom) / periods)));
  const showText = step >= 30;
  const total = rows[0]?.cohort_count ?? 0;
  const notes = [
    pick(T.subtitle[measure], lang),
    ...(window !== undefined && total > kept.size
      ? [
          pick(T.latest[unit], lang)
            .replace('{n}', String(window))
            .replace('{shown}', String(kept.size))
            .replace('{total}', String(total)),
        ]
      : []),
    ...(rows.some((r) => r.partial) ? [pick(T.partial, lang)] : []),
  ];
  const encoding = {
    y: {
      field: 'row',
      type: 'ordinal',
      sort: order,
      title: narrow ? null : pick(T.cohort, lang),
      axis: { labelLimit: labelRoom },
    },
    x: {
      field: 'period',
      type: 'ordinal',
      title: pick(T.since[unit], lang),
      axis: { orient: 'top', labelAngle: 0, labelFontSize: step < 18 ? 10 : 12 },
    },
  } as const;
  const tooltip = [
    { field: 'first', title: pick(T.firstPurchase, lang) },
    { field: 'size', title: pick(T.size, lang), format: FORMATS.count },
    { field: 'start', title: pick(T.periodStart, lang) },
    { field: 'active', title: pick(T.active, lang), format: FORMATS.count },
    { field: 'active_share', title: pick(T.activeShare, lang), format: FORMATS.percent },
    { field: 'revenue', title: pick(T.revenue, lang), format: FORMATS.money },
    { field: 'revenue_retained', title: pick(T.retained, lang), format: FORMATS.percent },
    { field: 'partial', title: pick(T.inProgress, lang) },
  ];
  return {
    ...chartBase(),
    title: {
      text: pick(T.title[measure], lang),
      subtitle: notes.flatMap((n) => wrapText(n, width - 10, 13)),
    },
    data: { values },
    width: { step },
    height: { step: narrow ? 20 : 22 },
    layer: [
      {
        mark: { type: 'rect', tooltip: true, stroke: 'white', strokeWidth: 1 },
        encoding: {
          ...encoding,
          color: {
            field: 'value',
            type: 'quantitative',
            title: pick(measure === 'active' ? T.activeShare : T.retained, lang),
            scale: { scheme: 'blues', domain: [0, top], clamp: true },
            legend: {
              format: '.0%',
              orient: 'bottom',
              direction: 'horizontal',
              gradientLength: Math.min(240, width - 40),
            },
          },
          tooltip,
        },
      },
      ...(showText
        ? [
            {
              mark: { type: 'text', fontSize: step < 40 ? 10 : 11 },
              encoding: {
                ...encoding,
                text: { field: 'value', type: 'quantitative', format: '.0%' },
                color: {
                  condition: { test: `datum.value > ${top * 0.55}`, value: 'white' },
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
