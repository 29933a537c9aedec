import { LocalizedError } from '../domain/localized-error';
import { requireDate, requireInteger } from './input-check';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import {
  checkOrders,
  orderCountSql,
  ordersSelectSql,
  type OrdersRelation,
} from './orders-relation';
import { date, num, str } from './quote';
import { relationCte, relationSql, type Relation } from './relation';
import { segmentRankSql } from './segment-rank';

/**
 * The evaluation window. A segmentation "as of T" sees orders strictly before T (as
 * src/sql/features.ts does), so the future starts ON T: the window is the `horizonDays`
 * days T <= order date < T + horizonDays. (Starting the day after T would let orders placed
 * on T fall in neither the past nor the future.)
 */
export interface BacktestWindow {
  orders: OrdersRelation;
  /** The segmentation's as-of date, YYYY-MM-DD. */
  cutoff: string;
  horizonDays: number;
}

export interface BacktestOptions extends BacktestWindow {
  /** The segmentation computed as of `cutoff`: `customer_id`, `segment`. */
  segments: Relation;
  lang: SqlLang;
  /** The preset's segment labels in rank order: rows follow it. */
  order?: readonly string[];
}

export interface SeparationOptions extends BacktestWindow {
  /** Two or more segmentations of the same customers, e.g. two presets as of `cutoff`. */
  segmentations: { name: string; segments: Relation }[];
}

export const ALL_CUSTOMERS_LABEL = { en: 'All customers', zh: '全部客户' };

function windowCtes(w: BacktestWindow): string {
  checkOrders(w.orders);
  const start = date(requireDate(w.cutoff, 'cut-off date', '回测基准日'));
  const days = num(requireInteger(w.horizonDays, 1, 36_500, 'horizon (days)', '观察期（天）'));
  return `orders AS (
  ${ordersSelectSql(w.orders)}
),
future AS (
  SELECT customer_id, ${orderCountSql(w.orders)} AS orders, sum(amount) AS revenue
  FROM orders
  WHERE order_date >= ${start} AND order_date < ${start} + ${days}
  GROUP BY customer_id
)`;
}

/**
 * SQL measuring, per segment of a segmentation as of the cut-off, what its members did in the
 * window (see `BacktestWindow`): customers; retained = members with at least one order in the
 * window (for members who had never bought this is conversion, the same measure); their
 * share (retention_rate); orders and revenue in the window, in total and per member; and lift
 * = the segment's revenue per member / revenue per member of all members. A last `is_total`
 * row covers all members (lift 1). Ordered by lift, highest first.
 */
export function backtestSql(options: BacktestOptions): string {
  const none = str(localized(NO_SEGMENT_LABEL, options.lang));
  const all = str(localized(ALL_CUSTOMERS_LABEL, options.lang));
  return `WITH
${relationCte('segmented', options.segments)},
${windowCtes(options)},
members AS (
  SELECT
    COALESCE(CAST(s.segment AS VARCHAR), ${none}) AS segment,
    f.customer_id IS NOT NULL AS retained,
    COALESCE(f.orders, 0) AS orders,
    COALESCE(f.revenue, 0) AS revenue
  FROM segmented AS s
  LEFT JOIN future AS f ON f.customer_id = CAST(s.customer_id AS VARCHAR)
),
grouped AS (
  SELECT
    GROUPING(segment) = 1 AS is_total,
    segment,
    count(*) AS customers,
    count(*) FILTER (WHERE retained) AS retained,
    sum(orders) AS orders,
    sum(revenue) AS revenue
  FROM members
  GROUP BY GROUPING SETS ((segment), ())
)
SELECT
  CASE WHEN g.is_total THEN ${all} ELSE g.segment END AS segment,
  g.is_total,
  g.customers,
  g.retained,
  g.retained / g.customers AS retention_rate,
  CAST(g.orders AS BIGINT) AS orders,
  g.orders / g.customers AS orders_per_customer,
  CAST(g.revenue AS DOUBLE) AS revenue,
  g.revenue / g.customers AS revenue_per_customer,
  (g.revenue / g.customers) / NULLIF(t.revenue / t.customers, 0) AS lift
FROM grouped AS g
CROSS JOIN (SELECT customers, revenue FROM grouped WHERE is_total) AS t
ORDER BY g.is_total, ${segmentRankSql('g.segment', options.order)}lift DESC NULLS LAST, g.segment`;
}

/**
 * SQL comparing how well segmentations separate future value, one row per segmentation (in
 * the given order): customers, segments, and eta squared of window revenue and of retention
 * (0/1) by segment:
 *
 *   eta² = sum_g n_g (mean_g - mean)² / sum_i (y_i - mean)²
 *
 * the between-segment sum of squares over the total sum of squares, i.e. the
 * customer-weighted variance of the segment means over the variance of the customers. 0: the
 * segments do not differ in the future at all; 1: every segment is uniform inside. NULL when
 * every customer has the same outcome. More segments can only raise it, so compare
 * segmentations with similar numbers of segments.
 */
export function separationSql(options: SeparationOptions): string {
  const list = options.segmentations;
  if (!Array.isArray(list) || list.length === 0) {
    throw new LocalizedError({
      en: 'Choose at least one segmentation to compare.',
      zh: '请至少选择一个分群结果进行比较。',
    });
  }
  const names = list.map((s) => s.name);
  if (names.some((n) => typeof n !== 'string' || n.trim() === '')) {
    throw new LocalizedError({
      en: 'Each segmentation needs a name.',
      zh: '每个分群结果都需要名称。',
    });
  }
  if (new Set(names).size !== names.length) {
    throw new LocalizedError({
      en: 'Two segmentations have the same name.',
      zh: '有两个分群结果同名。',
    });
  }
  const members = list.map(
    (s, i) => `  SELECT ${num(i)} AS ordinal, ${str(s.name)} AS segmentation,
    CAST(customer_id AS VARCHAR) AS customer_id, CAST(segment AS VARCHAR) AS segment
  FROM (
${relationSql(s.segments)}
  )`,
  );
  return `WITH
${windowCtes(options)},
members AS (
${members.join('\n  UNION ALL\n')}
),
outcomes AS (
  SELECT
    m.ordinal,
    m.segmentation,
    m.segment,
    COALESCE(f.revenue, 0) AS revenue,
    CASE WHEN f.customer_id IS NULL THEN 0.0 ELSE 1.0 END AS retained
  FROM members AS m
  LEFT JOIN future AS f ON f.customer_id = m.customer_id
),
overall AS (
  SELECT
    ordinal,
    segmentation,
    count(*) AS customers,
    avg(revenue) AS mean_revenue,
    avg(retained) AS mean_retained,
    var_pop(revenue) * count(*) AS ss_revenue,
    var_pop(retained) * count(*) AS ss_retained
  FROM outcomes
  GROUP BY ordinal, segmentation
),
groups AS (
  SELECT ordinal, segment, count(*) AS n, avg(revenue) AS revenue, avg(retained) AS retained
  FROM outcomes
  GROUP BY ordinal, segment
)
SELECT
  o.segmentation,
  o.customers,
  count(*) AS segments,
  sum(g.n * (g.revenue - o.mean_revenue) ^ 2) / NULLIF(o.ss_revenue, 0) AS eta_squared_revenue,
  sum(g.n * (g.retained - o.mean_retained) ^ 2) / NULLIF(o.ss_retained, 0)
    AS eta_squared_retention
FROM overall AS o
JOIN groups AS g ON g.ordinal = o.ordinal
GROUP BY o.ordinal, o.segmentation, o.customers, o.ss_revenue, o.ss_retained
ORDER BY o.ordinal`;
}
