import { ident } from './quote';
import { segmentRankSql } from './segment-rank';

/** Where a segmentation result's customers get their revenue (monetary value to date) from. */
export type RevenueSource =
  /** The result carries the features table's `monetary` itself (RFM, value tiers, V×L). */
  | { own: true }
  /** Looked up in this features table; customers missing there count with zero revenue. */
  | { features: string };

/**
 * Customers and revenue per segment of a segmentation result, with shares, in `order` (the
 * preset's rank order of labels), segments outside it after, largest first. With
 * the result's own `monetary` there is no join with the features table: the summary of a
 * threshold change then costs a third as much.
 */
export function segmentSummarySql(
  result: string,
  revenue: RevenueSource,
  order?: readonly string[],
): string {
  const own = 'own' in revenue;
  const monetary = own ? 's.monetary' : 'f.monetary';
  const join = own ? '' : `\nLEFT JOIN ${ident(revenue.features)} AS f USING (customer_id)`;
  return `SELECT
  s.segment,
  count(*) AS customers,
  count(*) / sum(count(*)) OVER () AS customer_share,
  coalesce(sum(${monetary}), 0) AS revenue,
  coalesce(sum(${monetary}) / nullif(sum(sum(${monetary})) OVER (), 0), 0) AS revenue_share
FROM ${ident(result)} AS s${join}
GROUP BY s.segment
ORDER BY ${segmentRankSql('s.segment', order)}customers DESC, s.segment`;
}
