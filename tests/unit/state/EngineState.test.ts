import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import { EngineState } from '../../../src/state/EngineState.svelte';

/** An EngineState whose starter records each start and hands out its `wanted`. */
function engineState() {
  const starts: (() => boolean)[] = [];
  let finish: (engine: Engine) => void = () => {};
  const state = new EngineState((_progress, _queryProgress, wanted) => {
    starts.push(wanted);
    return new Promise<Engine>((resolve) => (finish = resolve));
  });
  const engine = { terminate: () => {} } as unknown as Engine;
  return { state, starts, finish: () => finish(engine), engine };
}

describe('EngineState', () => {
  it('starts once; a start ahead of need is not work waiting, `get` is', async () => {
    const { state, starts, finish, engine } = engineState();
    state.start();
    expect(starts).toHaveLength(1);
    const wanted = starts[0]!;
    expect(wanted()).toBe(false);
    const waiting = state.started();
    expect(wanted()).toBe(false);
    const work = state.get();
    expect(wanted()).toBe(true);
    expect(starts).toHaveLength(1);
    finish();
    expect(await work).toBe(engine);
    expect(await waiting).toBe(engine);
  });

  it('counts work that starts the engine itself as waiting from the start', () => {
    const { state, starts } = engineState();
    void state.get();
    expect(starts).toHaveLength(1);
    expect(starts[0]!()).toBe(true);
  });

  it('starts again after a failed start and shows the error', async () => {
    let calls = 0;
    const state = new EngineState(async () => {
      calls++;
      throw new Error('no WebAssembly');
    });
    await expect(state.get()).rejects.toThrow('no WebAssembly');
    expect(state.error).toBe('no WebAssembly');
    expect(state.progress.phase).toBe('failed');
    await expect(state.started()).rejects.toThrow('no WebAssembly');
    expect(calls).toBe(2);
  });
});
