import { describe, expect, it } from 'vitest';
import { firstSlices, sliceChanges } from '../../../src/charts/progressive-rows';

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('sliceChanges', () => {
  it('gives every removed and inserted row exactly once, in order, in slices of the size', () => {
    const remove = range(1234);
    const insert = range(250, 5000);
    const slices = sliceChanges({ remove, insert }, 500);
    expect(slices).toHaveLength(3);
    expect(slices.flatMap((s) => s.remove)).toEqual(remove);
    expect(slices.flatMap((s) => s.insert)).toEqual(insert);
    for (const s of slices) {
      expect(s.remove.length).toBeLessThanOrEqual(500);
      expect(s.insert.length).toBeLessThanOrEqual(500);
    }
  });

  it('keeps an empty change as one empty slice', () => {
    expect(sliceChanges({ remove: [], insert: [] }, 10)).toEqual([{ remove: [], insert: [] }]);
  });
});

describe('firstSlices', () => {
  it('builds with the first rows and adds the rest after, nothing lost or repeated', () => {
    const { first, later } = firstSlices({ a: range(1001), b: range(3) }, 400, 100);
    expect(first.a).toEqual(range(100));
    expect(first.b).toEqual(range(3));
    expect(later.b).toBeUndefined();
    expect(later.a!.map((s) => s.length)).toEqual([400, 400, 101]);
    expect([...first.a!, ...later.a!.flat()]).toEqual(range(1001));
  });
});
