import { ident, num } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

export interface ValueLoyaltyParams {
  /** Any numeric column of the features relation (monetary, or e.g. predicted_clv). */
  valueColumn: string;
  loyaltyMeasure: LoyaltyMeasure;
  /** Where an axis splits into low and high: buyers' median or mean, or the custom values. */
  split: 'median' | 'mean' | 'custom';
  valueCut: number;
  loyaltyCut: number;
  /** Prospects have no value or loyalty yet: leave them out, or show them as their own group. */
  prospects: 'exclude' | 'segment';
}

export type LoyaltyMeasure = 'frequency' | 'repurchase' | 'tenure';

const LOYALTY_SQL: Record<LoyaltyMeasure, string> = {
  frequency: 'CAST(frequency AS DOUBLE)',
  // share of purchase days that were repeat visits: 0 for one-day buyers, towards 1 for regulars
  repurchase: 'CAST(purchase_days - 1 AS DOUBLE) / NULLIF(purchase_days, 0)',
  tenure: 'CAST(tenure_days AS DOUBLE)',
};

function thresholdSql(p: ValueLoyaltyParams, axis: 'value' | 'loyalty'): string {
  if (p.split === 'custom') return num(axis === 'value' ? p.valueCut : p.loyaltyCut);
  const fn = p.split === 'median' ? 'median' : 'avg';
  return `${fn}(${axis}) FILTER (WHERE NOT is_prospect)`;
}

/**
 * The value-loyalty SELECT; `p` and `ctx` are already validated (model/presets/value-loyalty.ts).
 */
export function valueLoyaltySql(
  p: ValueLoyaltyParams,
  ctx: PresetContext,
  segments: SegmentLabel[],
): string {
  const keep = p.prospects === 'exclude' ? '\n  WHERE NOT a.is_prospect' : '';
  return `WITH
axes AS (
  SELECT
    customer_id,
    is_prospect,
    CAST(${ident(p.valueColumn.trim())} AS DOUBLE) AS value,
    ${LOYALTY_SQL[p.loyaltyMeasure]} AS loyalty,
    monetary
  FROM ${ident(ctx.features)}
),
thresholds AS (
  SELECT
    ${thresholdSql(p, 'value')} AS value_threshold,
    ${thresholdSql(p, 'loyalty')} AS loyalty_threshold${p.split === 'custom' ? '' : '\n  FROM axes'}
),
quadrants AS (
  SELECT
    a.customer_id,
    a.value,
    a.loyalty,
    a.monetary,
    t.value_threshold,
    t.loyalty_threshold,
    -- high means strictly above the threshold; a missing measure counts as low
    CASE
      WHEN a.is_prospect THEN 'prospect'
      WHEN a.value > t.value_threshold AND a.loyalty > t.loyalty_threshold THEN 'core'
      WHEN a.value > t.value_threshold THEN 'grow_loyalty'
      WHEN a.loyalty > t.loyalty_threshold THEN 'increase_spend'
      ELSE 'low_priority'
    END AS segment_key
  FROM axes AS a
  CROSS JOIN thresholds AS t${keep}
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  value,
  loyalty,
  value_threshold,
  loyalty_threshold,
  -- spend, for each quadrant's share of revenue
  monetary
FROM quadrants`;
}
