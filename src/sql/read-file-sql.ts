import { ident, str } from './quote';

export function countRowsSql(table: string): string {
  return `SELECT count(*) AS n FROM ${ident(table)}`;
}

export function describeTableSql(table: string): string {
  // duckdb_columns(), not information_schema: the same rows at a third of the cost, which shows
  // in the browser (130 ms for information_schema on a fresh engine).
  return `SELECT column_name, data_type FROM duckdb_columns()
WHERE schema_name = 'main' AND table_name = ${str(table)} ORDER BY column_index`;
}
