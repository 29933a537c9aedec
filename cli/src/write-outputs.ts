import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CREATED_WITH } from '../../src/io/app-version';
import { writeBundle, type BundleFeatures, type BundleTable } from '../../src/io/bundle-file';
import { FEATURES_TABLE } from '../../src/model/features-table';
import type { Notebook } from '../../src/model/notebook';
import { toCsv } from '../../src/io/export-csv';
import { MONEY_COLUMNS, roundMoney } from '../../src/io/export-money';
import { cellResultTable } from '../../src/sql/cell-result';
import { copyToParquetSql } from '../../src/sql/file-io';
import { countRowsSql } from '../../src/sql/read-file-sql';
import { rawTableName } from '../../src/sql/cleaning';
import { relationExistsSql } from '../../src/sql/catalog';
import { rowIdPageSql, rowIdRangeSql } from '../../src/sql/table-page';
import { PAGE_ROWS, tableToParquet } from '../../src/state/table-to-parquet';
import type { NativeEngine } from './native-engine';
import type { RunReport } from './run-notebook';

/** A file name for a result: its name, with characters a file system may refuse replaced. */
function stem(name: string): string {
  return [...name].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') || 'result';
}

/**
 * Writes a result table as `<file>.parquet` (by DuckDB's writer) and `<file>.csv` (as the app's
 * Export writes it, with a byte-order mark, a page of rows at a time: a table of millions of
 * customers is never held as JS rows at once), money rounded to cents in both.
 */
async function writeResult(engine: NativeEngine, table: string, file: string): Promise<string[]> {
  const range = (await engine.query(rowIdRangeSql(table))).rows[0];
  const rows = Number(range?.n ?? 0);
  const first = Number(range?.first ?? 0);
  const last = Number(range?.last ?? -1);
  const { columns } = await engine.query(rowIdPageSql(table, 0, 0));
  const names = columns.map((c) => c.name);
  await engine.exec(copyToParquetSql(table, names, MONEY_COLUMNS, `${file}.parquet`));
  const csv = openSync(`${file}.csv`, 'w');
  try {
    // The first page's text carries the byte-order mark and the header; the others, rows only.
    writeSync(csv, toCsv([], columns).replace(/\r\n$/, ''));
    for (let from = first; rows > 0 && from <= last; from += PAGE_ROWS) {
      const page = await engine.query(rowIdPageSql(table, from, from + PAGE_ROWS));
      const rounded = roundMoney(page.rows, columns);
      const text = toCsv(rounded, columns);
      writeSync(csv, text.slice(text.indexOf('\r\n'), -2));
    }
    writeSync(csv, '\r\n');
  } finally {
    closeSync(csv);
  }
  return [`${file}.parquet`, `${file}.csv`];
}

/**
 * Writes what a run made to `outDir`: each segmentation and prediction table as Parquet and CSV
 * (as the app's Export writes them), `summary.json` (every cell's status and each segmentation's
 * summary), and a `.seglab` bundle of the notebook for the app. The bundle carries the results:
 * the customer features table the segmentations read (per customer, never an order), with the
 * analysis date and churn threshold it was built for; the app shows every segmentation from it
 * and asks for the data files only for what needs them. With `withData` it carries the tables
 * as loaded instead, which the app opens and runs as it would the files. Returns the files
 * written.
 */
export async function writeOutputs(
  engine: NativeEngine,
  notebook: Notebook,
  report: RunReport,
  outDir: string,
  bundleName: string,
  options: { withData: boolean } = { withData: false },
): Promise<string[]> {
  const written: string[] = [];
  for (const cell of report.cells) {
    if (cell.status !== 'done' || cell.kind === 'sql') continue;
    const table = cell.kind === 'preset' ? cellResultTable(cell.id) : cell.name;
    written.push(...(await writeResult(engine, table, path.join(outDir, stem(cell.name)))));
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
  let features: BundleFeatures | undefined;
  if (options.withData) {
    for (const source of report.sources) {
      const raw = rawTableName(source.table);
      const kept = Number((await engine.query(relationExistsSql(raw))).rows[0]?.n ?? 0) > 0;
      tables.push({
        table: source.table,
        ...(await tableToParquet(engine, kept ? raw : source.table)),
      });
    }
  } else if (report.features) {
    // DuckDB's own writer: the features of millions of customers never pass through JS rows.
    const file = engine.scratchFile('customer_features.parquet');
    const { columns } = await engine.query(rowIdPageSql(FEATURES_TABLE, 0, 0));
    const names = columns.map((c) => c.name);
    await engine.exec(copyToParquetSql(FEATURES_TABLE, names, new Set(), file));
    const count = await engine.query(countRowsSql(FEATURES_TABLE));
    features = {
      rows: Number(count.rows[0]?.n ?? 0),
      parquet: new Uint8Array(readFileSync(file)),
      asOf: report.asOf,
      churn: report.derivedChurn,
      predictions: report.predictions,
    };
    rmSync(file);
  }
  // For whoever opens the bundle the tables are the user's files, not the app's sample, and the
  // notebook is no longer the example.
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
  const contents = { notebook: bundled, tables, createdWith: CREATED_WITH };
  writeFileSync(bundle, writeBundle(features ? { ...contents, features } : contents));
  written.push(bundle);
  return written;
}
