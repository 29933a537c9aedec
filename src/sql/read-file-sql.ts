import { ident, str } from './quote';

export function countRowsSql(table: string): string {
  return `SELECT count(*) AS n FROM ${ident(table)}`;
}

export function describeTableSql(table: string): string {
  return `SELECT column_name, data_type FROM information_schema.columns
WHERE table_schema = 'main' AND table_name = ${str(table)} ORDER BY ordinal_position`;
}
