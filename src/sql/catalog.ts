import { ident, str } from './quote';

/** Tables and views the user sees: everything in `main` but SegLab's own working tables. */
export function listColumnsSql(): string {
  return `SELECT c.table_name, c.column_name, c.data_type, t.table_type
FROM information_schema.columns AS c
JOIN information_schema.tables AS t USING (table_schema, table_name)
WHERE c.table_schema = 'main' AND c.table_name NOT LIKE '\\_\\_seglab%' ESCAPE '\\'
ORDER BY c.table_name, c.ordinal_position`;
}

/** Exact row counts of the named tables, one row each (table_name, row_count). */
export function rowCountsSql(tables: string[]): string {
  return tables
    .map((t) => `SELECT ${str(t)} AS table_name, count(*) AS row_count FROM ${ident(t)}`)
    .join('\nUNION ALL\n');
}

export function renameTableSql(from: string, to: string): string {
  return `ALTER TABLE ${ident(from)} RENAME TO ${ident(to)}`;
}

export function dropTableSql(table: string): string {
  return `DROP TABLE IF EXISTS ${ident(table)}`;
}

export function dropViewSql(view: string): string {
  return `DROP VIEW IF EXISTS ${ident(view)}`;
}

/** Whether a relation (table or view) of that name exists, case-insensitively. */
export function relationExistsSql(name: string): string {
  return `SELECT count(*) AS n FROM information_schema.tables
WHERE table_schema = 'main' AND lower(table_name) = lower(${str(name)})`;
}

/** Bytes DuckDB holds in memory now (`bytes`), for the memory check before a load. */
export function memoryUsageSql(): string {
  return 'SELECT coalesce(sum(memory_usage_bytes), 0) AS bytes FROM duckdb_memory()';
}
