import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import { EngineQueue } from '../../../src/state/EngineQueue';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(async () => engine.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A turn that records when it ran and asks DuckDB something. */
function turn(log: string[], name: string, ms = 0) {
  return async (e: Engine) => {
    log.push(`${name} start`);
    const { rows } = await e.query(`SELECT 1 AS one`);
    if (ms) await pause(ms);
    log.push(`${name} end`);
    return rows[0]?.one;
  };
}

describe('EngineQueue', () => {
  it('runs user work one turn at a time, in order, with the engine', async () => {
    const queue = new EngineQueue(async () => engine, 20);
    const log: string[] = [];
    const results = await Promise.all([
      queue.run(turn(log, 'a', 10)),
      queue.run(turn(log, 'b')),
      queue.run(turn(log, 'c')),
    ]);
    expect(results).toEqual([1, 1, 1]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets user work queued later overtake waiting background work', async () => {
    const queue = new EngineQueue(async () => engine, 20);
    const log: string[] = [];
    const user1 = queue.run(turn(log, 'user1', 10));
    const checks = [queue.background(turn(log, 'check1')), queue.background(turn(log, 'check2'))];
    const user2 = queue.run(turn(log, 'user2'));
    await Promise.all([user1, user2, ...checks]);
    expect(log).toEqual([
      'user1 start',
      'user1 end',
      'user2 start',
      'user2 end',
      'check1 start',
      'check1 end',
      'check2 start',
      'check2 end',
    ]);
  });

  it('puts background work asked for with `first` ahead of the background work waiting', async () => {
    const queue = new EngineQueue(async () => engine, 20);
    const log: string[] = [];
    const user = queue.run(turn(log, 'user', 10));
    const checks = [queue.background(turn(log, 'check1')), queue.background(turn(log, 'check2'))];
    const prebuild = queue.background(turn(log, 'prebuild'), { first: true });
    await Promise.all([user, prebuild, ...checks]);
    expect(log).toEqual([
      'user start',
      'user end',
      'prebuild start',
      'prebuild end',
      'check1 start',
      'check1 end',
      'check2 start',
      'check2 end',
    ]);
  });

  it('waits for the engine to stay idle before background work, so chained turns come first', async () => {
    const queue = new EngineQueue(async () => engine, 50);
    const log: string[] = [];
    // A load finishes and queues its checks; then the user's action: two turns with a short
    // gap between them, as a cell run is.
    await queue.run(turn(log, 'load'));
    const check = queue.background(turn(log, 'check'));
    await pause(10);
    await queue.run(turn(log, 'step1'));
    await pause(10);
    await queue.run(turn(log, 'step2'));
    await check;
    expect(log).toEqual([
      'load start',
      'load end',
      'step1 start',
      'step1 end',
      'step2 start',
      'step2 end',
      'check start',
      'check end',
    ]);
  });

  it('reports a failing turn to its caller and carries on with the next', async () => {
    const queue = new EngineQueue(async () => engine, 0);
    const failing = queue.run((e) => e.query('SELECT * FROM no_such_table'));
    const next = queue.background((e) => e.query('SELECT 2 AS two'));
    await expect(failing).rejects.toThrow(/no_such_table/);
    expect((await next).rows[0]?.two).toBe(2);
  });

  it('cancels a running background turn when user work arrives, and runs it again afterwards', async () => {
    // The queue's part only: an engine whose one slow statement can be cancelled, as
    // DuckDB-WASM's pending query can (that cancel is tested in tests/e2e/foundation.e2e.ts).
    const log: string[] = [];
    let cancelSlow: (() => void) | null = null;
    const cancellable = Object.assign(Object.create(engine) as NodeEngine, {
      async cancel() {
        if (!cancelSlow) return false;
        cancelSlow();
        return true;
      },
    });
    const queue = new EngineQueue(async () => cancellable, 0);
    let attempts = 0;
    const check = queue.background(async (e) => {
      attempts++;
      log.push(`check ${attempts} start`);
      if (attempts === 1) {
        await new Promise<void>((resolve, reject) => {
          cancelSlow = () => reject(new Error('INTERRUPT Error: Interrupted!'));
          setTimeout(resolve, 5000);
        });
      }
      cancelSlow = null;
      log.push(`check ${attempts} end`);
      return (await e.query('SELECT 3 AS three')).rows[0]?.three;
    });
    await pause(20);
    const user = queue.run(turn(log, 'user'));
    expect(await user).toBe(1);
    expect(await check).toBe(3);
    expect(log).toEqual([
      'check 1 start',
      'user start',
      'user end',
      'check 2 start',
      'check 2 end',
    ]);
  });

  it("runs background turns through the engine's cancellable, and user turns as they are", async () => {
    // DuckDB-WASM with threads runs cancellable work on one thread (tests/e2e/foundation.e2e.ts).
    const log: string[] = [];
    let inside = false;
    const wrapping = Object.assign(Object.create(engine) as NodeEngine, {
      async cancellable<T>(work: () => Promise<T>): Promise<T> {
        inside = true;
        try {
          return await work();
        } finally {
          inside = false;
        }
      },
    });
    const queue = new EngineQueue(async () => wrapping, 0);
    const where = (name: string) => async (e: Engine) => {
      log.push(`${name} ${inside ? 'cancellable' : 'plain'}`);
      return (await e.query('SELECT 1 AS one')).rows[0]?.one;
    };
    await Promise.all([queue.run(where('user')), queue.background(where('check'))]);
    expect(log).toEqual(['user plain', 'check cancellable']);
  });
});
