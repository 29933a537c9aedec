import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CREATED_WITH } from '../../src/io/app-version';
import { writeBundle, type BundleTable } from '../../src/io/bundle-file';
import type { Notebook } from '../../src/model/notebook';
import { selectAllSql } from '../../src/sql/file-io';
import { toCsv } from '../../src/io/export-csv';
import { roundMoney } from '../../src/io/export-money';
import { toParquet } from '../../src/io/export-parquet';
import { rawTableName } from '../../src/sql/cleaning';
import { relationExistsSql } from '../../src/sql/catalog';
import { tableToParquet } from '../../src/state/table-to-parquet';
import type { NativeEngine } from './native-engine';
import type { RunReport } from './run-notebook';

/** A file name for a result: its name, with characters a file system may refuse replaced. */
function stem(name: string): string {
  return [...name].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') || 'result';
}

/**
 * Writes what a run made to `outDir`: each segmentation and prediction table as Parquet and CSV
 * (as the app's Export writes them), `summary.json` (every cell's status and each segmentation's summary), and
 * a `.seglab` bundle of the notebook with its tables as loaded, which the app opens and runs.
 * Returns the files written.
 */
export async function writeOutputs(
  engine: NativeEngine,
  notebook: Notebook,
  report: RunReport,
  outDir: string,
  bundleName: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const cell of report.cells) {
    if (cell.status !== 'done' || cell.kind === 'sql') continue;
    // As the app exports a result: money to cents, CSV for spreadsheets (io/export-csv.ts).
    const { rows, columns } = await engine.query(selectAllSql(cell.name));
    const rounded = roundMoney(rows, columns);
    const files = {
      parquet: toParquet(rounded, columns),
      csv: new TextEncoder().encode(toCsv(rounded, columns)),
    };
    for (const [format, bytes] of Object.entries(files)) {
      const file = path.join(outDir, `${stem(cell.name)}.${format}`);
      writeFileSync(file, bytes);
      written.push(file);
    }
  }
  const summary = path.join(outDir, 'summary.json');
  const json = {
    title: notebook.title,
    createdWith: CREATED_WITH,
    asOf: report.asOf,
    churnDays: report.churnDays,
    tables: report.sources,
    cells: report.cells,
  };
  writeFileSync(summary, `${JSON.stringify(json, null, 2)}\n`);
  written.push(summary);
  const tables: BundleTable[] = [];
  for (const source of report.sources) {
    const raw = rawTableName(source.table);
    const kept = Number((await engine.query(relationExistsSql(raw))).rows[0]?.n ?? 0) > 0;
    tables.push({
      table: source.table,
      ...(await tableToParquet(engine, kept ? raw : source.table)),
    });
  }
  // The tables travel in the bundle: for whoever opens it they are the user's files, not the
  // app's sample, and the notebook is no longer the example.
  const bundled: Notebook = {
    ...notebook,
    tables: notebook.tables.map((t) => {
      const loaded = report.sources.find((s) => s.table === t.table);
      return { ...t, origin: 'file', ...(loaded ? { columns: loaded.columns } : {}) };
    }),
  };
  delete bundled.example;
  delete bundled.review;
  const bundle = path.join(outDir, bundleName);
  writeFileSync(bundle, writeBundle({ notebook: bundled, tables, createdWith: CREATED_WITH }));
  written.push(bundle);
  return written;
}
