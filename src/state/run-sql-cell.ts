import type { ColumnInfo, Engine, QueryResult, Row } from '../engine/types';
import { isOutOfMemory } from '../ingest/memory-estimate';
import { messageOf } from '../model/error-text';
import type { SqlCell } from '../model/notebook';
import { SqlCellError, sqlErrorView } from '../model/sql-error';
import {
  cellResultTable,
  dropResultSql,
  materializeSql,
  nameResultSql,
  resultCountSql,
  resultPageSql,
} from '../sql/cell-result';
import { isQueryStatement, splitStatementsAt, type Statement } from '../sql/split-statements';

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
  const statements = splitStatementsAt(cell.source);
  const last = statements.pop();
  if (last === undefined) throw new EmptyCellError();
  const started = performance.now();
  // DuckDB's errors are shown on the cell's own SQL (model/sql-error.ts).
  const run = async <T>(statement: Statement, sent: string, work: (sql: string) => Promise<T>) => {
    try {
      return await work(sent);
    } catch (e) {
      throw readable(e, cell, statement, sent);
    }
  };
  for (const s of statements) await run(s, s.text, (sql) => engine.exec(sql));
  if (!isQueryStatement(last.text)) {
    await engine.exec(dropResultSql(cell.id));
    const { columns, rows } = await run(last, last.text, (sql) => engine.query(sql));
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
  // The final query is wrapped (CREATE TABLE __seglab_cell_<id> AS ...): errors point past it.
  await run(last, materializeSql(cell.id, last.text), (sql) => engine.query(sql));
  if (cell.name) {
    const name = nameResultSql(cell.name, cell.id);
    await run({ text: '', start: last.start }, name, (sql) => engine.exec(sql));
  }
  return storedResult(engine, cell.id, performance.now() - started);
}

/**
 * DuckDB's error for one statement of the cell, pointed at the cell's SQL. A cancel or running
 * out of memory is passed on as it is: the callers act on those.
 */
function readable(error: unknown, cell: SqlCell, statement: Statement, sent: string): unknown {
  const message = messageOf(error);
  if (/interrupt|query was cancel/i.test(message) || isOutOfMemory(error)) return error;
  const where = {
    sent,
    offset: sent.length - statement.text.length,
    source: cell.source,
    start: statement.start,
    table: cellResultTable(cell.id),
    ...(cell.name ? { name: cell.name } : {}),
  };
  return new SqlCellError(sqlErrorView(message, where), error);
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
