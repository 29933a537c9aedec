import { ident, num } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

export interface PurchaseBehaviourParams {
  /** High frequency from a percentile of buyers' order counts, or from a fixed count. */
  frequencyCut: 'percentile' | 'absolute';
  frequencyPercentile: number;
  frequencyMin: number;
  /** Which order value makes a big-ticket buyer. */
  ticketMeasure: 'avg_order_value' | 'max_order_value';
  /** Big ticket from a percentile of buyers' order values, or from a fixed amount. */
  ticketCut: 'percentile' | 'absolute';
  ticketPercentile: number;
  ticketMin: number;
}

/**
 * The purchase-behaviour SELECT; `p` and `ctx` are already validated (model/presets/purchase-
 * behaviour.ts).
 */
export function purchaseBehaviourSql(
  p: PurchaseBehaviourParams,
  ctx: PresetContext,
  segments: SegmentLabel[],
): string {
  const ticket = ident(p.ticketMeasure);
  const frequencyThreshold =
    p.frequencyCut === 'percentile'
      ? `GREATEST(2, quantile_cont(frequency, ${num(p.frequencyPercentile)}) FILTER (WHERE NOT is_prospect))`
      : num(p.frequencyMin);
  const ticketThreshold =
    p.ticketCut === 'absolute'
      ? num(p.ticketMin)
      : `quantile_cont(${ticket}, ${num(p.ticketPercentile)}) FILTER (WHERE NOT is_prospect)`;
  return `WITH
thresholds AS (
  SELECT
    -- one order is never high frequency, however many customers ordered only once
    ${frequencyThreshold} AS frequency_threshold,
    ${ticketThreshold} AS ticket_threshold
  FROM ${ident(ctx.features)}
),
flagged AS (
  SELECT
    f.customer_id,
    f.is_prospect,
    f.frequency,
    f.${ticket} AS ticket_value,
    t.frequency_threshold,
    t.ticket_threshold,
    f.frequency >= t.frequency_threshold AS is_high_frequency,
    COALESCE(f.${ticket} >= t.ticket_threshold, FALSE) AS is_big_ticket
  FROM ${ident(ctx.features)} AS f
  CROSS JOIN thresholds AS t
),
classified AS (
  SELECT
    *,
    CASE
      WHEN is_prospect THEN 'prospect'
      WHEN is_high_frequency AND is_big_ticket THEN 'frequent_big'
      WHEN is_high_frequency THEN 'frequent'
      WHEN is_big_ticket THEN 'occasional_big'
      ELSE 'occasional'
    END AS segment_key
  FROM flagged
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  frequency,
  ticket_value,
  frequency_threshold,
  ticket_threshold,
  is_high_frequency,
  is_big_ticket
FROM classified`;
}
