import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/io/bundle-file';
import { serializeNotebook } from '../../src/io/notebook-file';
import type { Notebook } from '../../src/model/notebook';
import type { PresetResult } from '../../src/state/run-preset-cell';
import type { CellResult } from '../../src/state/run-sql-cell';
import { nodeWorkspace } from '../../tests/support/workspace';
import { main } from '../src/main';
import { NativeEngine } from '../src/native-engine';

/**
 * `seglab run` end to end on the example notebook as the app saves it (File → Save notebook):
 * the files it writes, read back on their own, and its bundle opened in the app.
 */
const SAMPLE = path.join(__dirname, '../../sample-data');
const lines = (file: string) => readFileSync(path.join(SAMPLE, file), 'utf8').trim().split(/\r?\n/);

let work: string;
let notebookFile: string;
let saved: Notebook;
/** Customers per segment of each segmentation, as the app counted them. */
const appCounts = new Map<string, Record<string, number>>();

/** Customers per segment in a preset cell's run, from its summary. */
function segmentCounts(result: CellResult | PresetResult | undefined): Record<string, number> {
  const summary = result && 'summary' in result ? result.summary : [];
  return Object.fromEntries(summary.map((r) => [String(r.segment), Number(r.customers)]));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'seglab-run-'));
  const w = nodeWorkspace();
  try {
    await w.ws.start();
    await w.ws.runner.settled();
    saved = JSON.parse(serializeNotebook(w.ws.notebook.notebook)) as Notebook;
    for (const cell of w.ws.notebook.notebook.cells) {
      if (cell.kind !== 'preset') continue;
      appCounts.set(cell.name, segmentCounts(w.ws.notebook.runs[cell.id]?.result));
    }
  } finally {
    w.close();
  }
  notebookFile = path.join(work, 'example.seglab.json');
  writeFileSync(notebookFile, serializeNotebook(saved));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A CSV's rows as records; fields hold no commas in these outputs but may be quoted. */
function parseCsv(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trim().split(/\r?\n/);
  const names = head!.split(',');
  return rows.map((line) => {
    const fields = line.split(',').map((f) => f.replace(/^"(.*)"$/, '$1'));
    return Object.fromEntries(names.map((n, i) => [n, fields[i] ?? '']));
  });
}

