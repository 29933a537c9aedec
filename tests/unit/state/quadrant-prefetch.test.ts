import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import { EngineQueue } from '../../../src/state/EngineQueue';
import { QuadrantPrefetch } from '../../../src/state/quadrant-prefetch';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(
    `CREATE TABLE seg AS SELECT i AS customer_id, i * 10.0 AS v FROM range(1, 101) t(i)`,
  );
});
afterAll(async () => engine.close());

/** A real query standing for the quadrant; `calls` counts how often DuckDB was asked. */
function fetcher(calls: string[]) {
  return async (e: Engine, id: string, scale: string) => {
    calls.push(`${id}:${scale}`);
    const { rows } = await e.query(`SELECT sum(v) AS total, count(*) AS n FROM seg`);
    return rows[0] as { total: number; n: number };
  };
}

const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

describe('QuadrantPrefetch', () => {
  it('hands the tab the quadrant fetched while idle, once, for the same result and scale', async () => {
    const queue = new EngineQueue(async () => engine, 10);
    const calls: string[] = [];
    const p = new QuadrantPrefetch((w) => queue.background(w), fetcher(calls));
    p.ahead('c1', { made: 1, scale: 'auto' });
    p.ahead('c1', { made: 1, scale: 'auto' }); // the same result: not fetched twice
    await settle();
    const got = await p.take('c1', { made: 1, scale: 'auto' });
    // 1 + 2 + … + 100 = 5050, times 10
    expect(got).toEqual({ total: 50500, n: 100 });
    expect(calls).toEqual(['c1:auto']);
    expect(p.take('c1', { made: 1, scale: 'auto' })).toBeNull();
  });

  it('gives nothing for another result or scale', async () => {
    const queue = new EngineQueue(async () => engine, 10);
    const p = new QuadrantPrefetch((w) => queue.background(w), fetcher([]));
    p.ahead('c1', { made: 1, scale: 'auto' });
    await settle();
    expect(p.take('c1', { made: 2, scale: 'auto' })).toBeNull();
    p.ahead('c1', { made: 2, scale: 'auto' });
    await settle();
    expect(p.take('c1', { made: 2, scale: 'linear' })).toBeNull();
  });

  it('drops a fetch whose turn had not started when the tab opened: DuckDB is not asked', async () => {
    const queue = new EngineQueue(async () => engine, 10);
    const calls: string[] = [];
    const p = new QuadrantPrefetch((w) => queue.background(w), fetcher(calls));
    // User work keeps the engine busy, so the background turn waits.
    const user = queue.run(async (e) => {
      await settle(30);
      return e.query('SELECT 1');
    });
    p.ahead('c1', { made: 1, scale: 'auto' });
    expect(p.take('c1', { made: 1, scale: 'auto' })).toBeNull();
    await user;
    await settle(100);
    expect(calls).toEqual([]);
  });
});
