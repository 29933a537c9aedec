import type { TopLevelSpec } from 'vega-lite';
import { pick, type Labels, type Lang } from '../domain/labels';
import { chartBase } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { FORMATS } from './number-formats';
import { segmentColorScale, type SegmentColors } from './palette';

/** A row of src/sql/campaign-response.ts. */
export interface CampaignResponseRow {
  campaign?: string;
  segment: string;
  is_total: boolean;
  recipients: number;
  response_rate: number | null;
  response_lo: number | null;
  response_hi: number | null;
  conversion_rate: number | null;
  conversion_lo: number | null;
  conversion_hi: number | null;
  controls: number;
  control_conversion_rate: number | null;
  lift: number | null;
}

export interface CampaignResponseChartOptions {
  rows: CampaignResponseRow[];
  segments: string[];
  /** Each segment's own colour (palette.ts `segmentColors`), by label. */
  colors?: SegmentColors;
  /** Which rate to show (default conversion). Only conversion has a control group to compare. */
  metric?: 'conversion' | 'response';
  lang: Lang;
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

const T = {
  conversion: { en: 'Conversion rate by segment', zh: '各分群转化率' },
  response: { en: 'Response rate by segment', zh: '各分群响应率' },
  subtitle: {
    en: 'Dot: rate of those who got the campaign, with its 95% Wilson interval.',
    zh: '圆点：收到活动客户的比率及其 95% Wilson 置信区间。',
  },
  controlNote: { en: 'Black tick: control group.', zh: '黑色短线：对照组。' },
  rate: { en: 'Rate', zh: '比率' },
  lo: { en: '95% interval from', zh: '95% 区间下限' },
  hi: { en: '95% interval to', zh: '95% 区间上限' },
  segment: { en: 'Segment', zh: '分群' },
  campaign: { en: 'Campaign', zh: '活动' },
  recipients: { en: 'Recipients', zh: '触达人数' },
  controls: { en: 'Control group', zh: '对照组人数' },
  control: { en: 'Control conversion', zh: '对照组转化率' },
  lift: { en: 'Lift (points)', zh: '提升（百分点）' },
} satisfies Record<string, Labels>;

/**
 * Response or conversion rate per segment as dots with Wilson interval bars, the total row
 * last in grey, and, for conversion with a control group, the control group's rate as a black
 * tick on the same row. Several campaigns become one panel per campaign.
 */
export function campaignResponseChart(options: CampaignResponseChartOptions): TopLevelSpec {
  const { rows, segments, lang } = options;
  checkRowBudget(rows, T.conversion);
  const metric = options.metric ?? 'conversion';
  const rate = `${metric}_rate`;
  const totals = [...new Set(rows.filter((r) => r.is_total).map((r) => r.segment))];
  const order = [
    ...segments,
    ...new Set(
      rows.filter((r) => !r.is_total && !segments.includes(r.segment)).map((r) => r.segment),
    ),
    ...totals,
  ];
  const withControl =
    metric === 'conversion' && rows.some((r) => r.control_conversion_rate !== null);
  const percentAxis = { format: '.0%' };
  const y = { field: 'segment', type: 'nominal' as const, sort: order, title: null };
  const tooltip = [
    ...(rows.some((r) => r.campaign !== undefined)
      ? [{ field: 'campaign', title: pick(T.campaign, lang) }]
      : []),
    { field: 'segment', title: pick(T.segment, lang) },
    { field: rate, title: pick(T.rate, lang), format: FORMATS.percent },
    { field: `${metric}_lo`, title: pick(T.lo, lang), format: FORMATS.percent },
    { field: `${metric}_hi`, title: pick(T.hi, lang), format: FORMATS.percent },
    { field: 'recipients', title: pick(T.recipients, lang), format: FORMATS.count },
    ...(withControl
      ? [
          { field: 'controls', title: pick(T.controls, lang), format: FORMATS.count },
          {
            field: 'control_conversion_rate',
            title: pick(T.control, lang),
            format: FORMATS.percent,
          },
          { field: 'lift', title: pick(T.lift, lang), format: '+.1%' },
        ]
      : []),
  ];
  const layers: Layer[] = [
    {
      mark: { type: 'rule', strokeWidth: 2, color: '#777' },
      encoding: {
        y,
        x: {
          field: `${metric}_lo`,
          type: 'quantitative',
          title: pick(T.rate, lang),
          axis: percentAxis,
        },
        x2: { field: `${metric}_hi` },
        tooltip,
      },
    },
    {
      mark: { type: 'circle', size: 110, opacity: 1, tooltip: true },
      encoding: {
        y,
        x: { field: rate, type: 'quantitative' },
        color: {
          field: 'segment',
          type: 'nominal',
          title: pick(T.segment, lang),
          scale: segmentColorScale(
            segments,
            order.filter((s) => !segments.includes(s)),
            options.colors,
          ),
          legend: null,
        },
        tooltip,
      },
    },
  ];
  if (withControl) {
    layers.push({
      mark: { type: 'tick', color: '#111', thickness: 3, size: 18, tooltip: true },
      encoding: { y, x: { field: 'control_conversion_rate', type: 'quantitative' }, tooltip },
    });
  }
  const title = {
    text: pick(metric === 'conversion' ? T.conversion : T.response, lang),
    subtitle: withControl
      ? [pick(T.subtitle, lang), pick(T.controlNote, lang)]
      : pick(T.subtitle, lang),
  };
  const campaigns = new Set(rows.map((r) => r.campaign));
  const size = { width: 420, height: { step: 30 } } as const;
  if (campaigns.size > 1) {
    return {
      ...chartBase(),
      title,
      data: { values: rows },
      facet: { row: { field: 'campaign', type: 'nominal', title: pick(T.campaign, lang) } },
      spec: { ...size, layer: layers },
    };
  }
  return { ...chartBase(), ...size, title, data: { values: rows }, layer: layers };
}
