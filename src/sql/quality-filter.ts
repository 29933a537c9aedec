import type { RowFilter } from '../model/cleaning-step';
import { date, ident, num, str } from './quote';

/** The column as trimmed text, NULL when blank: how every check sees "empty". */
export function textOf(column: string): string {
  return `nullif(trim(CAST(${ident(column)} AS VARCHAR)), '')`;
}

/**
 * The column as a number, NULL when it does not read as one. Through text, so that a column of
 * any type (a date mapped as the amount by mistake) gives NULL rather than a binder error.
 */
export function numberOf(column: string): string {
  return `TRY_CAST(CAST(${ident(column)} AS VARCHAR) AS DOUBLE)`;
}

/** The column as a day, as the features SQL reads order dates; NULL when it is not one. */
export function dayOf(column: string): string {
  return `TRY_CAST(CAST(${ident(column)} AS VARCHAR) AS DATE)`;
}

/**
 * A boolean SQL expression that is true for the rows the filter describes (NULL counts as
 * false, so wrap it in `coalesce(..., false)` when negating).
 */
export function rowFilterSql(filter: RowFilter): string {
  const c = filter.column;
  switch (filter.test) {
    case 'blank':
      return `${textOf(c)} IS NULL`;
    case 'unparsable':
      return `${textOf(c)} IS NOT NULL AND ${filter.as === 'date' ? dayOf(c) : numberOf(c)} IS NULL`;
    case 'negative':
      return `${numberOf(c)} < 0`;
    case 'zero':
      return `${numberOf(c)} = 0`;
    case 'prefix':
      return `starts_with(upper(${textOf(c)}), upper(${str(filter.prefix)}))`;
    case 'after':
      return `${dayOf(c)} > ${date(filter.date)}`;
    case 'before':
      return `${dayOf(c)} < ${date(filter.date)}`;
    case 'above':
      return `${numberOf(c)} > ${num(filter.value)}`;
    case 'orphan':
      return `${textOf(c)} IS NOT NULL AND ${textOf(c)} NOT IN (SELECT ${textOf(filter.key)} FROM ${ident(filter.table)} WHERE ${textOf(filter.key)} IS NOT NULL)`;
  }
}

/** True for rows the filter does not describe: for `WHERE` when excluding them. */
export function keepRowsSql(filter: RowFilter): string {
  return `NOT coalesce(${rowFilterSql(filter)}, false)`;
}
