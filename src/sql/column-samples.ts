import { ident, num, str } from './quote';
import { textOf } from './quality-filter';

/** An identifier with letters before its digits (C536379, SKU-10023), as a regular expression. */
export const ID_VALUE_PATTERN = '[A-Za-z]{1,4}[-_]?[0-9]{3,}';

/** How many values (`n`) of a column look like letter-prefixed identifiers (ID_VALUE_PATTERN). */
export function idValueCountSql(table: string, column: string): string {
  const v = textOf(column);
  return `SELECT count(*) AS n FROM ${ident(table)} WHERE regexp_full_match(trim(${v}), ${str(ID_VALUE_PATTERN)})`;
}

/** The first `limit` non-blank values of a column, as text (`v`): what parse rules are guessed from. */
export function sampleValuesSql(table: string, column: string, limit = 1000): string {
  const v = textOf(column);
  return `SELECT ${v} AS v FROM ${ident(table)} WHERE ${v} IS NOT NULL LIMIT ${num(limit)}`;
}

/**
 * How a conversion fares on the whole column: `total` non-blank values and `misfits`, those the
 * expression (e.g. a date parse rule) turns into NULL.
 */
export function conversionCountSql(table: string, column: string, expr: string): string {
  const v = textOf(column);
  return `SELECT count(*) AS total, count(*) FILTER (WHERE (${expr}) IS NULL) AS misfits FROM ${ident(table)} WHERE ${v} IS NOT NULL`;
}

/** Up to `limit` distinct values (`v`) the expression cannot read, for the user to see. */
export function conversionMisfitsSql(
  table: string,
  column: string,
  expr: string,
  limit = 5,
): string {
  const v = textOf(column);
  return `SELECT DISTINCT ${v} AS v FROM ${ident(table)} WHERE ${v} IS NOT NULL AND (${expr}) IS NULL ORDER BY v LIMIT ${num(limit)}`;
}
