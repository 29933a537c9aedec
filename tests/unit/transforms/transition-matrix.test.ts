import { afterEach, describe, expect, it, vi } from 'vitest';
import { transitionMatrix } from '../../../src/transforms/transition-matrix';

// the first period of tests/unit/sql/migration.test.ts, plus a repeated pair
const rows = [
  { from_segment: 'Active', to_segment: 'Active', customers: 1 },
  { from_segment: 'Active', to_segment: 'Lapsed', customers: 1 },
  { from_segment: 'Lapsed', to_segment: 'Lapsed', customers: 1 },
  { from_segment: 'New', to_segment: 'Active', customers: 1 },
  { from_segment: 'Active', to_segment: 'Active', customers: 2 },
];

afterEach(() => vi.unstubAllGlobals());

describe('transitionMatrix', () => {
  it('fills every cell, adds repeated pairs and gives row shares', () => {
    const m = transitionMatrix(rows, { from: ['Lapsed', 'Active'], to: ['Active', 'Lapsed'] });
    expect(m.from).toEqual(['Lapsed', 'Active', 'New']);
    expect(m.to).toEqual(['Active', 'Lapsed']);
    expect(m.counts).toEqual([
      [0, 1],
      [3, 1],
      [1, 0],
    ]);
    expect(m.rowTotals).toEqual([1, 4, 1]);
    expect(m.rowShares).toEqual([
      [0, 1],
      [0.75, 0.25],
      [1, 0],
    ]);
  });

  it('gives NULL shares for an empty row and runs without generating code (CSP)', () => {
    vi.stubGlobal('Function', () => {
      throw new EvalError('code generation is not allowed');
    });
    const m = transitionMatrix([
      { from_segment: 'A', to_segment: 'B', customers: 0 },
      { from_segment: 'B', to_segment: 'B', customers: 2 },
    ]);
    expect(m.rowShares).toEqual([[null], [1]]);
    expect(m.to).toEqual(['B']);
  });
});
