import { describe, expect, it } from 'vitest';
import type { DuckDBBundles } from '@duckdb/duckdb-wasm';
import { bundlesFor, engineChoiceOf } from '../../../src/engine/engine-choice';

const BUNDLES: DuckDBBundles = {
  mvp: { mainModule: 'mvp.wasm', mainWorker: 'mvp.js' },
  eh: { mainModule: 'eh.wasm', mainWorker: 'eh.js' },
  coi: { mainModule: 'coi.wasm', mainWorker: 'coi.js', pthreadWorker: 'coi.pthread.js' },
};

describe('engine choice', () => {
  it('reads ?engine= from the address, anything else is automatic', () => {
    expect(engineChoiceOf('?engine=threads')).toBe('threads');
    expect(engineChoiceOf('?x=1&engine=single')).toBe('single');
    expect(engineChoiceOf('?engine=THREADS')).toBe('auto');
    expect(engineChoiceOf('')).toBe('auto');
  });

  it('offers the threaded build from 4 cores, or when asked for', () => {
    const offered = (choice: 'auto' | 'threads' | 'single', cores: number | undefined) =>
      Object.keys(bundlesFor(BUNDLES, choice, cores)).sort();
    expect(offered('auto', 2)).toEqual(['eh', 'mvp']);
    expect(offered('auto', 3)).toEqual(['eh', 'mvp']);
    expect(offered('auto', undefined)).toEqual(['eh', 'mvp']);
    expect(offered('auto', 4)).toEqual(['coi', 'eh', 'mvp']);
    expect(offered('auto', 16)).toEqual(['coi', 'eh', 'mvp']);
    expect(offered('threads', 2)).toEqual(['coi', 'eh', 'mvp']);
    expect(offered('single', 16)).toEqual(['eh', 'mvp']);
    // The bundles it keeps are the same objects.
    expect(bundlesFor(BUNDLES, 'single', 16).eh).toBe(BUNDLES.eh);
  });
});
