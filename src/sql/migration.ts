import { LocalizedError } from '../domain/localized-error';
import { requireDate } from './input-check';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { checkOrders, ordersSelectSql, type OrdersRelation } from './orders-relation';
import { date, num, str } from './quote';
import { relationCte, type Relation } from './relation';
import { segmentRankSql } from './segment-rank';

export interface MigrationOptions {
  /** Two or more as-of dates, YYYY-MM-DD, strictly increasing (one is enough for sizes). */
  dates: string[];
  /**
   * The segmentation recomputed as of a date (from orders before it, as features are):
   * SQL or a relation with `customer_id` and `segment`.
   */
  segmentsAsOf: (asOf: string) => string | Relation;
  lang: SqlLang;
  /** The preset's segment labels in rank order: rows follow it. */
  order?: readonly string[];
}

export interface TransitionOptions extends MigrationOptions {
  /** Raw orders, for the money that moves with the customers. */
  orders: OrdersRelation;
}

/** Source of customers not in the segmentation at the earlier date. */
export const NEW_LABEL = { en: 'New', zh: '新客户' };
/** Target of customers no longer in the segmentation at the later date. */
export const LEFT_LABEL = { en: 'Left', zh: '已退出' };

function checkDates(dates: unknown, min: number): string[] {
  if (!Array.isArray(dates) || dates.length < min) {
    throw new LocalizedError({
      en: `Choose at least ${min} dates to follow segments over time.`,
      zh: `请至少选择 ${min} 个日期来跟踪分群变化。`,
    });
  }
  const days = dates.map((d) => requireDate(d, 'as-of date', '分析日期'));
  for (let i = 1; i < days.length; i++) {
    if (days[i]! <= days[i - 1]!) {
      throw new LocalizedError({
        en: `The dates must increase: ${days[i]} comes after ${days[i - 1]}.`,
        zh: `日期必须递增：${days[i]} 排在 ${days[i - 1]} 之后。`,
      });
    }
  }
  return days;
}

function membershipCtes(options: MigrationOptions, min: number): string {
  const days = checkDates(options.dates, min);
  if (typeof options.segmentsAsOf !== 'function') {
    throw new LocalizedError({
      en: 'The segmentation to recompute at each date is missing.',
      zh: '缺少在各日期重新计算的分群。',
    });
  }
  const none = str(localized(NO_SEGMENT_LABEL, options.lang));
  const snapshots = days.map((d, i) => {
    const made = options.segmentsAsOf(d);
    return relationCte(`snapshot_${i}`, typeof made === 'string' ? { sql: made } : made);
  });
  const selects = days.map(
    (d, i) => `  SELECT ${date(d)} AS as_of, CAST(customer_id AS VARCHAR) AS customer_id,
    COALESCE(CAST(segment AS VARCHAR), ${none}) AS segment
  FROM snapshot_${num(i)}`,
  );
  return `${snapshots.join(',\n')},
membership AS (
${selects.join('\n  UNION ALL\n')}
)`;
}

/** SQL for every snapshot stacked: as_of (DATE), customer_id, segment. */
export function migrationMembershipSql(options: MigrationOptions): string {
  return `WITH
${membershipCtes(options, 1)}
SELECT * FROM membership
ORDER BY as_of, customer_id`;
}

/** SQL for segment sizes at each date: as_of, segment, customers, share (of that date). */
export function segmentSizesSql(options: MigrationOptions): string {
  return `WITH
${membershipCtes(options, 1)}
SELECT
  as_of,
  segment,
  count(*) AS customers,
  count(*) / sum(count(*)) OVER (PARTITION BY as_of) AS share
FROM membership
GROUP BY as_of, segment
ORDER BY as_of, ${segmentRankSql('segment', options.order)}segment`;
}

/**
 * SQL for the transitions between consecutive dates: from_date, to_date, from_segment,
 * to_segment, is_new (absent at from_date, shown as "New"), is_left (absent at to_date,
 * shown as "Left"), customers, row_share (of the from_segment's customers at from_date),
 * revenue_at_stake (what the movers had spent before from_date: their monetary as of the
 * earlier date) and revenue_between (what they spent from from_date to the day before
 * to_date).
 */
export function transitionsSql(options: TransitionOptions): string {
  checkOrders(options.orders);
  const days = checkDates(options.dates, 2);
  const pairs = days
    .slice(1)
    .map((d, i) => `(${date(days[i]!)}, ${date(d)})`)
    .join(', ');
  const side = (at: 'from_date' | 'to_date') =>
    `SELECT p.from_date, p.to_date, m.customer_id, m.segment
    FROM pairs AS p JOIN membership AS m ON m.as_of = p.${at}`;
  return `WITH
${membershipCtes(options, 2)},
pairs(from_date, to_date) AS (VALUES ${pairs}),
orders AS (
  ${ordersSelectSql(options.orders)}
),
moves AS (
  SELECT
    COALESCE(a.from_date, b.from_date) AS from_date,
    COALESCE(a.to_date, b.to_date) AS to_date,
    COALESCE(a.customer_id, b.customer_id) AS customer_id,
    a.customer_id IS NULL AS is_new,
    b.customer_id IS NULL AS is_left,
    COALESCE(a.segment, ${str(localized(NEW_LABEL, options.lang))}) AS from_segment,
    COALESCE(b.segment, ${str(localized(LEFT_LABEL, options.lang))}) AS to_segment
  FROM (${side('from_date')}) AS a
  FULL OUTER JOIN (${side('to_date')}) AS b
    ON a.from_date = b.from_date AND a.customer_id = b.customer_id
),
spend AS (
  SELECT
    p.from_date,
    o.customer_id,
    sum(o.amount) FILTER (WHERE o.order_date < p.from_date) AS spent_before,
    sum(o.amount) FILTER (WHERE o.order_date >= p.from_date) AS spent_between
  FROM pairs AS p
  JOIN orders AS o ON o.order_date < p.to_date
  GROUP BY p.from_date, o.customer_id
),
flows AS (
  SELECT
    m.from_date,
    m.to_date,
    m.from_segment,
    m.to_segment,
    m.is_new,
    m.is_left,
    count(*) AS customers,
    CAST(COALESCE(sum(s.spent_before), 0) AS DOUBLE) AS revenue_at_stake,
    CAST(COALESCE(sum(s.spent_between), 0) AS DOUBLE) AS revenue_between
  FROM moves AS m
  LEFT JOIN spend AS s ON s.from_date = m.from_date AND s.customer_id = m.customer_id
  GROUP BY ALL
)
SELECT
  from_date,
  to_date,
  from_segment,
  to_segment,
  is_new,
  is_left,
  customers,
  customers / sum(customers) OVER (PARTITION BY from_date, is_new, from_segment) AS row_share,
  revenue_at_stake,
  revenue_between
FROM flows
ORDER BY from_date, is_new, ${segmentRankSql('from_segment', options.order)}from_segment, is_left, ${segmentRankSql('to_segment', options.order)}to_segment`;
}
