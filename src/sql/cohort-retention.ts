import { LocalizedError } from '../domain/localized-error';
import { requireInteger } from './input-check';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { checkOrders, ordersSelectSql, type OrdersRelation } from './orders-relation';
import { num, str } from './quote';
import { relationCte, type Relation } from './relation';

export const COHORT_PERIODS = ['month', 'week', 'quarter'] as const;
export type CohortPeriod = (typeof COHORT_PERIODS)[number];

export interface CohortOptions {
  orders: OrdersRelation;
  /** The calendar unit of cohorts and of the periods since: weeks start on Monday (ISO). */
  period: CohortPeriod;
  /** Only the customers of one segment (their whole history); all customers when absent. */
  segment?: { segments: Relation; label: string };
  /**
   * Only cohorts that first bought in the last this many periods (the data's last included): the
   * grid of weekly cohorts grows as a square. A window rather than a count, so a segment with
   * few new customers still gives at most this many periods since.
   */
  lastPeriods?: number;
  /** Names customers without a segment, as the other evaluations do. */
  lang: SqlLang;
}

/** The columns of a `cohortRetentionSql` row. */
export interface CohortRow {
  /** The cohort's first day (a Date at UTC midnight from the engine). */
  cohort: Date | string;
  cohort_size: number;
  /** Periods since the cohort's, 0 for the cohort's own. */
  period: number;
  period_start: Date | string;
  active: number;
  active_share: number;
  revenue: number;
  /** Revenue in the period / revenue in period 0; null when period 0 brought no money. */
  revenue_retained: number | null;
  /** The period holds the data's last day but ends after it: it is not over. */
  partial: boolean;
  /** All cohorts, before `lastPeriods` kept the latest. */
  cohort_count: number;
}

/** Each period as a whole number counting up from 1970, and the first day of number `i`. */
const INDEX: Record<CohortPeriod, { of: (d: string) => string; start: (i: string) => string }> = {
  month: {
    of: (d) => `(year(${d}) * 12 + month(${d}) - 1)`,
    start: (i) => `make_date(${i} // 12, ${i} % 12 + 1, 1)`,
  },
  quarter: {
    of: (d) => `(year(${d}) * 4 + quarter(${d}) - 1)`,
    start: (i) => `make_date(${i} // 4, ${i} % 4 * 3 + 1, 1)`,
  },
  // 1970-01-05 is a Monday; date_trunc('week') gives the ISO week's Monday.
  week: {
    of: (d) => `((CAST(date_trunc('week', ${d}) AS DATE) - DATE '1970-01-05') // 7)`,
    start: (i) => `(DATE '1970-01-05' + CAST(${i} * 7 AS INTEGER))`,
  },
};

function checkPeriod(period: unknown): CohortPeriod {
  if (!COHORT_PERIODS.includes(period as CohortPeriod)) {
    throw new LocalizedError({
      en: `Cohorts are by month, week or quarter, not "${String(period)}".`,
      zh: `同期群只能按月、周或季度划分，而不是“${String(period)}”。`,
    });
  }
  return period as CohortPeriod;
}

function membersCtes(segment: CohortOptions['segment'], lang: SqlLang): string {
  if (!segment) return '';
  if (typeof segment.label !== 'string' || segment.label === '') {
    throw new LocalizedError({ en: 'Choose a segment.', zh: '请选择一个分群。' });
  }
  const none = str(localized(NO_SEGMENT_LABEL, lang));
  return `${relationCte('segmented', segment.segments)},
members AS (
  SELECT DISTINCT CAST(customer_id AS VARCHAR) AS customer_id
  FROM segmented
  WHERE COALESCE(CAST(segment AS VARCHAR), ${none}) = ${str(segment.label)}
),
`;
}

/**
 * SQL for the classic cohort table: customers grouped by the period of their first purchase
 * (an order with a positive amount), and for each period since, how many of them bought again
 * (`active`, and its share of the cohort) and their revenue there, net of returns and
 * cancellations (negative amounts), also as a share of the cohort's revenue in period 0
 * (`revenue_retained`). A period with no purchase counts 0; periods after the data's last day
 * (over all customers, not only the segment's) are absent, so the latest cohort has only period 0.
 * Ordered by cohort, then period.
 */
export function cohortRetentionSql(options: CohortOptions): string {
  checkOrders(options.orders);
  const { of, start } = INDEX[checkPeriod(options.period)];
  const keep =
    options.lastPeriods === undefined
      ? ''
      : `WHERE cohort_index > (SELECT last_index FROM span) - ${num(
          requireInteger(options.lastPeriods, 1, 10_000, 'number of periods', '期数'),
        )}`;
  const members = options.segment ? 'JOIN members AS m ON m.customer_id = o.customer_id' : '';
  return `WITH
${membersCtes(options.segment, options.lang)}orders AS (
  ${ordersSelectSql(options.orders)}
),
span AS (
  SELECT max(order_date) AS last_day, ${of('max(order_date)')} AS last_index FROM orders
),
dated AS (
  SELECT o.customer_id, ${of('o.order_date')} AS period_index, o.amount
  FROM orders AS o ${members}
),
firsts AS (
  SELECT customer_id, min(period_index) AS cohort_index
  FROM dated WHERE amount > 0 GROUP BY customer_id
),
sizes AS (
  SELECT cohort_index, count(*) AS cohort_size, count(*) OVER () AS cohort_count
  FROM firsts GROUP BY cohort_index
),
kept AS (
  SELECT * FROM sizes ${keep}
),
grid AS (
  SELECT k.*, p.period
  FROM kept AS k, span AS s, generate_series(0, s.last_index - k.cohort_index) AS p(period)
),
activity AS (
  SELECT f.cohort_index, d.period_index - f.cohort_index AS period,
    bool_or(d.amount > 0) AS bought, sum(d.amount) AS revenue
  FROM dated AS d JOIN firsts AS f ON f.customer_id = d.customer_id
  WHERE d.period_index >= f.cohort_index
  GROUP BY f.cohort_index, period, d.customer_id
),
cells AS (
  SELECT cohort_index, period, count(*) FILTER (WHERE bought) AS active, sum(revenue) AS revenue
  FROM activity GROUP BY cohort_index, period
),
filled AS (
  SELECT g.cohort_index, g.cohort_size, g.cohort_count, g.period,
    COALESCE(c.active, 0) AS active, COALESCE(c.revenue, 0) AS revenue
  FROM grid AS g
  LEFT JOIN cells AS c ON c.cohort_index = g.cohort_index AND c.period = g.period
)
SELECT
  ${start('f.cohort_index')} AS cohort,
  f.cohort_size,
  CAST(f.period AS INTEGER) AS period,
  ${start('(f.cohort_index + f.period)')} AS period_start,
  f.active,
  f.active / f.cohort_size AS active_share,
  f.revenue,
  f.revenue / NULLIF(GREATEST(first_value(f.revenue) OVER (
    PARTITION BY f.cohort_index ORDER BY f.period), 0), 0) AS revenue_retained,
  f.cohort_index + f.period = s.last_index
    AND ${start('(s.last_index + 1)')} - 1 > s.last_day AS partial,
  f.cohort_count
FROM filled AS f, span AS s
ORDER BY f.cohort_index, f.period`;
}
