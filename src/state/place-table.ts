import type { Engine } from '../engine/types';
import { rawTableName } from '../sql/cleaning';
import type { CsvReject } from '../ingest/csv-load-report';
import { loadPrepared, type LoadedTable } from '../ingest/load-file';
import { prepareFile, type FileInput, type PreparedFile } from '../ingest/prepare-file';
import type { SheetInfo } from '../ingest/read-excel';
import type { ConversionSuggestion } from '../ingest/suggest-conversions';
import type { CleaningStep } from '../domain/cleaning-step';
import type { Labels } from '../domain/labels';
import type { TableSource } from '../model/notebook';
import { dropTableSql, renameTableSql } from '../sql/catalog';
import { suggestConversions } from './column-suggestions';

/** How a table was read, for the table panel: encoding, sheet, what was left out and renamed. */
export interface TableLoadInfo {
  fileName: string;
  format: LoadedTable['format'];
  encoding?: string;
  detectedEncoding?: string;
  delimiter?: string;
  /** CSV: the read options in force, chosen or detected. */
  read?: LoadedTable['read'];
  sheet?: string;
  sheets?: SheetInfo[];
  skippedRows: number;
  skipped: CsvReject[];
  warnings: Labels[];
}

export interface PlacedTable {
  loaded: LoadedTable;
  info: TableLoadInfo;
  suggestions: ConversionSuggestion[];
  /** Why the table's cleaning steps could not be applied to the new file, if they could not. */
  stepsError: unknown;
}

let temporary = 0;

/**
 * Loads a prepared file as `table`, inside `exclusive`: into a temporary table first, then
 * swapped in for the old table and its kept original, so a failure leaves everything as it
 * was. Then suggests parse rules for its text columns and applies its cleaning steps (`build`);
 * steps that no longer fit are reported, not thrown, as the table itself loaded fine.
 */
export async function placeTable(
  engine: Engine,
  prepared: PreparedFile,
  table: string,
  steps: readonly CleaningStep[],
  build: (engine: Engine, table: string, steps: readonly CleaningStep[]) => Promise<void>,
): Promise<PlacedTable> {
  const temp = `__seglab_load_${++temporary}`;
  const loaded = { ...(await loadPrepared(engine, prepared, temp)), table };
  try {
    await engine.exec(dropTableSql(table));
    await engine.exec(dropTableSql(rawTableName(table)));
    await engine.exec(renameTableSql(temp, table));
  } catch (e) {
    await engine.exec(dropTableSql(temp)).catch(() => {});
    throw e;
  }
  const converted = new Set(steps.flatMap((s) => (s.kind === 'convert' ? [s.column] : [])));
  const suggestions = (await suggestConversions(engine, table, loaded.columns)).filter(
    (s) => !converted.has(s.column),
  );
  let stepsError: unknown = null;
  if (steps.length > 0) {
    try {
      await build(engine, table, steps);
    } catch (e) {
      stepsError = e;
    }
  }
  return { loaded, info: loadInfo(prepared.fileName, loaded), suggestions, stepsError };
}

/**
 * Loads every table of the notebook again from the files at hand, with the choices and steps
 * it was loaded with (after the engine restarted). Returns how many loaded, and the files of
 * those that did not (no file kept, or it failed), for the user to drop again.
 */
export async function placeAll(
  engine: Engine,
  sources: readonly TableSource[],
  files: ReadonlyMap<string, FileInput>,
  build: (engine: Engine, table: string, steps: readonly CleaningStep[]) => Promise<void>,
): Promise<{ reloaded: number; missing: string[] }> {
  const missing: string[] = [];
  let reloaded = 0;
  for (const source of sources) {
    const file = files.get(source.table);
    try {
      const prepared = file ? await prepareFile(file, source.choices ?? {}) : null;
      if (!prepared) throw new Error(`${source.fileName} is not at hand`);
      await placeTable(engine, prepared, source.table, source.steps ?? [], build);
      reloaded++;
    } catch {
      missing.push(source.fileName);
    }
  }
  return { reloaded, missing };
}

function loadInfo(fileName: string, loaded: LoadedTable): TableLoadInfo {
  const { format, encoding, detectedEncoding, delimiter, read, sheet, sheets } = loaded;
  const { skippedRows, skipped, warnings } = loaded;
  return {
    fileName,
    format,
    skippedRows,
    skipped,
    warnings,
    ...(encoding ? { encoding } : {}),
    ...(detectedEncoding ? { detectedEncoding } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(read ? { read } : {}),
    ...(sheet ? { sheet } : {}),
    ...(sheets ? { sheets } : {}),
  };
}
