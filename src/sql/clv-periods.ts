import { date, ident, num } from './quote';

export interface ClvPeriodOptions {
  /** Table or view of mapped orders, one row per order. */
  relation: string;
  customerId: string;
  date: string;
  /** The amount as a DOUBLE expression over the relation (`amountSql`). */
  amountSql: string;
  /** First day (YYYY-MM-DD) of period 0: the start of the month, quarter or year of the first order. */
  start: string;
  /** Months per period: 1, 3 or 12. */
  months: number;
  /** Last day (YYYY-MM-DD) of orders to read, included. */
  end: string;
}

/** The columns `clvPeriodsSql` returns, in order. */
export const CLV_PERIOD_COLUMNS = {
  customerId: 'customer_id',
  period: 'period',
  spend: 'spend',
} as const;

/**
 * SQL for the discrete-time histories BG/BB is fitted on: one row per customer and calendar
 * period with at least one order from `start` through `end`, the period counted from `start` in whole `months`-month
 * steps (0 = the period of the first order in the data), and the period's total spend (a NULL
 * amount counts as 0). Rows with a NULL customer or date are ignored. Ordered by customer id
 * and period.
 */
export function clvPeriodsSql(o: ClvPeriodOptions): string {
  const c = CLV_PERIOD_COLUMNS;
  return `SELECT ${ident(o.customerId)} AS ${ident(c.customerId)},
  CAST(date_diff('month', ${date(o.start)}, CAST(${ident(o.date)} AS DATE)) // ${num(o.months)} AS INTEGER)
    AS ${ident(c.period)},
  SUM(COALESCE(${o.amountSql}, 0) ORDER BY COALESCE(${o.amountSql}, 0)) AS ${ident(c.spend)}
FROM ${ident(o.relation)}
WHERE ${ident(o.customerId)} IS NOT NULL AND ${ident(o.date)} IS NOT NULL
  AND CAST(${ident(o.date)} AS DATE) BETWEEN ${date(o.start)} AND ${date(o.end)}
GROUP BY ALL
ORDER BY 1, 2`;
}
