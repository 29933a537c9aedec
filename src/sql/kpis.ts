import { requireName } from './input-check';
import { ident } from './quote';

export interface KpiOptions {
  /** The orders table or view: one row per order. */
  orders: string;
  customerId?: string;
  amount?: string;
}

/**
 * SQL for the headline row a client reads first, over the orders: `customers` (who ordered),
 * `revenue` (sum of amounts), `repeat_rate` (share of those customers with two orders or more)
 * and `top20_share` (revenue share of the ceil(20% of customers) highest spenders, each
 * customer's net spend counted from 0 up, as in pareto.ts). Orders without a customer are left
 * out of all four.
 */
export function kpiSql(options: KpiOptions): string {
  const orders = ident(requireName(options.orders, 'orders table', '订单表'));
  const customer = ident(options.customerId ?? 'customer_id');
  const amount = ident(options.amount ?? 'amount');
  return `WITH per_customer AS (
  SELECT ${customer} AS customer_id, count(*) AS orders, COALESCE(sum(${amount}), 0) AS spend
  FROM ${orders}
  WHERE ${customer} IS NOT NULL
  GROUP BY ALL
),
ranked AS (
  SELECT
    GREATEST(spend, 0) AS x,
    row_number() OVER (ORDER BY GREATEST(spend, 0) DESC, customer_id) AS k,
    count(*) OVER () AS n
  FROM per_customer
)
SELECT
  (SELECT count(*) FROM per_customer) AS customers,
  (SELECT sum(spend) FROM per_customer) AS revenue,
  (SELECT avg(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) FROM per_customer) AS repeat_rate,
  (SELECT sum(x) FILTER (WHERE k <= ceil(round(0.2 * n, 9))) / NULLIF(sum(x), 0) FROM ranked)
    AS top20_share`;
}
