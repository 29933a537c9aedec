import { ident, num } from './quote';

/** The table that holds a SQL cell's last result. */
export function cellResultTable(cellId: string): string {
  return `__seglab_cell_${cellId.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Stores a query's rows so the result can be paged and named without running it again. */
export function materializeSql(cellId: string, query: string): string {
  return `CREATE OR REPLACE TABLE ${ident(cellResultTable(cellId))} AS ${query}`;
}

/** Makes a cell's stored result queryable by later cells under the name the user chose. */
export function nameResultSql(name: string, cellId: string): string {
  return `CREATE OR REPLACE VIEW ${ident(name)} AS SELECT * FROM ${ident(cellResultTable(cellId))}`;
}

export function dropResultSql(cellId: string): string {
  return `DROP TABLE IF EXISTS ${ident(cellResultTable(cellId))}`;
}

export function resultCountSql(cellId: string): string {
  return `SELECT count(*) AS n FROM ${ident(cellResultTable(cellId))}`;
}

/** Two columns of a stored result, for its chart: at most `limit` rows, in the query's order. */
export function resultColumnsSql(cellId: string, x: string, y: string, limit: number): string {
  return `SELECT ${ident(x)}, ${ident(y)} FROM ${ident(cellResultTable(cellId))} LIMIT ${num(limit)}`;
}

/** One page of a stored result, in the order the query produced it. */
export function resultPageSql(cellId: string, offset: number, limit: number): string {
  return `SELECT * FROM ${ident(cellResultTable(cellId))} LIMIT ${num(limit)} OFFSET ${num(offset)}`;
}
