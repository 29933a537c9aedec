import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { parseNotebook, serializeNotebook } from '../../src/io/notebook-file';
import type { Notebook } from '../../src/model/notebook';
import type { Workspace } from '../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../../tests/support/workspace';
import { NativeEngine } from '../src/native-engine';
import { runNotebook, type RunReport } from '../src/run-notebook';

/**
 * One notebook, run by the app's state code on DuckDB-WASM (as in the browser) and by
 * `seglab run` on native DuckDB: every customer lands in the same segment of every segmentation,
 * and the segment summaries (customers, revenue, predicted value) agree.
 */
const ROOT = path.join(__dirname, '../..');

interface Side {
  notebook: Notebook;
  segments: Map<string, Row[]>;
  summaries: Map<string, Row[]>;
}

const assignmentsSql = (name: string) =>
  `SELECT CAST(customer_id AS VARCHAR) AS customer_id, segment FROM "${name.replaceAll('"', '""')}" ORDER BY 1`;

/** Runs a notebook in the app (DuckDB-WASM in Node), then saves it as File → Save notebook does. */
async function inApp(setup: (ws: Workspace) => Promise<void>): Promise<Side> {
  const w = nodeWorkspace();
  try {
    await setup(w.ws);
    await w.ws.runner.settled();
    const ws = w.ws;
    const notebook = parseNotebook(serializeNotebook(ws.notebook.notebook));
    const segments = new Map<string, Row[]>();
    const summaries = new Map<string, Row[]>();
    for (const cell of notebook.cells) {
      if (cell.kind !== 'preset') continue;
      const run = ws.notebook.runs[cell.id];
      expect(run?.status, `${cell.name} in the app: ${run?.error ?? ''}`).toBe('done');
      summaries.set(cell.name, run?.result && 'summary' in run.result ? run.result.summary : []);
      const rows = await ws.exclusive(async (e) => (await e.query(assignmentsSql(cell.name))).rows);
      segments.set(cell.name, rows);
    }
    return { notebook, segments, summaries };
  } finally {
    w.close();
  }
}

async function inCli(
  notebook: Notebook,
  dataDir: string,
): Promise<{ side: Side; report: RunReport }> {
  const out = mkdtempSync(path.join(tmpdir(), 'seglab-parity-'));
  const engine = await NativeEngine.start([dataDir, out]);
  try {
    const report = await runNotebook(engine, notebook, dataDir, notebook.lang ?? 'en');
    const segments = new Map<string, Row[]>();
    const summaries = new Map<string, Row[]>();
    for (const c of report.cells) {
      if (c.kind !== 'preset') continue;
      expect(c.status, `${c.name} in the CLI: ${c.error ?? ''}`).toBe('done');
      summaries.set(c.name, c.summary ?? []);
      segments.set(c.name, (await engine.query(assignmentsSql(c.name))).rows);
    }
    return { side: { notebook, segments, summaries }, report };
  } finally {
    await engine.terminate();
    rmSync(out, { recursive: true, force: true });
  }
}

/** Summary rows with sums compared to 9 significant digits: DuckDB may add them in another order. */
function comparable(rows: Row[]): Row[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v,
      ]),
    ),
  );
}

function expectSame(app: Side, cli: Side): void {
  expect([...cli.segments.keys()]).toEqual([...app.segments.keys()]);
  for (const [name, rows] of app.segments) {
    const other = cli.segments.get(name)!;
    expect(other.length, name).toBe(rows.length);
    const moved = rows.filter(
      (r, i) => other[i]?.customer_id !== r.customer_id || other[i]?.segment !== r.segment,
    );
    expect(moved.slice(0, 5), `${name}: customers in another segment`).toEqual([]);
    expect(comparable(cli.summaries.get(name)!), `${name} summary`).toEqual(
      comparable(app.summaries.get(name)!),
    );
  }
}

describe('seglab run gives the app’s results', () => {
  let app: Side;
  let cli: Side;
  beforeAll(async () => {
    app = await inApp(async (ws) => {
      await ws.start();
    });
    ({ side: cli } = await inCli(app.notebook, path.join(ROOT, 'sample-data')));
  });

  it('on the example notebook over the sample', () => {
    expect(app.segments.size).toBeGreaterThan(2);
    expectSame(app, cli);
  });
});

describe('seglab run on CDNOW_master', () => {
  const dir = path.join(ROOT, 'tests/fixtures/cdnow');
  const file = 'CDNOW_master.txt';
  let app: Side;
  let cli: Side;
  let report: RunReport;
  beforeAll(async () => {
    app = await inApp(async (ws) => {
      await ws.session.newNotebook();
      const data = new File([readFileSync(path.join(dir, file))], file);
      await ws.session.loadFiles([{ name: file, data }]);
      // "Convert all": the date column holds 19970101 as numbers (a cleaning step the CLI applies).
      const table = ws.notebook.notebook.tables[0]!.table;
      const suggested = ws.data.suggestions[table] ?? [];
      expect(suggested.map((s) => s.column)).toContain('date');
      await ws.data.convertAll(table, suggested);
      await ws.runner.settled();
      await ws.cells.addPredictCell();
      for (const preset of ['rfm', 'lifecycle', 'value-tiers', 'churn-risk']) {
        await ws.segments.addPresetCell(preset);
      }
    });
    ({ side: cli, report } = await inCli(app.notebook, dir));
  });

  it('23,570 customers in the same segments, with the same summaries', () => {
    expect(app.notebook.tables[0]!.steps?.length).toBeGreaterThan(0);
    expect(report.sources).toEqual([
      expect.objectContaining({ table: app.notebook.tables[0]!.table, rows: 69_659 }),
    ]);
    for (const rows of app.segments.values()) expect(rows.length).toBe(23_570);
    expectSame(app, cli);
  });
});
