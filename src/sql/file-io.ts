import { ident, str } from './quote';

/** `CREATE TABLE` from a Parquet file DuckDB reads itself (a path it is allowed to read). */
export function readParquetSql(file: string, table: string): string {
  return `CREATE TABLE ${ident(table)} AS SELECT * FROM read_parquet(${str(file)})`;
}

/** Every row of a table or view, in its stored order. */
export function selectAllSql(relation: string): string {
  return `SELECT * FROM ${ident(relation)}`;
}

/**
 * Writes a relation to a Parquet file with DuckDB's own writer, the `money` columns rounded to
 * cents (as the app's Export rounds them, `io/export-money.ts`).
 */
export function copyToParquetSql(
  relation: string,
  columns: readonly string[],
  money: ReadonlySet<string>,
  file: string,
): string {
  const list = columns
    .map((c) => (money.has(c) ? `round(${ident(c)}, 2) AS ${ident(c)}` : ident(c)))
    .join(', ');
  return `COPY (SELECT ${list} FROM ${ident(relation)}) TO ${str(file)} (FORMAT parquet)`;
}

/** A column of a table made from JS values (see `createTableSql`). */
export interface NewColumn {
  name: string;
  type: 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
}

export function createTableSql(table: string, columns: readonly NewColumn[]): string {
  const list = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  return `CREATE TABLE ${ident(table)} (${list})`;
}

/**
 * What a native DuckDB may reach, run once before any notebook SQL: no extensions, no URLs, no
 * files outside `directories` (the data and output folders), and a cell cannot turn it back on.
 */
export function sandboxSql(directories: readonly string[]): string[] {
  const dirs = directories.map((d) => str(d.endsWith('/') ? d : `${d}/`)).join(', ');
  return [
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    'SET allow_community_extensions = false',
    `SET allowed_directories = [${dirs}]`,
    'SET enable_external_access = false',
  ];
}
