import { LocalizedError } from '../domain/localized-error';
import type { TableMapping } from '../domain/roles';
import { ordersRelation } from './orders-relation';
import { date, ident, num } from './quote';

/** The time unit that recency, T and the holdout duration are measured in. */
export type ClvTimeUnit = 'days' | 'weeks';

export interface ClvSummaryOptions {
  /** Table or view of mapped orders, one row per order. */
  relation: string;
  customerId: string;
  /** DATE, TIMESTAMP or 'YYYY-MM-DD' text; only the calendar day counts. */
  date: string;
  /** The amount as a DOUBLE expression over the relation (`amountSql`). */
  amountSql: string;
  /** Last day of the calibration period, YYYY-MM-DD, included in it. */
  calibrationEnd: string;
  /** Last day of the holdout period, YYYY-MM-DD, included in it. Omit for no holdout columns. */
  holdoutEnd?: string;
  unit: ClvTimeUnit;
}

/** The columns `clvSummarySql` returns, in order (the holdout ones only with a holdout end). */
export const CLV_SUMMARY_COLUMNS = {
  customerId: 'customer_id',
  frequency: 'frequency',
  recency: 'recency',
  T: 'T',
  monetaryValue: 'monetary_value',
  holdoutFrequency: 'holdout_frequency',
  holdoutSpend: 'holdout_spend',
  holdoutDuration: 'holdout_duration',
} as const;

/** A bad option, with the message in English and Chinese. */
export class ClvSummaryError extends LocalizedError {
  constructor(labels: LocalizedError['labels']) {
    super(labels);
    this.name = 'ClvSummaryError';
  }
}

const DAYS_PER_UNIT: Record<ClvTimeUnit, number> = { days: 1, weeks: 7 };

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/**
 * SQL for the per-customer summary the BG/NBD and Gamma-Gamma models are fitted on, in the
 * conventions of Fader, Hardie & Lee (2005) and of lifetimes' `calibration_and_holdout_data`:
 *
 * - Orders are first merged into purchase days (all orders of a customer on one calendar day
 *   are one purchase, their amounts summed; a NULL amount counts as 0). Rows with a NULL
 *   customer or date are ignored.
 * - The calibration period runs from the first order in the data up to and INCLUDING
 *   `calibrationEnd` (lifetimes keeps transactions `<= calibration_period_end`). Only customers
 *   whose first purchase day is on or before `calibrationEnd` are returned.
 * - `frequency`: repeat purchase days in the calibration period (the first one excluded).
 * - `recency`: last calibration purchase day minus first purchase day, in `unit`s (0 when
 *   frequency is 0).
 * - `T`: `calibrationEnd` minus first purchase day, in `unit`s. A customer first seen on
 *   `calibrationEnd` has T = 0. Weeks are days / 7, not calendar weeks.
 * - `monetary_value`: mean spend of the repeat purchase days in the calibration period; 0
 *   when frequency is 0.
 * - With `holdoutEnd`: `holdout_frequency` counts purchase days in (calibrationEnd,
 *   holdoutEnd], `holdout_spend` sums their spend, `holdout_duration` is holdoutEnd minus
 *   calibrationEnd in `unit`s.
 *
 * Rows are ordered by customer id.
 */
export function clvSummarySql(options: ClvSummaryOptions): string {
  const { relation, customerId, amountSql, calibrationEnd, holdoutEnd, unit } = options;
  for (const [name, value] of [
    ['relation', relation],
    ['customerId', customerId],
    ['date', options.date],
    ['amount', amountSql],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ClvSummaryError({
        en: `The summary needs a ${name} name.`,
        zh: `汇总需要指定 ${name} 名称。`,
      });
    }
  }
  if (!(unit in DAYS_PER_UNIT)) {
    throw new ClvSummaryError({
      en: `Unknown time unit "${unit}": use days or weeks.`,
      zh: `未知的时间单位“${unit}”：请使用天（days）或周（weeks）。`,
    });
  }
  for (const [label, value] of [
    ['calibration end', calibrationEnd],
    ['holdout end', holdoutEnd],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw new ClvSummaryError({
        en: `The ${label} "${value}" is not a date in the form YYYY-MM-DD.`,
        zh: `${label === 'holdout end' ? '验证期结束日期' : '校准期结束日期'}“${value}”不是 YYYY-MM-DD 格式的日期。`,
      });
    }
  }
  if (holdoutEnd !== undefined && holdoutEnd <= calibrationEnd) {
    throw new ClvSummaryError({
      en: `The holdout end (${holdoutEnd}) must be after the calibration end (${calibrationEnd}).`,
      zh: `验证期结束日期（${holdoutEnd}）必须晚于校准期结束日期（${calibrationEnd}）。`,
    });
  }

  const c = CLV_SUMMARY_COLUMNS;
  const per = num(DAYS_PER_UNIT[unit]);
  const cal = date(calibrationEnd);
  const repeat = `d.day > f.first_day AND d.day <= ${cal}`;
  const holdout =
    holdoutEnd === undefined
      ? ''
      : `,
  CAST(COUNT(*) FILTER (WHERE d.day > ${cal} AND d.day <= ${date(holdoutEnd)}) AS INTEGER)
    AS ${ident(c.holdoutFrequency)},
  COALESCE(SUM(d.spend ORDER BY d.spend) FILTER (WHERE d.day > ${cal} AND d.day <= ${date(holdoutEnd)}), 0)
    AS ${ident(c.holdoutSpend)},
  CAST(${date(holdoutEnd)} - ${cal} AS DOUBLE) / ${per} AS ${ident(c.holdoutDuration)}`;

  return `WITH purchase_days AS (
  SELECT ${ident(customerId)} AS customer_id,
    CAST(${ident(options.date)} AS DATE) AS day,
    -- Added in one order: DuckDB's threads would otherwise sum a day in varying order, and the
    -- spend model's fit turns last-bit differences into different forecasts run to run.
    SUM(COALESCE(${amountSql}, 0) ORDER BY COALESCE(${amountSql}, 0)) AS spend
  FROM ${ident(relation)}
  WHERE ${ident(customerId)} IS NOT NULL AND ${ident(options.date)} IS NOT NULL
  GROUP BY ALL
),
first_days AS (
  SELECT customer_id, MIN(day) AS first_day
  FROM purchase_days
  GROUP BY customer_id
  HAVING MIN(day) <= ${cal}
)
SELECT
  d.customer_id AS ${ident(c.customerId)},
  CAST(COUNT(*) FILTER (WHERE ${repeat}) AS INTEGER) AS ${ident(c.frequency)},
  CAST(MAX(d.day) FILTER (WHERE d.day <= ${cal}) - f.first_day AS DOUBLE) / ${per}
    AS ${ident(c.recency)},
  CAST(${cal} - f.first_day AS DOUBLE) / ${per} AS ${ident(c.T)},
  COALESCE(AVG(d.spend ORDER BY d.spend) FILTER (WHERE ${repeat}), 0) AS ${ident(c.monetaryValue)}${holdout}
FROM purchase_days AS d
JOIN first_days AS f USING (customer_id)
GROUP BY d.customer_id, f.first_day
ORDER BY d.customer_id`;
}

/** The summary's order columns for a mapped orders table: its orders relation, renamed. */
export function clvOrdersOf(
  orders: TableMapping,
): Pick<ClvSummaryOptions, 'relation' | 'customerId' | 'date' | 'amountSql'> {
  const { relation, customerId, orderDate, amountSql } = ordersRelation(orders);
  return { relation, customerId, date: orderDate, amountSql };
}
