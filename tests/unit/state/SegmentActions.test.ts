import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CatalogState } from '../../../src/state/CatalogState.svelte';
import { FeaturesState } from '../../../src/state/FeaturesState.svelte';
import { LangState } from '../../../src/state/LangState.svelte';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import { SegmentActions, TYPING_DEBOUNCE_MS } from '../../../src/state/SegmentActions.svelte';

/** The parameter side of SegmentActions: when a change re-runs the cell. No engine is needed. */
function setup() {
  const notebook = new NotebookState(null);
  const runs: string[] = [];
  const segments = new SegmentActions({
    notebook,
    features: new FeaturesState(notebook),
    catalog: new CatalogState(),
    lang: new LangState(null, ['en']),
    runCell: async (id) => void runs.push(id),
    exclusive: () => Promise.reject(new Error('no engine in this test')),
  });
  const cell = notebook.insertCell({
    id: 'c1',
    kind: 'preset',
    presetId: 'value-loyalty',
    params: {},
    name: 'vl',
    strategies: {},
  });
  return { notebook, segments, runs, cell };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SegmentActions parameters', () => {
  it('re-runs at once for a choice, after the typing pause for keystrokes', () => {
    const { segments, runs, cell } = setup();
    segments.setPresetParam('c1', 'split', 'mean');
    expect(runs).toEqual(['c1']);
    expect(cell.kind === 'preset' && cell.params.split).toBe('mean');

    segments.setPresetParam('c1', 'valueCut', 1, true);
    segments.setPresetParam('c1', 'valueCut', 12, true);
    vi.advanceTimersByTime(TYPING_DEBOUNCE_MS - 1);
    expect(runs).toEqual(['c1']);
    segments.setPresetParam('c1', 'valueCut', 120, true);
    vi.advanceTimersByTime(TYPING_DEBOUNCE_MS);
    expect(runs).toEqual(['c1', 'c1']); // one run for three keystrokes
    expect(cell.kind === 'preset' && cell.params.valueCut).toBe(120);
  });

  it('changes several parameters with one run, and a choice cancels a pending keystroke run', () => {
    const { segments, runs, cell } = setup();
    segments.setPresetParam('c1', 'valueCut', 5, true);
    segments.setPresetParams('c1', { split: 'custom', valueCut: 100, loyaltyCut: 3 });
    vi.advanceTimersByTime(TYPING_DEBOUNCE_MS * 2);
    expect(runs).toEqual(['c1']);
    expect(cell.kind === 'preset' && cell.params).toMatchObject({
      split: 'custom',
      valueCut: 100,
      loyaltyCut: 3,
    });
  });
});

describe('SegmentActions segment order', () => {
  it("orders a result's segments as its preset defines them, whichever is largest", () => {
    const { segments, cell } = setup();
    if (cell.kind !== 'preset') throw new Error('a preset cell');
    const bySize = ['Low priority', 'Core', 'Grow loyalty', 'Increase spend'];
    expect(segments.segmentOrder(cell, bySize)).toEqual([
      'Core',
      'Grow loyalty',
      'Increase spend',
      'Low priority',
    ]);
  });
});
