import { ident, str } from './quote';

/**
 * CREATE TABLE from a CSV/TSV file registered with DuckDB, using DuckDB's sniffer for the
 * delimiter, header and column types.
 */
export function createTableFromCsvSql(table: string, fileName: string): string {
  return `CREATE TABLE ${ident(table)} AS SELECT * FROM read_csv(${str(fileName)}, auto_detect = true, sample_size = 20480)`;
}

export function countRowsSql(table: string): string {
  return `SELECT count(*) AS n FROM ${ident(table)}`;
}

export function describeTableSql(table: string): string {
  return `SELECT column_name, data_type FROM information_schema.columns
WHERE table_schema = 'main' AND table_name = ${str(table)} ORDER BY ordinal_position`;
}
