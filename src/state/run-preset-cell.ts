import type { Engine, Row } from '../engine/types';
import { FEATURES_TABLE } from '../model/features-table';
import { pick, type Lang } from '../domain/labels';
import type { PresetCell } from '../model/notebook';
import { presetParams } from '../model/preset-params';
import { presetById } from '../model/presets';
import { segmentSummarySql } from '../sql/segment-summary';
import { firstPage, pagedResult, storeResult, type CellResult } from './run-sql-cell';

export interface PresetResult extends CellResult {
  sql: string;
  summary: Row[];
}

/** The SQL a preset cell runs, as the user sees it under "Show SQL". */
export function presetCellSql(
  cell: PresetCell,
  asOf: string,
  lang: Lang,
  churnDays: number,
): string {
  const preset = presetById(cell.presetId);
  const ctx = { features: FEATURES_TABLE, asOf, lang, churnDays };
  return preset.toSql(presetParams(preset, cell), ctx);
}

/** A preset cell's result table, made but not yet counted or summarised. */
export interface PresetTable {
  sql: string;
  elapsedMs: number;
  /** The preset's segment labels in rank order, for the summary's rows. */
  order: string[];
}

/** A preset cell's segment labels in its preset's rank order. */
export function presetOrder(cell: PresetCell, lang: Lang): string[] {
  const preset = presetById(cell.presetId);
  return preset.segments(presetParams(preset, cell)).map((d) => pick(d.label, lang));
}

/** Makes a preset cell's result table (and its view) over the features table. */
export async function makePresetTable(
  engine: Engine,
  cell: PresetCell,
  asOf: string,
  lang: Lang,
  churnDays: number,
): Promise<PresetTable> {
  const sql = presetCellSql(cell, asOf, lang, churnDays);
  const started = performance.now();
  await storeResult(engine, cell, sql);
  return { sql, elapsedMs: performance.now() - started, order: presetOrder(cell, lang) };
}

/**
 * The made table's row count, first page and customers and revenue per segment; with
 * `predictions` (a Predict cell's columns are in the features), predicted CLV per segment too.
 */
export async function summarisePresetTable(
  engine: Engine,
  cell: PresetCell,
  table: PresetTable,
  predictions = false,
): Promise<PresetResult> {
  const first = await firstPage(engine, cell.id);
  // Presets that show `monetary` show the features table's own (tests/integration/sample-presets).
  const revenue = first.columns.some((c) => c.name === 'monetary')
    ? { own: true as const }
    : { features: FEATURES_TABLE };
  const { rows } = await engine.query(
    segmentSummarySql(cell.name, revenue, table.order, predictions ? FEATURES_TABLE : undefined),
  );
  // Every row is in one segment (NULL too), so the segments' customers add up to the row count:
  // no count query of its own on a threshold change.
  const rowCount = rows.reduce((n, r) => n + Number(r.customers), 0);
  return { ...pagedResult(first, rowCount, table.elapsedMs), sql: table.sql, summary: rows };
}

/** Runs a preset cell over the features table and summarises its segments. */
export async function runPresetCell(
  engine: Engine,
  cell: PresetCell,
  asOf: string,
  lang: Lang,
  churnDays: number,
): Promise<PresetResult> {
  const table = await makePresetTable(engine, cell, asOf, lang, churnDays);
  return summarisePresetTable(engine, cell, table);
}