describe('seglab run', () => {
  let out: string;
  let said: string[];
  let code: number;
  beforeAll(async () => {
    out = path.join(work, 'out');
    said = [];
    code = await main(['run', notebookFile, '--data', SAMPLE, '--out', out], (l) => said.push(l));
  });

  it('runs every cell, saying what it does', () => {
    expect(code, said.join('\n')).toBe(0);
    expect(said).toContain('Loading orders.csv as orders…');
    expect(said.some((l) => /^Finished: (\d+) of \1 cells ran/.test(l))).toBe(true);
  });

  it('writes each segmentation as CSV and Parquet, counted as the app counts them', async () => {
    expect(appCounts.size).toBeGreaterThan(2);
    const engine = await NativeEngine.start([out]);
    try {
      for (const [name, counts] of appCounts) {
        const rows = parseCsv(readFileSync(path.join(out, `${name}.csv`), 'utf8'));
        const bySegment: Record<string, number> = {};
        for (const r of rows) bySegment[r.segment!] = (bySegment[r.segment!] ?? 0) + 1;
        expect(bySegment, name).toEqual(counts);
        const parquet = path.join(out, `${name}.parquet`).replaceAll("'", "''");
        const { rows: n } = await engine.query(
          `SELECT count(*) AS n FROM read_parquet('${parquet}')`,
        );
        expect(n[0]?.n, name).toBe(rows.length);
      }
    } finally {
      await engine.terminate();
    }
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.cells.every((c: { status: string }) => c.status === 'done')).toBe(true);
  });

  it('writes a results-only bundle: the customer features, no table of the data', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(out, 'example.seglab')));
    const entries: string[] = [];
    unzipSync(bytes, { filter: (f) => (entries.push(f.name), false) });
    expect(entries.sort()).toEqual([
      'manifest.json',
      'notebook.json',
      'results/customer_features.parquet',
    ]);
    const bundle = readBundle(bytes, 100_000_000);
    expect(bundle.tables).toEqual([]);
    // One row per customer (counted here from the CSVs: the customers and who ordered), and
    // not one order line.
    const ids = (csv: string) => {
      const [head, ...rows] = lines(csv);
      const at = head!.split(',').indexOf('customer_id');
      return rows.map((l) => l.split(',')[at]);
    };
    const buyers = new Set([...ids('orders.csv'), ...ids('customers.csv')]);
    const head = lines('orders.csv')[0];
    expect(bundle.features?.rows).toBe(buyers.size);
    const file = path.join(work, 'features.parquet');
    writeFileSync(file, bundle.features!.parquet);
    const engine = await NativeEngine.start([work]);
    try {
      const { columns, rows } = await engine.query(`SELECT * FROM read_parquet('${file}')`);
      expect(rows.length).toBe(buyers.size);
      expect(new Set(rows.map((r) => r.customer_id)).size).toBe(buyers.size);
      const names = columns.map((c) => c.name);
      for (const column of head!.split(',').filter((c) => c !== 'customer_id')) {
        expect(names, column).not.toContain(column);
      }
    } finally {
      await engine.terminate();
    }
  });

  it('opens in the app without the data: the segmentations as the app counted them, the files asked for', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(out, 'example.seglab')));
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
      cells: { kind: string; name: string; summary?: { segment: string; customers: number }[] }[];
    };
    const w = nodeWorkspace();
    try {
      expect(await w.ws.bundles.openBundle('example.seglab', bytes)).toBe(true);
      await w.ws.session.approveRun();
      await w.ws.runner.settled();
      const needed = w.ws.data.missingTables().map((t) => t.fileName);
      expect(needed.sort()).toEqual(
        ['campaigns.csv', 'customers.csv', 'interactions.csv', 'orders.csv'].sort(),
      );
      const { cells } = w.ws.notebook.notebook;
      let sqlErrors = 0;
      for (const cell of cells) {
        const run = w.ws.notebook.runs[cell.id];
        if (cell.kind === 'preset') {
          expect(run?.status, cell.name).toBe('done');
          const counts = segmentCounts(run?.result);
          expect(counts, cell.name).toEqual(appCounts.get(cell.name));
          const cli = summary.cells.find((c) => c.name === cell.name)?.summary ?? [];
          expect(counts).toEqual(Object.fromEntries(cli.map((r) => [r.segment, r.customers])));
        } else if (cell.kind === 'sql' && run?.status !== 'done') {
          // A SQL cell over the data names the file it needs; one over results runs.
          expect(run?.error).toMatch(/whose file \S+\.csv is not loaded/);
          sqlErrors++;
        }
      }
      expect(sqlErrors).toBeGreaterThan(0);
      expect(() => w.ws.features.requireOrders('cohorts')).toThrow(/Add orders\.csv/);
      // The orders file given, the features are built from it again: nothing was lost.
      const orders = readFileSync(path.join(SAMPLE, 'orders.csv'));
      await w.ws.session.loadFileAs('orders', { name: 'orders.csv', data: new Uint8Array(orders) });
      await w.ws.runner.settled();
      expect(w.ws.features.provided).toBeNull();
      expect(() => w.ws.features.requireOrders('cohorts')).not.toThrow();
    } finally {
      w.close();
    }
  });

  it('with --with-data, writes a bundle of the notebook and its tables as read, which the app opens and runs', async () => {
    const withData = path.join(work, 'out-with-data');
    const args = ['run', notebookFile, '--data', SAMPLE, '--out', withData, '--with-data'];
    expect(await main(args, () => {})).toBe(0);
    const bytes = new Uint8Array(readFileSync(path.join(withData, 'example.seglab')));
    const bundle = readBundle(bytes, 100_000_000);
    expect(bundle.features).toBeUndefined();
    const rows = Object.fromEntries(bundle.tables.map((t) => [t.table, t.rows]));
    expect(rows).toEqual({
      customers: lines('customers.csv').length - 1,
      orders: lines('orders.csv').length - 1,
      interactions: lines('interactions.csv').length - 1,
      campaigns: lines('campaigns.csv').length - 1,
    });
    expect(bundle.notebook.tables.every((t) => t.origin === 'file')).toBe(true);

    const w = nodeWorkspace();
    try {
      expect(await w.ws.bundles.openBundle('example.seglab', bytes)).toBe(true);
      await w.ws.session.approveRun();
      await w.ws.runner.settled();
      expect(w.ws.data.missingTables()).toEqual([]);
      for (const cell of w.ws.notebook.notebook.cells) {
        if (cell.kind !== 'preset') continue;
        const counts = segmentCounts(w.ws.notebook.runs[cell.id]?.result);
        expect(counts, cell.name).toEqual(appCounts.get(cell.name));
      }
    } finally {
      w.close();
    }
  });
  it('reads a table from Parquet with DuckDB, to the same segments', async () => {
    const dir = mkdtempSync(path.join(work, 'parquet-'));
    for (const f of ['customers.csv', 'interactions.csv', 'campaigns.csv']) {
      copyFileSync(path.join(SAMPLE, f), path.join(dir, f));
    }
    const engine = await NativeEngine.start([SAMPLE, dir]);
    try {
      const from = path.join(SAMPLE, 'orders.csv');
      const to = path.join(dir, 'orders.parquet');
      await engine.exec(`COPY (SELECT * FROM read_csv('${from}')) TO '${to}' (FORMAT parquet)`);
    } finally {
      await engine.terminate();
    }
    const notebook: Notebook = {
      ...saved,
      tables: saved.tables.map((t) =>
        t.table === 'orders' ? { ...t, fileName: 'orders.parquet' } : t,
      ),
    };
    const file = path.join(dir, 'parquet.seglab.json');
    writeFileSync(file, serializeNotebook(notebook));
    const out = path.join(dir, 'out');
    const said: string[] = [];
    expect(await main(['run', file, '--data', dir, '--out', out], (l) => said.push(l))).toBe(0);
    expect(said).toContain('Loading orders.parquet as orders…');
    for (const [name, counts] of appCounts) {
      const rows = parseCsv(readFileSync(path.join(out, `${name}.csv`), 'utf8'));
      const bySegment: Record<string, number> = {};
      for (const r of rows) bySegment[r.segment!] = (bySegment[r.segment!] ?? 0) + 1;
      expect(bySegment, name).toEqual(counts);
    }
  });
});

