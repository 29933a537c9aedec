import { ident, num } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

export interface NeedsParams {
  /** Price-sensitive: at least this share of orders used a discount. */
  discountShareMin: number;
  /** Quality-sensitive by a percentile of buyers' average unit price, or by a fixed price. */
  qualityCut: 'percentile' | 'absolute';
  /** Quality-sensitive: average unit price at or above this percentile of buyers ... */
  qualityPercentile: number;
  /** ... or at or above this unit price (`qualityCut` absolute). */
  qualityMin: number;
  /** Brand-loyal: at least this share of purchases from one brand ... */
  brandShareMin: number;
  /** ... over at least this many orders. */
  brandMinOrders: number;
  precedence: NeedPrecedence;
}

export type Need = 'price' | 'brand' | 'quality';

/** Which need wins when a customer shows several, highest first, e.g. `price>brand>quality`. */
export type NeedPrecedence = `${Need}>${Need}>${Need}`;

const FLAG: Record<Need, string> = {
  price: 'is_price_sensitive',
  brand: 'is_brand_loyal',
  quality: 'is_quality_sensitive',
};

/** The needs SELECT; `p` and `ctx` are already validated (model/presets/needs.ts). */
export function needsSql(p: NeedsParams, ctx: PresetContext, segments: SegmentLabel[]): string {
  const order = p.precedence.split('>') as Need[];
  const threshold =
    p.qualityCut === 'absolute'
      ? `    ${num(p.qualityMin)} AS quality_price_threshold`
      : `    quantile_cont(avg_unit_price, ${num(p.qualityPercentile)}) FILTER (WHERE NOT is_prospect) AS quality_price_threshold
  FROM ${ident(ctx.features)}`;
  return `WITH
thresholds AS (
  SELECT
${threshold}
),
flagged AS (
  SELECT
    f.customer_id,
    f.is_prospect,
    f.frequency,
    f.discount_share,
    f.avg_unit_price,
    f.top_brand_share,
    t.quality_price_threshold,
    -- a missing measure (say no discount column mapped) never shows a need
    COALESCE(f.discount_share >= ${num(p.discountShareMin)}, FALSE) AS is_price_sensitive,
    COALESCE(f.top_brand_share >= ${num(p.brandShareMin)} AND f.frequency >= ${num(p.brandMinOrders)}, FALSE) AS is_brand_loyal,
    COALESCE(f.avg_unit_price >= t.quality_price_threshold, FALSE) AS is_quality_sensitive
  FROM ${ident(ctx.features)} AS f
  CROSS JOIN thresholds AS t
),
classified AS (
  SELECT
    *,
    -- precedence: ${order.join(' > ')}
    CASE
      WHEN is_prospect THEN 'prospect'
${order.map((n) => `      WHEN ${FLAG[n]} THEN '${n}'`).join('\n')}
      ELSE 'none'
    END AS segment_key
  FROM flagged
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  discount_share,
  avg_unit_price,
  top_brand_share,
  frequency,
  quality_price_threshold,
  is_price_sensitive,
  is_brand_loyal,
  is_quality_sensitive
FROM classified`;
}
