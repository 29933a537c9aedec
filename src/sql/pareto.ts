import { LocalizedError } from '../domain/localized-error';
import { requireInteger, requireName } from './input-check';
import { ident, num } from './quote';

export interface ParetoOptions {
  /** The per-customer features table or view. */
  features: string;
  /** Count customers without orders too (as spending 0). Default: buyers only. */
  includeProspects?: boolean;
}

export interface ParetoCurveOptions extends ParetoOptions {
  /** At most this many points, the origin included (default 200, at least 2). */
  maxPoints?: number;
}

export interface GiniOptions extends ParetoOptions {
  /** The share of customers whose revenue share `top_share` reports (default 0.2: "top 20%"). */
  topFraction?: number;
}

/**
 * Per-customer spend: monetary, NULL as 0 and a net negative (refunds) as 0, since shares of
 * a total are only meaningful for non-negative parts.
 */
function spendCte(options: ParetoOptions): string {
  requireName(options.features, 'features table', '特征表');
  const where = options.includeProspects ? '' : '\n  WHERE COALESCE(frequency, 0) > 0';
  return `spend AS (
  SELECT customer_id, GREATEST(COALESCE(monetary, 0), 0) AS x
  FROM ${ident(options.features)}${where}
)`;
}

/**
 * SQL for the Pareto (concentration) curve: customers sorted by spend, highest first; each
 * point is (share of customers so far, share of revenue so far), starting at (0, 0) and ending
 * at (1, 1). With n customers and P = maxPoints, the k-th customer is kept when
 * floor(k(P-1)/n) steps up, i.e. min(n, P-1) evenly spaced customers, the last always kept.
 * Columns: customer_rank, customer_share, revenue_share (NULL when all spend is 0).
 */
export function paretoCurveSql(options: ParetoCurveOptions): string {
  const points = requireInteger(options.maxPoints ?? 200, 2, 10_000, 'number of points', '点数');
  const step = num(points - 1);
  return `WITH
${spendCte(options)},
ranked AS (
  SELECT
    row_number() OVER w AS k,
    count(*) OVER () AS n,
    sum(x) OVER (w ROWS UNBOUNDED PRECEDING) AS running,
    sum(x) OVER () AS total
  FROM spend
  WINDOW w AS (ORDER BY x DESC, customer_id)
)
SELECT 0 AS customer_rank, 0.0 AS customer_share, 0.0 AS revenue_share
WHERE EXISTS (SELECT 1 FROM spend)
UNION ALL
SELECT
  k AS customer_rank,
  k / n AS customer_share,
  running / NULLIF(total, 0) AS revenue_share
FROM ranked
WHERE (k * ${step}) // n > ((k - 1) * ${step}) // n
ORDER BY customer_rank`;
}

/**
 * SQL for one row: customers, revenue, gini and top_share.
 *
 * gini = sum_i sum_j |x_i - x_j| / (2 n^2 mean), computed in its sorted form
 * 2 * sum_i i * x_(i) / (n * sum x) - (n + 1) / n with x ascending and i = 1..n (the two are
 * equal). 0 when everyone spends the same, (n - 1) / n when one customer spends everything;
 * NULL without customers or spend.
 *
 * top_share = revenue share of the ceil(topFraction * n) highest spenders.
 */
export function giniSql(options: GiniOptions): string {
  const top = options.topFraction ?? 0.2;
  if (typeof top !== 'number' || !(top > 0 && top <= 1)) {
    throw new LocalizedError({
      en: `The top share of customers must be above 0 and at most 1, not ${String(top)}.`,
      zh: `头部客户比例必须大于 0 且不超过 1，而不是 ${String(top)}。`,
    });
  }
  return `WITH
${spendCte(options)},
ranked AS (
  SELECT
    x,
    row_number() OVER (ORDER BY x, customer_id) AS i,
    count(*) OVER () AS n
  FROM spend
)
SELECT
  count(*) AS customers,
  COALESCE(sum(x), 0) AS revenue,
  2 * sum(i * x) / (count(*) * NULLIF(sum(x), 0)) - (count(*) + 1) / count(*) AS gini,
  sum(x) FILTER (WHERE n - i + 1 <= ceil(round(${num(top)} * n, 9))) / NULLIF(sum(x), 0) AS top_share
FROM ranked`;
}
