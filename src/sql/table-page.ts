import { ident, num } from './quote';

/** The range of a base table's row ids, and its row count, to page through it. */
export function rowIdRangeSql(table: string): string {
  return `SELECT min(rowid) AS first, max(rowid) AS last, count(*) AS n FROM ${ident(table)}`;
}

/**
 * The rows of a base table whose row id is in [from, to), in table order. Paging by row id lets
 * DuckDB skip straight to the page, where `OFFSET` would scan every row before it again.
 */
export function rowIdPageSql(table: string, from: number, to: number): string {
  return `SELECT * FROM ${ident(table)} WHERE rowid >= ${num(from)} AND rowid < ${num(to)} ORDER BY rowid`;
}
