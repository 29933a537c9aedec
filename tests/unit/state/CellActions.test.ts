import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import { CatalogState } from '../../../src/state/CatalogState.svelte';
import { CellActions } from '../../../src/state/CellActions.svelte';
import { EngineState } from '../../../src/state/EngineState.svelte';
import { FeaturesState } from '../../../src/state/FeaturesState.svelte';
import { LangState } from '../../../src/state/LangState.svelte';
import { NotebookRunner } from '../../../src/state/NotebookRunner.svelte';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('CellActions.cancel', () => {
  it('stops a SQL cell whose turn still waits behind background work that is giving way', async () => {
    // The cell's turn starts only when `release` is called, as it does once the background turn
    // in front of it has been cancelled; DuckDB has nothing of the user's to cancel before that.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const notebook = new NotebookState(null);
    const features = new FeaturesState(notebook);
    const catalog = new CatalogState();
    const runner = new NotebookRunner({
      notebook,
      features,
      catalog,
      execute: (id) => cells.execute(id),
    });
    const cells: CellActions = new CellActions({
      notebook,
      features,
      catalog,
      runner,
      lang: new LangState(null, ['en']),
      engine: new EngineState(async () => engine),
      exclusive: async <T>(work: (e: Engine) => Promise<T>) => {
        await gate;
        return work(engine);
      },
      recover: async () => undefined,
    });
    notebook.insertCell({
      id: 'long',
      kind: 'sql',
      source: 'CREATE TABLE ran AS SELECT 1 AS x',
    });
    const run = cells.runCell('long');
    expect(notebook.runs.long?.status).toBe('running');
    await cells.cancel();
    release();
    await run;
    expect(notebook.runs.long?.status).toBe('cancelled');
    const { rows } = await engine.query(
      "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'ran'",
    );
    expect(Number(rows[0]?.n)).toBe(0);

    // The next run is not stopped by that press.
    await cells.runCell('long');
    expect(notebook.runs.long?.status).toBe('done');
  });
});
