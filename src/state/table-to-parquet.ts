import type { Engine } from '../engine/types';
import { parquetChunks } from '../io/export-parquet';
import { rowIdPageSql, rowIdRangeSql } from '../sql/table-page';

/** Rows per row group: enough for good compression, few enough to hold as JS objects at once. */
export const PAGE_ROWS = 50_000;

/**
 * A base table of DuckDB as a Parquet file, paged by row id so that only one page of rows is in
 * JS at a time; each page becomes a row group. Run inside `exclusive`.
 */
export async function tableToParquet(
  engine: Engine,
  table: string,
  pageRows = PAGE_ROWS,
): Promise<{ parquet: Uint8Array; rows: number }> {
  const range = (await engine.query(rowIdRangeSql(table))).rows[0];
  const rows = Number(range?.n ?? 0);
  const first = Number(range?.first ?? 0);
  const last = Number(range?.last ?? -1);
  const head = await engine.query(rowIdPageSql(table, 0, 0)); // no rows: names and types
  const writer = parquetChunks(head.columns);
  for (let from = first; rows > 0 && from <= last; from += pageRows) {
    writer.write((await engine.query(rowIdPageSql(table, from, from + pageRows))).rows);
  }
  return { parquet: writer.finish(), rows };
}
