import { ident, str } from './quote';

/**
 * Tables and views the user sees: everything in `main` but SegLab's own working tables. From
 * DuckDB's own catalog functions rather than information_schema, which costs several times
 * as much and runs after every cell.
 */
export function listColumnsSql(): string {
  return `SELECT c.table_name, c.column_name, c.data_type,
  CASE WHEN v.view_name IS NULL THEN 'BASE TABLE' ELSE 'VIEW' END AS table_type
FROM duckdb_columns() AS c
LEFT JOIN duckdb_views() AS v
  ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
WHERE c.schema_name = 'main' AND NOT c.internal
  AND c.table_name NOT LIKE '\\_\\_seglab%' ESCAPE '\\'
ORDER BY c.table_name, c.column_index`;
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
