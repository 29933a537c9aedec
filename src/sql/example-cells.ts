import { str } from './quote';

// The SQL cells of the example notebook (model/example-notebook.ts), on the sample data's
// tables (orders, customers) and the cells' own results (customer_rfm, rfm_segments,
// lifecycle_segments). Users read and edit them, so they are written by hand.

/** Revenue per month, drawn as a line. */
export function monthlyRevenueSql(): string {
  return `SELECT
  date_trunc('month', order_datetime)::DATE AS month,
  count(*) AS orders,
  round(sum(amount), 2) AS revenue
FROM orders
GROUP BY ALL
ORDER BY month`;
}

/** Recency, frequency and monetary value per customer, as of the day after the last order. */
export function customerRfmSql(): string {
  return `WITH as_of AS (SELECT max(order_datetime)::DATE + 1 AS day FROM orders)
SELECT
  c.customer_id,
  c.province,
  date_diff('day', max(o.order_datetime)::DATE, any_value(as_of.day)) AS recency_days,
  count(o.order_id) AS frequency,
  coalesce(round(sum(o.amount), 2), 0) AS monetary
FROM customers AS c
LEFT JOIN orders AS o USING (customer_id)
CROSS JOIN as_of
GROUP BY ALL
ORDER BY monetary DESC, customer_id`;
}

/**
 * The value tiers preset's default grouping written as SQL, from `customer_rfm`;
 * `tierLabels`: VIP, important, ordinary, potential in the notebook's language.
 */
export function valueTiersCellSql(tierLabels: readonly string[]): string {
  return `WITH ranked AS (
  -- share of buyers who spent strictly more: tied customers share a tier
  SELECT customer_id, (rank() OVER (ORDER BY monetary DESC) - 1) / count(*) OVER () AS buyers_before
  FROM customer_rfm
  WHERE frequency > 0
),
tiered AS (
  SELECT
    c.monetary,
    CASE
      WHEN r.buyers_before IS NULL THEN 4 -- no orders
      WHEN r.buyers_before < 0.1 THEN 1 -- top 10% of buyers
      WHEN r.buyers_before < 0.3 THEN 2 -- next 20%
      ELSE 3
    END AS tier
  FROM customer_rfm AS c
  LEFT JOIN ranked AS r USING (customer_id)
)
SELECT
  [${tierLabels.map(str).join(', ')}][tier] AS segment,
  count(*) AS customers,
  round(sum(monetary), 2) AS revenue,
  round(100 * sum(monetary) / sum(sum(monetary)) OVER (), 1) AS revenue_share_pct
FROM tiered
GROUP BY tier
ORDER BY tier`;
}

/** Customers per RFM segment × lifecycle stage, rows and columns in each preset's rank order. */
export function rfmByLifecycleSql(rfm: readonly string[], lifecycle: readonly string[]): string {
  return `PIVOT (
  SELECT r.segment AS rfm_segment, l.segment AS lifecycle
  FROM rfm_segments AS r
  JOIN lifecycle_segments AS l USING (customer_id)
)
ON lifecycle IN (${lifecycle.map(str).join(', ')})
USING count(*)
ORDER BY list_position([${rfm.map(str).join(', ')}], rfm_segment)`;
}
