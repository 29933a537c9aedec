import { describe, expect, it } from 'vitest';
import { kmeans, kmeansOnce } from '../../../../src/model/clustering/kmeans';
import { restartSeed } from '../../../../src/model/clustering/random';
import { blobs, samePartition } from './synthetic';

const CENTRES = [
  [0, 0],
  [10, 0],
  [5, 9],
];

describe('kmeans', () => {
  it('recovers three well-separated clusters exactly', () => {
    const data = blobs(CENTRES, 100, 1, 7);
    const run = kmeans(data, 3, { seed: 42, restarts: 5 });
    expect(samePartition(run.labels, data.truth)).toBe(true);
    // Each centroid is its true cluster's mean, computed here in plain loops.
    for (let c = 0; c < 3; c++) {
      const members = [...data.truth.keys()].filter((i) => data.truth[i] === c);
      const label = run.labels[members[0]!]!;
      for (let j = 0; j < 2; j++) {
        const mean = members.reduce((s, i) => s + data.values[i * 2 + j]!, 0) / members.length;
        expect(run.centroids[label * 2 + j]).toBeCloseTo(mean, 10);
      }
    }
  });

  it('gives identical centroids and labels for the same seed', () => {
    const data = blobs(CENTRES, 80, 3, 11);
    const a = kmeans(data, 4, { seed: 9, restarts: 4 });
    const b = kmeans(data, 4, { seed: 9, restarts: 4 });
    expect(Array.from(b.centroids)).toEqual(Array.from(a.centroids));
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(b.inertia).toBe(a.inertia);
  });

  it('keeps the restart of lowest inertia', () => {
    // Overlapping data and k = 6: restarts end in different local optima.
    const data = blobs(CENTRES, 60, 4, 3);
    const run = kmeans(data, 6, { seed: 5, restarts: 8 });
    const singles = Array.from({ length: 8 }, (_, r) => kmeansOnce(data, 6, restartSeed(5, r)));
    expect(run.restartInertias).toEqual(singles.map((s) => s.inertia));
    expect(new Set(run.restartInertias).size).toBeGreaterThan(1);
    const best = Math.min(...singles.map((s) => s.inertia));
    expect(run.inertia).toBe(best);
    const first = singles.find((s) => s.inertia === best)!;
    expect(Array.from(run.labels)).toEqual(Array.from(first.labels));
    // Its inertia is the sum of squared distances to its centroids, summed here.
    let sum = 0;
    for (let i = 0; i < data.n; i++) {
      const c = run.labels[i]!;
      for (let j = 0; j < 2; j++) sum += (data.values[i * 2 + j]! - run.centroids[c * 2 + j]!) ** 2;
    }
    expect(run.inertia).toBeCloseTo(sum, 8);
  });

  it('refuses a k above the number of points', () => {
    const data = blobs(CENTRES, 1, 1, 1);
    expect(() => kmeans(data, 4, { seed: 1, restarts: 1 })).toThrow(/k must be/);
  });
});
