import { requireDate } from './input-check';
import { checkOrders, ordersSelectSql, type OrdersRelation } from './orders-relation';
import { date, num } from './quote';

/** Used when nobody bought on two different days, so no gap between purchases can be measured. */
export const FALLBACK_CHURN_DAYS = 365;

/** What `churnDaysSql` found: the threshold (null: no gap), the gaps, the share shorter. */
export interface DerivedChurn {
  days: number | null;
  gaps: number;
  shorterShare: number | null;
}

/** The share of repeat-purchase gaps the derived churn threshold is at least as long as. */
export const CHURN_GAP_SHARE = 0.9;

/**
 * The data's own churn threshold: every gap between a customer's consecutive purchase days
 * before `asOf`, its `CHURN_GAP_SHARE` quantile rounded UP to a number people say (whole weeks
 * under 30 days, whole 30-day months up to a year, whole quarters beyond), and the share of
 * gaps shorter than that. One row: gaps, quantile_days, churn_days, shorter_share; churn_days
 * NULL when there is no gap.
 */
export function churnDaysSql(orders: OrdersRelation, asOf: string): string {
  checkOrders(orders);
  const day = date(requireDate(asOf, 'analysis date', '分析日期'));
  return `WITH
days AS (
  SELECT DISTINCT customer_id, order_date
  FROM (
  ${ordersSelectSql(orders)}
  )
  WHERE order_date < ${day}
),
gaps AS (
  SELECT date_diff('day', lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date), order_date) AS gap
  FROM days
  QUALIFY gap IS NOT NULL
),
q AS (
  SELECT count(*) AS gaps, quantile_cont(gap, ${num(CHURN_GAP_SHARE)}) AS quantile_days FROM gaps
),
rounded AS (
  SELECT
    gaps,
    quantile_days,
    CAST(CASE
      WHEN quantile_days IS NULL THEN NULL
      WHEN quantile_days <= 28 THEN greatest(7, ceil(quantile_days / 7) * 7)
      WHEN quantile_days <= 360 THEN ceil(quantile_days / 30) * 30
      ELSE ceil(quantile_days / 90) * 90
    END AS INTEGER) AS churn_days
  FROM q
)
SELECT
  r.gaps,
  r.quantile_days,
  r.churn_days,
  (SELECT count(*) FILTER (WHERE gap < r.churn_days) FROM gaps) / NULLIF(r.gaps, 0) AS shorter_share
FROM rounded AS r`;
}
