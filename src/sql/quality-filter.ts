import type { RowFilter } from '../domain/cleaning-step';
import { date, ident, num, str } from './quote';

/**
 * A column's DuckDB type (as DESCRIBE gives it), when the caller knows it. Typed columns get
 * direct expressions; without a type every test goes through text, which works for any column
 * but costs a string per row on a large table.
 */
export type ColumnType = string | undefined;

/** Whether DESCRIBE's type is a number type. */
export const isNumberType = (type: ColumnType) =>
  /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)\b/i.test(type ?? '');
const isDate = (type: ColumnType) => /^DATE$/i.test(type ?? '');
const isTimestamp = (type: ColumnType) => /^TIMESTAMP/i.test(type ?? '');
/** Whether DESCRIBE's type holds days (a date or a timestamp). */
export const isDayType = (type: ColumnType) => isDate(type) || isTimestamp(type);
const isTyped = (type: ColumnType) => isNumberType(type) || isDayType(type);

/** The column as trimmed text, NULL when blank: how every check sees "empty". */
export function textOf(column: string, type?: ColumnType): string {
  // Numbers and dates cast to text are never blank and never padded.
  if (isTyped(type)) return `CAST(${ident(column)} AS VARCHAR)`;
  return `nullif(trim(CAST(${ident(column)} AS VARCHAR)), '')`;
}

/**
 * The column as a number, NULL when it does not read as one. Through text unless it is numeric,
 * so that a column of any type (a date mapped as the amount by mistake) gives NULL rather than a
 * binder error.
 */
export function numberOf(column: string, type?: ColumnType): string {
  if (isNumberType(type)) return `CAST(${ident(column)} AS DOUBLE)`;
  return `TRY_CAST(CAST(${ident(column)} AS VARCHAR) AS DOUBLE)`;
}

/** The column as a day, as the features SQL reads order dates; NULL when it is not one. */
export function dayOf(column: string, type?: ColumnType): string {
  if (isDate(type)) return ident(column);
  if (isTimestamp(type)) return `CAST(${ident(column)} AS DATE)`;
  return `TRY_CAST(CAST(${ident(column)} AS VARCHAR) AS DATE)`;
}

/**
 * A boolean SQL expression that is true for the rows the filter describes (NULL counts as
 * false, so wrap it in `coalesce(..., false)` when negating).
 */
export function rowFilterSql(
  filter: RowFilter,
  type?: ColumnType,
  typeOf: (column: string) => ColumnType = () => undefined,
): string {
  const c = filter.column;
  switch (filter.test) {
    case 'blank':
      return isTyped(type) ? `${ident(c)} IS NULL` : `${textOf(c)} IS NULL`;
    case 'unparsable': {
      const parsed = filter.as === 'date' ? dayOf(c, type) : numberOf(c, type);
      return `${textOf(c, type)} IS NOT NULL AND ${parsed} IS NULL`;
    }
    case 'negative':
      return `${numberOf(c, type)} < 0`;
    case 'zero':
      return `${numberOf(c, type)} = 0`;
    case 'not-positive':
      return `${numberOf(c, type)} <= 0`;
    case 'cancellation': {
      const tests = [
        filter.prefix ? `starts_with(upper(${textOf(c, type)}), upper(${str(filter.prefix)}))` : '',
        filter.quantity
          ? `${numberOf(filter.quantity, filter.quantity === c ? type : typeOf(filter.quantity))} < 0`
          : '',
      ].filter(Boolean);
      return `(${tests.map((t) => `coalesce(${t}, false)`).join(' OR ')})`;
    }
    case 'prefix':
      return `starts_with(upper(${textOf(c, type)}), upper(${str(filter.prefix)}))`;
    case 'after':
      return `${dayOf(c, type)} > ${date(filter.date)}`;
    case 'before':
      return `${dayOf(c, type)} < ${date(filter.date)}`;
    case 'above': {
      if (!filter.price) return `${numberOf(c, type)} > ${num(filter.value)}`;
      const gross = `${numberOf(c, type)} * ${numberOf(filter.price, typeOf(filter.price))}`;
      const d = filter.discount;
      const less = d ? ` - coalesce(${numberOf(d, typeOf(d))}, 0)` : '';
      return `${gross}${less} > ${num(filter.value)}`;
    }
    case 'orphan':
      return `${textOf(c, type)} IS NOT NULL AND ${textOf(c, type)} NOT IN (SELECT ${textOf(filter.key)} FROM ${ident(filter.table)} WHERE ${textOf(filter.key)} IS NOT NULL)`;
  }
}

/** True for rows the filter does not describe: for `WHERE` when excluding them. */
export function keepRowsSql(filter: RowFilter, type?: ColumnType): string {
  return `NOT coalesce(${rowFilterSql(filter, type)}, false)`;
}
