import type { Engine, Row } from '../engine/types';
import type { Lang } from '../model/labels';
import type { PresetCell } from '../model/notebook';
import { presetParams } from '../model/preset-params';
import { presetById } from '../model/presets';
import { segmentSummarySql } from '../sql/segment-summary';
import { runSqlCell, type CellResult } from './run-sql-cell';

export const FEATURES_TABLE = 'customer_features';

export interface PresetResult extends CellResult {
  sql: string;
  summary: Row[];
}

/** The SQL a preset cell runs, as the user sees it under "Show SQL". */
export function presetCellSql(cell: PresetCell, asOf: string, lang: Lang): string {
  const preset = presetById(cell.presetId);
  return preset.toSql(presetParams(preset, cell), { features: FEATURES_TABLE, asOf, lang });
}

/** Runs a preset cell over the features table and summarises its segments. */
export async function runPresetCell(
  engine: Engine,
  cell: PresetCell,
  asOf: string,
  lang: Lang,
): Promise<PresetResult> {
  const sql = presetCellSql(cell, asOf, lang);
  const result = await runSqlCell(engine, {
    id: cell.id,
    kind: 'sql',
    source: sql,
    name: cell.name,
  });
  const { rows } = await engine.query(segmentSummarySql(cell.name, FEATURES_TABLE));
  return { ...result, sql, summary: rows };
}
