import { existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../src/domain/labels';
import { LocalizedError } from '../../src/domain/localized-error';
import { detectFormat, type SniffedFormat } from '../../src/ingest/detect-format';
import { prepareFile } from '../../src/ingest/prepare-file';
import { errorText } from '../../src/model/error-text';
import type { Notebook, TableSource } from '../../src/model/notebook';
import { translate, type MessageKey, type MessageParams } from '../../src/i18n/translate';
import { readParquetSql } from '../../src/sql/file-io';
import { countRowsSql, describeTableSql } from '../../src/sql/read-file-sql';
import { buildCleanedTable } from '../../src/state/build-cleaned-table';
import { placeTable } from '../../src/state/place-table';
import type { NativeEngine } from './native-engine';

const WORKBOOKS: ReadonlySet<SniffedFormat> = new Set(['xlsx', 'xls', 'ods']);

/** An error in both languages from the catalogue (src/i18n). */
export function cliError(key: MessageKey, params: MessageParams): LocalizedError {
  return new LocalizedError({
    en: translate('en', key, params),
    zh: translate('zh-CN', key, params),
  });
}

export interface LoadedSource {
  table: string;
  fileName: string;
  rows: number;
  columns: string[];
}

/** Every column the notebook uses from a table: the columns it had, and those it maps. */
function neededColumns(notebook: Notebook, source: TableSource): string[] {
  const mapped = notebook.mappings
    .filter((m) => m.table === source.table)
    .flatMap((m) => Object.values(m.columns).filter((c): c is string => typeof c === 'string'));
  return [...new Set([...source.columns, ...mapped])];
}

async function describe(engine: NativeEngine, table: string): Promise<LoadedSource['columns']> {
  const { rows } = await engine.query(describeTableSql(table));
  return rows.map((r) => String(r.column_name));
}

/**
 * Loads one table of the notebook from `dir`, read as the notebook says (its read choices), and
 * applies its cleaning steps. CSV goes through the app's own reading (encoding, delimiter, header
 * and title-row detection, column names) into DuckDB's read_csv of the file on disk; Parquet is
 * read by DuckDB's read_parquet. Throws a message naming the file (and column) when the file
 * does not fit the notebook.
 */
export async function loadSource(
  engine: NativeEngine,
  notebook: Notebook,
  source: TableSource,
  dir: string,
): Promise<LoadedSource> {
  const file = path.resolve(dir, source.fileName);
  const names = { file: source.fileName, table: source.table, dir };
  if (!existsSync(file)) throw cliError('cli.noFile', names);
  const blob = await openAsBlob(file);
  const data = new File([blob], source.fileName);
  engine.knowPath(data, file);
  // Refused before the app's reader would parse a whole workbook or JSON file in memory.
  const { format } = await detectFormat(data, source.fileName);
  if (WORKBOOKS.has(format)) throw cliError('cli.workbook', names);
  if (format === 'json' || format === 'ndjson') throw cliError('cli.json', names);
  const prepared = await prepareFile({ name: source.fileName, data }, source.choices ?? {});
  if (!prepared || prepared.kind === 'sheet') throw cliError('cli.workbook', names);
  if (prepared.kind === 'json') throw cliError('cli.json', names);
  const steps = source.steps ?? [];
  let columns: string[];
  let stepsError: unknown = null;
  if (prepared.kind === 'parquet') {
    await engine.exec(readParquetSql(file, source.table));
    columns = await describe(engine, source.table);
    if (steps.length > 0) {
      try {
        await buildCleanedTable(engine, source.table, steps);
      } catch (e) {
        stepsError = e;
      }
    }
  } else {
    const placed = await placeTable(engine, prepared, source.table, steps, buildCleanedTable);
    columns = placed.loaded.columns.map((c) => c.name);
    stepsError = placed.stepsError;
  }
  const missing = neededColumns(notebook, source).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw cliError('cli.missingColumns', {
      ...names,
      columns: missing.map((c) => `“${c}”`).join(', '),
      have: columns.join(', '),
    });
  }
  if (stepsError !== null) {
    const message = (lang: Lang) => errorText(stepsError, lang);
    throw new LocalizedError({
      en: translate('en', 'cli.stepsFailed', { ...names, message: message('en') }),
      zh: translate('zh-CN', 'cli.stepsFailed', { ...names, message: message('zh-CN') }),
    });
  }
  const count = await engine.query(countRowsSql(source.table));
  return { ...names, fileName: source.fileName, rows: Number(count.rows[0]?.n ?? 0), columns };
}