describe('seglab run with files that do not fit the notebook', () => {
  async function runOn(change: (dir: string) => void): Promise<{ code: number; said: string }> {
    const dir = mkdtempSync(path.join(work, 'data-'));
    for (const f of ['orders.csv', 'customers.csv', 'interactions.csv', 'campaigns.csv']) {
      copyFileSync(path.join(SAMPLE, f), path.join(dir, f));
    }
    change(dir);
    const said: string[] = [];
    const code = await main(
      ['run', notebookFile, '--data', dir, '--out', path.join(dir, 'out')],
      (l) => said.push(l),
    );
    return { code, said: said.join('\n') };
  }

  it('names the file and the column that is missing', async () => {
    const { code, said } = await runOn((dir) => {
      const file = path.join(dir, 'orders.csv');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('order_datetime', 'ordered_at'));
    });
    expect(code).toBe(1);
    expect(said).toMatch(
      /orders\.csv: column\(s\) “order_datetime” missing; the notebook’s table “orders” needs them/,
    );
  });

  it('names the file that is not there', async () => {
    const { code, said } = await runOn((dir) => rmSync(path.join(dir, 'campaigns.csv')));
    expect(code).toBe(1);
    expect(said).toMatch(/campaigns\.csv: not found in .*data-/);
    expect(existsSync(path.join(work, 'out', 'example.seglab'))).toBe(true);
  });

  it('says what it expects when called wrongly', async () => {
    const said: string[] = [];
    expect(await main(['run', notebookFile, '--data', SAMPLE], (l) => said.push(l))).toBe(2);
    expect(said[0]).toBe('Cannot run: --data DIR and --out DIR are both needed');
    const size = ['run', notebookFile, '--data', SAMPLE, '--out', work, '--memory-limit', 'lots'];
    expect(await main(size, (l) => said.push(l))).toBe(2);
    expect(said).toContain('Cannot run: --memory-limit is a size such as 512MB or 4GB');
  });
});
