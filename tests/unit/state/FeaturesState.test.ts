import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import { EngineQueue } from '../../../src/state/EngineQueue';
import { FeaturesState } from '../../../src/state/FeaturesState.svelte';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import { FEATURES_TABLE } from '../../../src/model/features-table';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE orders AS SELECT * FROM (VALUES
    ('O1', 'C1', DATE '2024-01-05', 30.0),
    ('O2', 'C1', DATE '2024-03-01', 45.0),
    ('O3', 'C2', DATE '2024-02-10', 12.5)
  ) AS t(order_id, customer_id, order_date, amount)`);
});
afterAll(async () => engine.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** FeaturesState whose background work goes through a real EngineQueue on `on`. */
function setup(on: Engine = engine) {
  const notebook = new NotebookState(null);
  const queue = new EngineQueue(async () => on, 0);
  const features = new FeaturesState(notebook, (work, options) => queue.background(work, options));
  return { notebook, queue, features };
}

async function featureRows(): Promise<number> {
  const { rows } = await engine.query(`SELECT count(*) AS n FROM "${FEATURES_TABLE}"`);
  return Number(rows[0]?.n);
}

describe('FeaturesState.prebuild', () => {
  it('builds the features table in the background, and a preset then reuses it', async () => {
    await engine.exec(`DROP TABLE IF EXISTS "${FEATURES_TABLE}"`);
    const { queue, features } = setup();
    features.autoMap('orders', ['order_id', 'customer_id', 'order_date', 'amount']);
    features.prebuild();
    await expect.poll(() => features.builds).toBe(1);
    expect(await featureRows()).toBe(2);
    // What a preset does: the same table, not built again.
    await queue.run((e) => features.ensure(e));
    expect(features.builds).toBe(1);
  });

  it('does nothing without an orders table', async () => {
    const { queue, features } = setup();
    features.prebuild();
    await pause(20);
    await queue.run(async () => undefined);
    expect(features.builds).toBe(0);
  });

  it('leaves a failure for the preset to report', async () => {
    const { queue, features, notebook } = setup();
    notebook.notebook.mappings.push({
      table: 'orders',
      kind: 'orders',
      columns: { customerId: 'customer_id', orderDate: 'no_such_column', amount: 'amount' },
    });
    // No unhandled rejection: the test would fail on one.
    features.prebuild();
    await pause(50);
    expect(features.builds).toBe(0);
    await expect(queue.run((e) => features.ensure(e))).rejects.toThrow(/no_such_column/);
  });

  it('lets a preset wait for the build that is running instead of starting another', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    // The features statement takes a while, so the preset arrives while it runs.
    const slow = Object.assign(Object.create(engine) as NodeEngine, {
      async exec(sql: string) {
        if (sql.includes(`"${FEATURES_TABLE}"`)) {
          started();
          await pause(100);
        }
        return engine.exec(sql);
      },
    });
    const { features } = setup(slow);
    features.autoMap('orders', ['order_id', 'customer_id', 'order_date', 'amount']);
    await features.prebuilt(); // nothing running: at once
    expect(features.builds).toBe(0);
    features.prebuild();
    await running;
    await features.prebuilt();
    expect(features.builds).toBe(1);
  });

  it("does not make a preset wait for a build on one of DuckDB's threads", async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    // DuckDB-WASM with threads, whose background work runs on one of them.
    const threaded = Object.assign(Object.create(engine) as NodeEngine, {
      cancellableOnOneThread: true,
      async exec(sql: string) {
        if (sql.includes(`"${FEATURES_TABLE}"`)) {
          started();
          await finished;
        }
        return engine.exec(sql);
      },
    });
    const { features } = setup(threaded);
    features.autoMap('orders', ['order_id', 'customer_id', 'order_date', 'amount']);
    features.prebuild();
    await running;
    await features.prebuilt(); // at once: the preset goes ahead and cancels the build
    expect(features.builds).toBe(0);
    finish();
    await expect.poll(() => features.builds).toBe(1);
  });
});
