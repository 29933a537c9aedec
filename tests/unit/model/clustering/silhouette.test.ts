import { describe, expect, it } from 'vitest';
import { silhouette } from '../../../../src/model/clustering/silhouette';

const points = (xs: number[]) => ({ values: Float64Array.from(xs), n: xs.length, d: 1 });

describe('silhouette', () => {
  it('matches a hand-worked example', () => {
    // Points 0, 1 | 4, 5. Point 0: a = 1, b = (4 + 5) / 2 = 4.5, s = 3.5 / 4.5 = 7/9.
    // Point 1: a = 1, b = (3 + 4) / 2 = 3.5, s = 5/7; 4 and 5 mirror 1 and 0.
    const s = silhouette(points([0, 1, 4, 5]), Int32Array.from([0, 0, 1, 1]), 2);
    expect(s).toBeCloseTo((7 / 9 + 5 / 7) / 2, 12);
  });

  it('counts a point alone in its cluster as 0', () => {
    // Points 0 | 2, 3. Point 0 alone: 0. Point 2: a = 1, b = 2, s = 1/2.
    // Point 3: a = 1, b = 3, s = 2/3.
    const s = silhouette(points([0, 2, 3]), Int32Array.from([0, 1, 1]), 2);
    expect(s).toBeCloseTo((0 + 1 / 2 + 2 / 3) / 3, 12);
  });

  it('is negative for a labelling against the data', () => {
    const s = silhouette(points([0, 1, 4, 5]), Int32Array.from([0, 1, 0, 1]), 2);
    expect(s).toBeLessThan(0);
  });
});
