import { FALLBACK_CHURN_DAYS } from '../churn-days';
import { date, ident, num } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

export interface LifecycleParams {
  /** A customer whose first order is at most this many days old is new. */
  newDays: number;
  /** Orders needed to count as loyal. */
  loyalMinOrders: number;
  /** At risk once the silence exceeds this many times the customer's usual purchase interval. */
  riskFactor: number;
}

/** The lifecycle SELECT; `p` and `ctx` are already validated (model/presets/lifecycle.ts). */
export function lifecycleSql(
  p: LifecycleParams,
  ctx: PresetContext,
  segments: SegmentLabel[],
): string {
  const churn = num(ctx.churnDays ?? FALLBACK_CHURN_DAYS);
  return `WITH
rhythm AS (
  SELECT
    ${churn} AS churn_days,
    -- stands in for the interval of customers who bought on one day only
    median(avg_interpurchase_days) AS typical_interval_days
  FROM ${ident(ctx.features)}
),
staged AS (
  SELECT
    f.customer_id,
    f.is_prospect,
    f.frequency,
    f.recency_days,
    date_diff('day', f.first_order_date, ${date(ctx.asOf)}) AS days_since_first_order,
    COALESCE(f.avg_interpurchase_days, r.typical_interval_days) AS usual_interval_days,
    ${num(p.riskFactor)} * COALESCE(f.avg_interpurchase_days, r.typical_interval_days) AS risk_after_days,
    r.churn_days
  FROM ${ident(ctx.features)} AS f
  CROSS JOIN rhythm AS r
),
classified AS (
  SELECT
    *,
    -- precedence: potential, churned, at risk, new, loyal, active
    CASE
      WHEN is_prospect THEN 'potential'
      WHEN recency_days > churn_days THEN 'churned'
      WHEN recency_days > risk_after_days THEN 'at_risk'
      WHEN days_since_first_order <= ${num(p.newDays)} THEN 'new'
      WHEN frequency >= ${num(p.loyalMinOrders)} THEN 'loyal'
      ELSE 'active'
    END AS segment_key
  FROM staged
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  recency_days,
  frequency,
  days_since_first_order,
  usual_interval_days,
  risk_after_days,
  churn_days
FROM classified`;
}
