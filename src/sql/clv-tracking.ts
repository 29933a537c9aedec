import { clvSummarySql, type ClvSummaryOptions } from './clv-summary';
import { date, ident, num } from './quote';

/** The columns `clvTrackingSql` returns, in order. */
export const CLV_TRACKING_COLUMNS = {
  period: 'period',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  repeatPurchases: 'repeat_purchases',
  calibrationPeriod: 'calibration_period',
} as const;

/** The columns `clvCohortsSql` returns, in order. */
export const CLV_COHORT_COLUMNS = { offset: 'offset', customers: 'customers' } as const;

const DAYS_PER_UNIT = { days: 1, weeks: 7 } as const;

/*
 * Time runs from the start of the earliest first-purchase day (the origin) and a purchase counts
 * at the end of its day, so period k holds days origin + (k-1)*u .. origin + k*u - 1 (u days per
 * unit), and a customer first buying on day f joins at (f - origin + 1) / u. Differences of
 * these times are exactly the recency and T of clvSummarySql.
 */
function ctes(options: ClvSummaryOptions): string {
  const { relation, customerId } = options;
  return `WITH purchase_days AS (
  SELECT DISTINCT ${ident(customerId)} AS customer_id, CAST(${ident(options.date)} AS DATE) AS day
  FROM ${ident(relation)}
  WHERE ${ident(customerId)} IS NOT NULL AND ${ident(options.date)} IS NOT NULL
),
first_days AS (
  SELECT customer_id, MIN(day) AS first_day
  FROM purchase_days
  GROUP BY customer_id
  HAVING MIN(day) <= ${date(options.calibrationEnd)}
),
origin AS (
  SELECT MIN(first_day) AS day FROM first_days
)`;
}

/**
 * SQL for the actual side of the "cumulative repeat purchases" tracking chart: one row per whole
 * period k = 1..K from the earliest first purchase up to the holdout end (the calibration end
 * without one), with the repeat purchase days (as clvSummarySql counts them: days after a
 * customer's first, of customers whose first purchase is on or before the calibration end) in
 * that period. A last period that would run past the end is left out, so every period is whole.
 * `calibration_period` (the same on every row) is the calibration end in periods, e.g. 39 for
 * 1997-01-01 .. 1997-09-30 in weeks. Takes clvSummarySql's options and throws its errors.
 */
export function clvTrackingSql(options: ClvSummaryOptions): string {
  clvSummarySql(options);
  const c = CLV_TRACKING_COLUMNS;
  const u = num(DAYS_PER_UNIT[options.unit]);
  const end = date(options.holdoutEnd ?? options.calibrationEnd);
  return `${ctes(options)},
periods AS (
  SELECT CAST(k AS INTEGER) AS period
  FROM origin, range(1, (${end} - origin.day + 1) // ${u} + 1) AS r(k)
  WHERE origin.day IS NOT NULL
),
repeats AS (
  SELECT CAST((d.day - o.day) // ${u} + 1 AS INTEGER) AS period, COUNT(*) AS purchases
  FROM purchase_days AS d
  JOIN first_days AS f USING (customer_id)
  CROSS JOIN origin AS o
  WHERE d.day > f.first_day AND d.day <= ${end}
  GROUP BY ALL
)
SELECT
  p.period AS ${ident(c.period)},
  o.day + (p.period - 1) * ${u} AS ${ident(c.periodStart)},
  o.day + p.period * ${u} - 1 AS ${ident(c.periodEnd)},
  CAST(COALESCE(r.purchases, 0) AS INTEGER) AS ${ident(c.repeatPurchases)},
  CAST(${date(options.calibrationEnd)} - o.day + 1 AS DOUBLE) / ${u} AS ${ident(c.calibrationPeriod)}
FROM periods AS p
CROSS JOIN origin AS o
LEFT JOIN repeats AS r USING (period)
ORDER BY p.period`;
}

/**
 * SQL for the cohorts of the expected side (see src/model/clv/expected-tracking.ts): how many
 * customers made their first purchase at each `offset`, in units from the start of the earliest
 * first-purchase day to the end of their first day (so the first cohort is at 1/7 in weeks).
 * Same customers and options as clvTrackingSql; ordered by offset.
 */
export function clvCohortsSql(options: ClvSummaryOptions): string {
  clvSummarySql(options);
  const c = CLV_COHORT_COLUMNS;
  const u = num(DAYS_PER_UNIT[options.unit]);
  return `${ctes(options)}
SELECT
  CAST(f.first_day - o.day + 1 AS DOUBLE) / ${u} AS ${ident(c.offset)},
  CAST(COUNT(*) AS INTEGER) AS ${ident(c.customers)}
FROM first_days AS f
CROSS JOIN origin AS o
GROUP BY ALL
ORDER BY 1`;
}
