import type { ColumnInfo, Engine, QueryResult, Row } from '../engine/types';
import type { SqlCell } from '../model/notebook';
import {
  dropResultSql,
  materializeSql,
  nameResultSql,
  resultCountSql,
  resultPageSql,
} from '../sql/cell-result';
import { isQueryStatement, splitStatements } from '../sql/split-statements';

export const PAGE_SIZE = 100;

/** What a SQL cell produced. Large results stay in DuckDB; only one page is held here. */
export interface CellResult {
  columns: ColumnInfo[];
  rowCount: number;
  offset: number;
  page: Row[];
  /** True when rows live in DuckDB (pageable); false for small statement outputs kept here. */
  stored: boolean;
  /** All rows of a non-stored result (e.g. DESCRIBE), paged in memory. */
  allRows?: Row[];
  elapsedMs: number;
}

export class EmptyCellError extends Error {
  constructor() {
    super('empty');
  }
}

/**
 * Runs a SQL cell: every statement in order; a final query is stored in the cell's result table
 * (and exposed under the cell's name as a view), anything else is run and its output shown.
 */
export async function runSqlCell(engine: Engine, cell: SqlCell): Promise<CellResult> {
  const statements = splitStatements(cell.source);
  const last = statements.pop();
  if (last === undefined) throw new EmptyCellError();
  const started = performance.now();
  for (const statement of statements) await engine.exec(statement);
  if (!isQueryStatement(last)) {
    await engine.exec(dropResultSql(cell.id));
    const { columns, rows } = await engine.query(last);
    return {
      columns,
      rowCount: rows.length,
      offset: 0,
      page: rows.slice(0, PAGE_SIZE),
      stored: false,
      allRows: rows,
      elapsedMs: performance.now() - started,
    };
  }
  await storeResult(engine, cell, last);
  return storedResult(engine, cell.id, performance.now() - started);
}

/** Stores a query's rows in the cell's result table, exposed under the cell's name as a view. */
export async function storeResult(
  engine: Engine,
  cell: Pick<SqlCell, 'id' | 'name'>,
  query: string,
): Promise<void> {
  await engine.query(materializeSql(cell.id, query));
  if (cell.name) await engine.exec(nameResultSql(cell.name, cell.id));
}

/** A stored result as a cell shows it: its row count and first page. */
export async function storedResult(
  engine: Engine,
  cellId: string,
  elapsedMs: number,
): Promise<CellResult> {
  const count = await engine.query(resultCountSql(cellId));
  return pagedResult(await firstPage(engine, cellId), Number(count.rows[0]?.n ?? 0), elapsedMs);
}

/** The first page of a stored result. */
export function firstPage(engine: Engine, cellId: string): Promise<QueryResult> {
  return engine.query(resultPageSql(cellId, 0, PAGE_SIZE));
}

/** A stored result, from its first page and its row count. */
export function pagedResult(first: QueryResult, rowCount: number, elapsedMs: number): CellResult {
  return {
    columns: first.columns,
    rowCount,
    offset: 0,
    page: first.rows,
    stored: true,
    elapsedMs,
  };
}

/** Another page of a result produced by runSqlCell. */
export async function fetchPage(
  engine: Engine,
  cellId: string,
  result: CellResult,
  offset: number,
): Promise<CellResult> {
  const clamped = Math.max(0, Math.min(offset, Math.max(0, result.rowCount - 1)));
  if (!result.stored) {
    return {
      ...result,
      offset: clamped,
      page: (result.allRows ?? []).slice(clamped, clamped + PAGE_SIZE),
    };
  }
  const { rows } = await engine.query(resultPageSql(cellId, clamped, PAGE_SIZE));
  return { ...result, offset: clamped, page: rows };
}
