import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyNotebook } from '../../../src/model/notebook';
import { serializeNotebook } from '../../../src/io/notebook-file';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** Rows of each sample file, counted from the files (no field holds a line break). */
const SAMPLE_ROWS = Object.fromEntries(
  ['customers', 'orders', 'interactions', 'campaigns'].map((table) => {
    const file = path.join(__dirname, '../../../sample-data', `${table}.csv`);
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    return [table, lines.length - 1];
  }),
);

/** More than 2 MB of DuckDB memory: a sort of a million 100-character strings. */
const BIG =
  "SELECT count(*) FROM (SELECT repeat('x', 100) || range AS s FROM range(1000000) ORDER BY s)";

const counts = (ws: Workspace, tables: string[]) =>
  ws.exclusive(async (e) => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      out[t] = Number((await e.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0]!.n);
    }
    return out;
  });

describe('out-of-memory recovery', () => {
  it('brings back every table, the sample included, on a fresh engine', async () => {
    const w = nodeWorkspace({ backend: new MemoryBackend(), transfer: true });
    closers.push(w.close);
    const { ws } = w;
    await ws.start();
    expect(await counts(ws, Object.keys(SAMPLE_ROWS))).toEqual(SAMPLE_ROWS);

    const limit = ws.notebook.addCell('sql', 0, "SET memory_limit = '40MB'");
    const big = ws.notebook.addCell('sql', 1, BIG);
    await ws.cells.runCell(limit.id);
    expect(ws.notebook.runs[limit.id]?.status).toBe('done');
    await ws.cells.runCell(big.id);
    expect(ws.notebook.runs[big.id]?.error).toMatch(/Out of Memory/);
    await expect.poll(() => ws.engine.restarts).toBe(1);
    await expect
      .poll(() => ws.notices.map((n) => n.text).join('\n'), { timeout: 60_000 })
      .toMatch(/DuckDB ran out of memory and was restarted: 4 table/);
    expect(ws.notices.map((n) => n.text).join('\n')).not.toMatch(/Drop these files again/);
    expect(await counts(ws, Object.keys(SAMPLE_ROWS))).toEqual(SAMPLE_ROWS);
  }, 120_000);

  it('a notebook that runs out of memory while opening comes back for review, then and after a reload', async () => {
    const storage = new MemoryStorage();
    const notebook = emptyNotebook('Heavy');
    notebook.cells = [
      { id: 'limit', kind: 'sql', source: "SET memory_limit = '40MB'" },
      { id: 'big', kind: 'sql', source: BIG },
      { id: 'after', kind: 'sql', source: 'SELECT 42 AS answer' },
    ];
    storage.setItem('seglab.notebook', serializeNotebook(notebook));
    const first = nodeWorkspace({ storage, backend: new MemoryBackend() });
    closers.push(first.close);
    await first.ws.start();
    await expect.poll(() => first.ws.engine.restarts).toBe(1);
    await expect.poll(() => first.ws.notebook.notebook.review).toBe(true);
    await first.ws.exclusive(async () => {}); // the recovery's turn is over
    // Nothing after the failure ran, and the new engine has the default memory limit again.
    expect(first.ws.notebook.runs.after).toBeUndefined();
    const limit = await first.ws.exclusive(
      async (e) => (await e.query("SELECT current_setting('memory_limit') AS m")).rows[0]!.m,
    );
    expect(limit).not.toMatch(/^(38\.1|40\.0) MiB$/);
    expect(first.ws.notices.map((n) => n.text).join('\n')).toMatch(/ran out of memory while/);
    first.ws.notebook.saveNow();

    first.close();
    const again = nodeWorkspace({ storage, backend: new MemoryBackend() });
    closers.push(again.close);
    await again.ws.start();
    expect(again.ws.notebook.notebook.review).toBe(true);
    expect(again.ws.notebook.runs).toEqual({});
    expect(again.ws.engine.restarts).toBe(0);
  }, 120_000);
});
