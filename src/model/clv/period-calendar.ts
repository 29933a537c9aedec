import { ClvInputError } from './clv-input-error';
import { PERIOD_MONTHS, type BgBbPeriod } from './purchase-models';

function monthIndex(day: string, row: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) {
    throw new ClvInputError({
      en: `The ${row} "${day}" is not a date in the form YYYY-MM-DD.`,
      zh: `${row === 'first day' ? '首日' : '结束日'}“${day}”不是 YYYY-MM-DD 格式的日期。`,
    });
  }
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The index of the calendar period (month, quarter or year) `day` falls in, counted from the
 * period holding `firstDay` (index 0). Quarters and years are calendar ones, as DuckDB's
 * `date_trunc` makes them; the SQL of src/sql/clv-periods.ts counts the same way.
 */
export function periodIndex(firstDay: string, day: string, period: BgBbPeriod): number {
  const k = PERIOD_MONTHS[period];
  const start = monthIndex(firstDay, 'first day');
  return Math.floor((monthIndex(day, 'end day') - (start - (start % k))) / k);
}

/** Whole periods from the one holding `firstDay` through `endDay`: a period counts once it has ended. */
export function wholePeriods(firstDay: string, endDay: string, period: BgBbPeriod): number {
  return Math.max(0, periodIndex(firstDay, nextDay(endDay), period));
}

/** The first day (YYYY-MM-DD) of the period holding `day`. */
export function periodStart(day: string, period: BgBbPeriod): string {
  const k = PERIOD_MONTHS[period];
  const m = monthIndex(day, 'first day');
  const start = m - (m % k);
  return `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, '0')}-01`;
}
