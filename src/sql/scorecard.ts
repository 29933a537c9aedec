import { requireInteger, requireName } from './input-check';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { ident, num, str } from './quote';
import { relationCte, type Relation } from './relation';
import { segmentRankSql } from './segment-rank';

export interface ScorecardOptions {
  /** The segmentation result: one row per customer with `customer_id` and `segment`. */
  segments: Relation;
  /** The per-customer features table or view (src/sql/features.ts). */
  features: string;
  /** A buyer counts as churned when more than this many days passed since their last order. */
  churnDays: number;
  lang: SqlLang;
  /** The preset's segment labels in rank order: rows follow it. */
  order?: readonly string[];
}

export const TOTAL_LABEL = { en: 'Total', zh: '合计' };

const CLV_COLUMNS = ['predicted_clv', 'predicted_clv_low', 'predicted_clv_high'] as const;

/**
 * One row of `scorecardSql`. "Customers" are the members of the segment; "buyers" those
 * among them with at least one order (frequency > 0). Ratios with a zero denominator are NULL.
 */
export interface ScorecardRow {
  segment: string;
  is_total: boolean;
  customers: number;
  /** customers / all customers of the segmentation */
  customer_share: number;
  buyers: number;
  /** sum of monetary */
  revenue: number;
  /** revenue / revenue of all customers */
  revenue_share: number | null;
  /** sum of frequency */
  orders: number;
  /** revenue / orders */
  avg_order_value: number | null;
  /** orders / customers (every member, prospects included) */
  orders_per_customer: number;
  /** revenue / customers */
  revenue_per_customer: number;
  /** buyers who bought on two or more distinct days / buyers */
  repurchase_rate: number | null;
  /** buyers whose recency_days > churnDays / buyers */
  churn_rate: number | null;
  /** mean recency_days of buyers */
  avg_recency_days: number | null;
  /** customers with at least one complaint / customers */
  complaint_rate: number;
  /** complaints / customers */
  complaints_per_customer: number;
  /** customers with at least one referral / customers */
  referral_rate: number;
  /** referrals / customers */
  referrals_per_customer: number;
  /** mean of the customers' own average satisfaction, customers without feedback left out */
  avg_satisfaction: number | null;
  /** sum of a Predict cell's predicted_clv over scored members; NULL when none is scored */
  predicted_clv: number | null;
  /** predicted_clv / predicted_clv of all customers */
  predicted_clv_share: number | null;
  /** sums of the 90% interval bounds (wider than an interval of the sum) */
  predicted_clv_low: number | null;
  predicted_clv_high: number | null;
}

/**
 * SQL for the segment scorecard: one row per segment (ordered by revenue, then name) and a
 * last row `is_total` over every member, with the metrics of `ScorecardRow`. Members missing
 * from the features table count as customers without orders or interactions; a NULL segment
 * is labelled "(no segment)".
 */
export function scorecardSql(options: ScorecardOptions): string {
  const { segments, features, churnDays, lang } = options;
  requireName(features, 'features table', '特征表');
  requireInteger(churnDays, 0, 100_000, 'churn threshold (days)', '流失天数阈值');
  const none = str(localized(NO_SEGMENT_LABEL, lang));
  return `WITH
${relationCte('segmented', segments)},
members AS (
  SELECT
    COALESCE(CAST(s.segment AS VARCHAR), ${none}) AS segment,
    COALESCE(f.frequency, 0) > 0 AS buyer,
    COALESCE(f.frequency, 0) AS frequency,
    COALESCE(f.purchase_days, 0) AS purchase_days,
    COALESCE(f.monetary, 0) AS monetary,
    f.recency_days,
    COALESCE(f.complaint_count, 0) AS complaint_count,
    COALESCE(f.referral_count, 0) AS referral_count,
    f.avg_satisfaction,
    f.predicted_clv,
    f.predicted_clv_low,
    f.predicted_clv_high
  FROM segmented AS s
  LEFT JOIN (
    FROM ${ident(features)}
    -- features without a Predict cell's columns: the CLV sums are NULL
    UNION ALL BY NAME
    SELECT ${CLV_COLUMNS.map((c) => `CAST(NULL AS DOUBLE) AS ${ident(c)}`).join(', ')} WHERE false
  ) AS f ON f.customer_id = CAST(s.customer_id AS VARCHAR)
),
grouped AS (
  SELECT
    GROUPING(segment) = 1 AS is_total,
    segment,
    count(*) AS customers,
    count(*) FILTER (WHERE buyer) AS buyers,
    sum(monetary) AS revenue,
    sum(frequency) AS orders,
    count(*) FILTER (WHERE buyer AND purchase_days >= 2) AS repeat_buyers,
    count(*) FILTER (WHERE buyer AND recency_days > ${num(churnDays)}) AS churned,
    avg(recency_days) FILTER (WHERE buyer) AS avg_recency_days,
    count(*) FILTER (WHERE complaint_count >= 1) AS complainers,
    sum(complaint_count) AS complaints,
    count(*) FILTER (WHERE referral_count >= 1) AS referrers,
    sum(referral_count) AS referrals,
    avg(avg_satisfaction) AS avg_satisfaction,
    sum(predicted_clv) AS predicted_clv,
    sum(predicted_clv_low) AS predicted_clv_low,
    sum(predicted_clv_high) AS predicted_clv_high
  FROM members
  GROUP BY GROUPING SETS ((segment), ())
),
total AS (
  SELECT customers, revenue, predicted_clv FROM grouped WHERE is_total
)
SELECT
  CASE WHEN g.is_total THEN ${str(localized(TOTAL_LABEL, lang))} ELSE g.segment END AS segment,
  g.is_total,
  g.customers,
  g.customers / t.customers AS customer_share,
  g.buyers,
  CAST(g.revenue AS DOUBLE) AS revenue,
  g.revenue / NULLIF(t.revenue, 0) AS revenue_share,
  CAST(g.orders AS BIGINT) AS orders,
  g.revenue / NULLIF(g.orders, 0) AS avg_order_value,
  g.orders / g.customers AS orders_per_customer,
  g.revenue / g.customers AS revenue_per_customer,
  g.repeat_buyers / NULLIF(g.buyers, 0) AS repurchase_rate,
  g.churned / NULLIF(g.buyers, 0) AS churn_rate,
  g.avg_recency_days,
  g.complainers / g.customers AS complaint_rate,
  g.complaints / g.customers AS complaints_per_customer,
  g.referrers / g.customers AS referral_rate,
  g.referrals / g.customers AS referrals_per_customer,
  g.avg_satisfaction,
  g.predicted_clv,
  g.predicted_clv / NULLIF(t.predicted_clv, 0) AS predicted_clv_share,
  g.predicted_clv_low,
  g.predicted_clv_high
FROM grouped AS g
CROSS JOIN total AS t
ORDER BY g.is_total, ${segmentRankSql('g.segment', options.order)}g.revenue DESC, g.segment`;
}
