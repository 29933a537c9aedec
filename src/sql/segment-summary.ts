import { ident } from './quote';
import { segmentRankSql } from './segment-rank';

/** Where a segmentation result's customers get their revenue (monetary value to date) from. */
export type RevenueSource =
  /** The result carries the features table's `monetary` itself (RFM, value tiers, V×L). */
  | { own: true }
  /** Looked up in this features table; customers missing there count with zero revenue. */
  | { features: string };

/** The sums of a Predict cell's CLV columns a summary adds (src/sql/join-predictions.ts). */
export const SEGMENT_CLV_COLUMNS = [
  'predicted_clv',
  'predicted_clv_low',
  'predicted_clv_high',
] as const;

/**
 * Customers and revenue per segment of a segmentation result, with shares, in `order` (the
 * preset's rank order of labels), segments outside it after, largest first. With
 * the result's own `monetary` there is no join with the features table: the summary of a
 * threshold change then costs a third as much. With `clvFeatures` (a features table a Predict
 * cell's columns are joined into) each segment also gets the sums of predicted_clv and of its
 * interval bounds over its scored customers (NULL when none is scored); the sums of the bounds
 * are wider than an interval of the sum would be.
 */
export function segmentSummarySql(
  result: string,
  revenue: RevenueSource,
  order?: readonly string[],
  clvFeatures?: string,
): string {
  const own = 'own' in revenue;
  const monetary = own ? 's.monetary' : 'f.monetary';
  const joins: string[] = [];
  if (!own) joins.push(`LEFT JOIN ${ident(revenue.features)} AS f USING (customer_id)`);
  const clvFrom =
    clvFeatures === undefined ? null : !own && clvFeatures === revenue.features ? 'f' : 'c';
  if (clvFeatures !== undefined && clvFrom === 'c') {
    joins.push(`LEFT JOIN ${ident(clvFeatures)} AS c USING (customer_id)`);
  }
  const clv = clvFrom
    ? SEGMENT_CLV_COLUMNS.map((c) => `,\n  sum(${clvFrom}.${ident(c)}) AS ${ident(c)}`).join('')
    : '';
  const join = joins.map((j) => `\n${j}`).join('');
  return `SELECT
  s.segment,
  count(*) AS customers,
  count(*) / sum(count(*)) OVER () AS customer_share,
  coalesce(sum(${monetary}), 0) AS revenue,
  coalesce(sum(${monetary}) / nullif(sum(sum(${monetary})) OVER (), 0), 0) AS revenue_share${clv}
FROM ${ident(result)} AS s${join}
GROUP BY s.segment
ORDER BY ${segmentRankSql('s.segment', order)}customers DESC, s.segment`;
}
