import { FALLBACK_CHURN_DAYS } from '../churn-days';
import { ident, num } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

export interface ChurnRiskParams {
  /** P(alive) below this is high risk. */
  highRiskBelow: number;
  /** P(alive) at or above this is likely active; in between is "watch". */
  likelyActiveFrom: number;
}

/** The churn-risk SELECT; `p` and `ctx` are already validated (model/presets/churn-risk.ts). */
export function churnRiskSql(
  p: ChurnRiskParams,
  ctx: PresetContext,
  segments: SegmentLabel[],
): string {
  const churn = num(ctx.churnDays ?? FALLBACK_CHURN_DAYS);
  return `WITH
scored AS (
  SELECT customer_id, is_prospect, purchase_days, recency_days, CAST(p_alive AS DOUBLE) AS p_alive
  FROM (
    FROM ${ident(ctx.features)}
    -- features from before any Predict cell lack p_alive: then every buyer is not scored
    UNION ALL BY NAME
    SELECT CAST(NULL AS DOUBLE) AS p_alive WHERE false
  )
),
classified AS (
  SELECT
    customer_id,
    p_alive,
    ${num(p.highRiskBelow)} AS high_risk_below,
    ${num(p.likelyActiveFrom)} AS likely_active_from,
    ${churn} AS churn_days,
    CASE
      WHEN is_prospect THEN 'prospect'
      -- BG/NBD gives a one-day buyer P(alive) = 1 by construction: recency decides instead
      WHEN purchase_days <= 1 AND recency_days > ${churn} THEN 'one_time_lapsed'
      WHEN purchase_days <= 1 THEN 'one_time_recent'
      WHEN p_alive IS NULL OR isnan(p_alive) THEN 'not_scored'
      WHEN p_alive < ${num(p.highRiskBelow)} THEN 'high_risk'
      WHEN p_alive < ${num(p.likelyActiveFrom)} THEN 'watch'
      ELSE 'likely_active'
    END AS segment_key
  FROM scored
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  p_alive,
  high_risk_below,
  likely_active_from,
  churn_days
FROM classified`;
}
