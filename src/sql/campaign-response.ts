import { LocalizedError } from '../domain/localized-error';
import { flagSql } from './flag-sql';
import { requireName } from './input-check';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { ident, str } from './quote';
import { relationCte, type Relation } from './relation';
import { segmentRankSql } from './segment-rank';
import { wilsonSql, Z_95 } from './wilson-sql';

/** The user's campaign table: one row per customer a campaign was sent to (or held out from). */
export interface CampaignsRelation {
  relation: string;
  customerId: string;
  /** The campaign id or name; needed to report per campaign. */
  campaign?: string;
  /** Yes/no columns in any common spelling (see flagSql). At least one of the two. */
  responded?: string;
  converted?: string;
  /** Yes/no: the customer was held out as a control and never got the message. */
  control?: string;
}

export interface CampaignResponseOptions {
  campaigns: CampaignsRelation;
  /** The segmentation: `customer_id`, `segment`. Recipients outside it are "(no segment)". */
  segments: Relation;
  /** One row per campaign and segment instead of per segment over all campaigns. */
  byCampaign?: boolean;
  /** Interval z (default 1.959964, 95%). */
  z?: number;
  lang: SqlLang;
  /** The preset's segment labels in rank order: rows follow it. */
  order?: readonly string[];
  /**
   * Leaves out recipients outside `segments` rather than counting them as "(no segment)": the
   * segmentation was narrowed to some customers (a focus of its linked charts).
   */
  segmentedOnly?: boolean;
}

export const ALL_SEGMENTS_LABEL = { en: 'All segments', zh: '全部分群' };
export const NO_CAMPAIGN_LABEL = { en: '(no campaign)', zh: '（无活动）' };

function flagOrNull(column: string | undefined): string {
  return column === undefined ? 'NULL::INTEGER' : flagSql(ident(column));
}

function check(c: CampaignsRelation, byCampaign: boolean): void {
  if (typeof c !== 'object' || c === null)
    throw new LocalizedError({ en: 'Map the campaign table first.', zh: '请先映射营销活动表。' });
  requireName(c.relation, 'campaign table', '营销活动表');
  requireName(c.customerId, 'customer id column of the campaigns', '营销活动表的客户编号列');
  for (const [key, en, zh] of [
    ['campaign', 'campaign column', '活动列'],
    ['responded', 'responded column', '响应列'],
    ['converted', 'converted column', '转化列'],
    ['control', 'control group column', '对照组列'],
  ] as const) {
    if (c[key] !== undefined) requireName(c[key], en, zh);
  }
  if (c.responded === undefined && c.converted === undefined) {
    throw new LocalizedError({
      en: 'Choose a responded or a converted column.',
      zh: '请选择“是否响应”或“是否转化”列。',
    });
  }
  if (byCampaign && c.campaign === undefined) {
    throw new LocalizedError({
      en: 'Choose the campaign column to compare campaigns.',
      zh: '请选择活动列以按活动比较。',
    });
  }
}

/**
 * SQL for campaign response by segment (optionally per campaign), with a last `is_total` row
 * (per campaign). Recipients are rows not flagged as control; controls, rows flagged yes.
 *
 * - response_rate = responders / recipients whose responded flag is known, with a Wilson
 *   interval [response_lo, response_hi]; likewise conversion_rate, and control_conversion_rate
 *   among controls. Unknown (blank, unreadable) flags leave a row out of that rate only.
 * - lift = conversion_rate - control_conversion_rate (percentage points as a fraction);
 *   lift_ratio = conversion_rate / control_conversion_rate. NULL without controls.
 */
export function campaignResponseSql(options: CampaignResponseOptions): string {
  const { campaigns: c, segments, lang } = options;
  const byCampaign = options.byCampaign ?? false;
  check(c, byCampaign);
  const z = options.z ?? Z_95;
  if (!(z > 0) || !Number.isFinite(z)) {
    throw new LocalizedError({
      en: `The interval z must be a positive number, not ${z}.`,
      zh: `区间 z 值必须为正数，而不是 ${z}。`,
    });
  }
  const keys = byCampaign ? 'campaign, ' : '';
  const sets = byCampaign ? '(campaign, segment), (campaign)' : '(segment), ()';
  const noCampaign = str(localized(NO_CAMPAIGN_LABEL, lang));
  const campaignSql = byCampaign
    ? `COALESCE(CAST(${ident(c.campaign!)} AS VARCHAR), ${noCampaign}) AS campaign,\n    `
    : '';
  const rate = (x: string, n: string, name: string) => {
    const w = wilsonSql(`g.${x}`, `g.${n}`, z);
    return `g.${x} / NULLIF(g.${n}, 0) AS ${name}_rate,
  ${w.lo} AS ${name}_lo,
  ${w.hi} AS ${name}_hi`;
  };
  return `WITH
${relationCte('segmented', segments)},
sends AS (
  SELECT
    ${campaignSql}CAST(${ident(c.customerId)} AS VARCHAR) AS customer_id,
    ${flagOrNull(c.responded)} AS responded,
    ${flagOrNull(c.converted)} AS converted,
    COALESCE(${flagOrNull(c.control)} = 1, FALSE) AS is_control
  FROM ${ident(c.relation)}
  WHERE ${ident(c.customerId)} IS NOT NULL
),
joined AS (
  SELECT x.*, COALESCE(CAST(s.segment AS VARCHAR), ${str(localized(NO_SEGMENT_LABEL, lang))}) AS segment
  FROM sends AS x
  ${options.segmentedOnly ? 'JOIN' : 'LEFT JOIN'} segmented AS s ON CAST(s.customer_id AS VARCHAR) = x.customer_id
),
grouped AS (
  SELECT
    ${keys}segment,
    GROUPING(segment) = 1 AS is_total,
    count(*) FILTER (WHERE NOT is_control) AS recipients,
    count(responded) FILTER (WHERE NOT is_control) AS response_known,
    COALESCE(sum(responded) FILTER (WHERE NOT is_control), 0) AS responders,
    count(converted) FILTER (WHERE NOT is_control) AS conversion_known,
    COALESCE(sum(converted) FILTER (WHERE NOT is_control), 0) AS converters,
    count(*) FILTER (WHERE is_control) AS controls,
    count(converted) FILTER (WHERE is_control) AS control_known,
    COALESCE(sum(converted) FILTER (WHERE is_control), 0) AS control_converters
  FROM joined
  GROUP BY GROUPING SETS (${sets})
),
rates AS (
  SELECT
    ${byCampaign ? 'g.campaign, ' : ''}CASE WHEN g.is_total THEN ${str(localized(ALL_SEGMENTS_LABEL, lang))} ELSE g.segment END
      AS segment,
    g.is_total,
    g.recipients,
    CAST(g.responders AS BIGINT) AS responders,
    ${rate('responders', 'response_known', 'response')},
    CAST(g.converters AS BIGINT) AS converters,
    ${rate('converters', 'conversion_known', 'conversion')},
    g.controls,
    CAST(g.control_converters AS BIGINT) AS control_converters,
    ${rate('control_converters', 'control_known', 'control_conversion')}
  FROM grouped AS g
)
SELECT
  *,
  conversion_rate - control_conversion_rate AS lift,
  conversion_rate / NULLIF(control_conversion_rate, 0) AS lift_ratio
FROM rates
ORDER BY ${byCampaign ? 'campaign, ' : ''}is_total, ${segmentRankSql('segment', options.order)}segment`;
}
