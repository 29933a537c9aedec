import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import { emptyNotebook, type SqlCell } from '../../../src/model/notebook';
import { serializeNotebook } from '../../../src/io/notebook-file';
import { CatalogState } from '../../../src/state/CatalogState.svelte';
import { CellActions } from '../../../src/state/CellActions.svelte';
import { EngineState } from '../../../src/state/EngineState.svelte';
import { FeaturesState } from '../../../src/state/FeaturesState.svelte';
import { LangState } from '../../../src/state/LangState.svelte';
import { NotebookRunner } from '../../../src/state/NotebookRunner.svelte';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { MemoryBackend } from '../../support/memory-backend';
import { NodeEngine } from '../../support/node-engine';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

const sql = (id: string, name: string, source: string): SqlCell => ({
  id,
  kind: 'sql',
  name,
  source,
});

/** A runner over real cells on DuckDB; `executed` lists the cells in the order they ran. */
function setup(onExecute: (id: string) => void = () => {}) {
  const notebook = new NotebookState(null);
  const features = new FeaturesState(notebook);
  const catalog = new CatalogState();
  const executed: string[] = [];
  const runner = new NotebookRunner({
    notebook,
    features,
    catalog,
    execute: (id) => {
      executed.push(id);
      onExecute(id);
      return cells.execute(id);
    },
  });
  const cells: CellActions = new CellActions({
    notebook,
    features,
    catalog,
    runner,
    lang: new LangState(null, ['en']),
    engine: new EngineState(async () => engine),
    exclusive: <T>(work: (e: Engine) => Promise<T>) => work(engine),
    recover: async () => undefined,
  });
  const value = (id: string) => {
    const result = notebook.runs[id]?.result;
    return result && 'page' in result ? result.page[0] : undefined;
  };
  return { notebook, runner, cells, executed, value };
}

describe('NotebookRunner: dependency order', () => {
  it('runs each cell after the cells it reads, whatever their order on the page', async () => {
    const s = setup();
    // On the page the last step comes first; each reads the one below it.
    s.notebook.notebook.cells = [
      sql('c', 'order_c', 'SELECT x + 1 AS y FROM order_b'),
      sql('b', 'order_b', 'SELECT x * 10 AS x FROM order_a'),
      sql('a', 'order_a', 'SELECT 4 AS x'),
    ];
    await s.runner.runAll();
    expect(s.executed).toEqual(['a', 'b', 'c']);
    expect(s.value('c')).toEqual({ y: 41 });

    // A change to the first re-runs its readers, in order, and only them.
    s.executed.length = 0;
    (s.notebook.notebook.cells[2] as SqlCell).source = 'SELECT 7 AS x';
    s.notebook.notebook.cells.push(sql('d', 'order_d', 'SELECT 1 AS unrelated'));
    await s.cells.runCell('a');
    expect(s.executed).toEqual(['a', 'b', 'c']);
    expect(s.value('c')).toEqual({ y: 71 });
  });

  it('looks the readers up again after each run: one added meanwhile runs too', async () => {
    let added = false;
    const s = setup((id) => {
      // While `b` re-runs, the user adds a cell reading `c`, which has not re-run yet.
      if (id === 'b' && !added) {
        added = true;
        s.notebook.notebook.cells.unshift(sql('e', 'later_e', 'SELECT y * 2 AS z FROM later_c'));
      }
    });
    s.notebook.notebook.cells = [
      sql('a', 'later_a', 'SELECT 2 AS x'),
      sql('b', 'later_b', 'SELECT x + 1 AS x FROM later_a'),
      sql('c', 'later_c', 'SELECT x * 3 AS y FROM later_b'),
    ];
    await s.runner.runCell('a');
    expect(s.executed).toEqual(['a', 'b', 'c', 'e']);
    expect(s.value('e')).toEqual({ z: 18 });
  });

  it('skips the readers of a cell that failed; the others still run', async () => {
    const s = setup();
    s.notebook.notebook.cells = [
      sql('a', 'skip_a', 'SELECT 1 AS x'),
      sql('bad', 'skip_bad', 'SELECT nope FROM skip_a'),
      sql('after', 'skip_after', 'SELECT * FROM skip_bad'),
      sql('ok', 'skip_ok', 'SELECT x + 1 AS x FROM skip_a'),
    ];
    await s.runner.runCell('a');
    expect(s.executed).toEqual(['a', 'bad', 'ok']);
    expect(s.notebook.runs.bad?.status).toBe('error');
    expect(s.notebook.runs.after).toBeUndefined();
    expect(s.value('ok')).toEqual({ x: 2 });
  });
});

/** A workspace on a kept empty notebook: nothing loads or runs on start. */
async function emptyWorkspace(): Promise<Workspace> {
  const storage = new MemoryStorage();
  storage.setItem('seglab.notebook', serializeNotebook(emptyNotebook('runner')));
  const w = nodeWorkspace({ storage, backend: new MemoryBackend() });
  closers.push(w.close);
  await w.ws.start();
  return w.ws;
}

const file = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) });

/** Customers per segment of the notebook's one preset cell, summed. */
function customers(ws: Workspace): number {
  const cell = ws.notebook.notebook.cells.find((c) => c.kind === 'preset')!;
  const result = ws.notebook.runs[cell.id]?.result;
  const summary = result && 'summary' in result ? result.summary : [];
  return summary.reduce((n, r) => n + Number(r.customers), 0);
}

const ORDERS =
  'order_id,customer_id,order_date,amount\n' +
  'O1,A1,2024-01-05,100\nO2,A1,2024-02-05,50\nO3,B1,2024-01-07,60\nO4,C1,2024-03-01,20\n';

describe('NotebookRunner: what was built from a table follows it', () => {
  it('a cleaning step re-runs the presets on the cleaned table; settled() waits for it', async () => {
    const ws = await emptyWorkspace();
    await ws.session.loadFiles([file('orders.csv', ORDERS)]);
    expect(ws.features.mappingOf('orders')?.kind).toBe('orders');
    await ws.segments.addPresetCell('value-tiers');
    // A1, B1 and C1.
    expect(customers(ws)).toBe(3);

    const step = {
      kind: 'exclude' as const,
      filter: { test: 'prefix' as const, column: 'customer_id', prefix: 'C' },
    };
    expect(await ws.cleaning.apply('orders', step)).toBe(true);
    // The step is done; the re-run follows in the background, and the runner knows when.
    await ws.runner.settled();
    expect(customers(ws)).toBe(2);
  }, 120_000);

  it('a table read again from another file: the presets read the new rows', async () => {
    const ws = await emptyWorkspace();
    await ws.session.loadFiles([file('orders.csv', ORDERS)]);
    await ws.segments.addPresetCell('value-tiers');
    expect(customers(ws)).toBe(3);

    // Same table name, same columns, same mapping: only the rows differ (a fourth customer).
    await ws.session.loadFileAs('orders', file('orders-2.csv', `${ORDERS}O5,D1,2024-03-02,70\n`));
    await ws.runner.settled();
    expect(customers(ws)).toBe(4);
  }, 120_000);
});
