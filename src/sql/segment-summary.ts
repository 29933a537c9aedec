import { ident } from './quote';

/**
 * Customers and revenue per segment of a segmentation result, with shares, largest first.
 * `features` supplies monetary value; customers missing there count with zero revenue.
 */
export function segmentSummarySql(result: string, features: string): string {
  return `SELECT
  s.segment,
  count(*) AS customers,
  count(*) / sum(count(*)) OVER () AS customer_share,
  coalesce(sum(f.monetary), 0) AS revenue,
  coalesce(sum(f.monetary) / nullif(sum(sum(f.monetary)) OVER (), 0), 0) AS revenue_share
FROM ${ident(result)} AS s
LEFT JOIN ${ident(features)} AS f USING (customer_id)
GROUP BY s.segment
ORDER BY customers DESC, s.segment`;
}
