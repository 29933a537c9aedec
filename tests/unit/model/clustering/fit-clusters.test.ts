import { describe, expect, it } from 'vitest';
import { fitClusters } from '../../../../src/model/clustering/fit-clusters';
import { blobs } from './synthetic';

/** Two columns from 2-d blobs, with a missing value in every 25th row of the second. */
function columns(perCluster: number) {
  const data = blobs(
    [
      [50, 2],
      [800, 12],
      [5000, 3],
    ],
    perCluster,
    0.05,
    17,
  );
  const monetary = new Float64Array(data.n);
  const frequency = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) {
    // Multiplicative noise: the clusters are well apart in log space.
    monetary[i] = [50, 800, 5000][data.truth[i]!]! * Math.exp(data.values[i * 2]! / 100);
    frequency[i] = i % 25 === 24 ? NaN : Math.round(data.values[i * 2 + 1]!);
  }
  return { monetary, frequency };
}

const SETTINGS = { features: ['monetary', 'frequency'], log: true, seed: 3, restarts: 4 };

describe('fitClusters', () => {
  it('fits k = 2..8, picks the k of best silhouette and counts the customers left out', () => {
    const fit = fitClusters(columns(100), SETTINGS);
    expect(fit.solutions.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(fit.bestK).toBe(3);
    expect(fit.customers).toBe(288);
    expect(fit.notClustered).toBe(12);
    expect(fit.fitSample).toBeNull();
    expect(fit.silhouetteSample).toBeNull();
    // Numbered by spend, highest first.
    const three = fit.solutions.find((s) => s.k === 3)!;
    const spend = three.centroids.map((c) => c[0]!);
    expect([...spend].sort((a, b) => b - a)).toEqual(spend);
  });

  it('is deterministic: same data and seed, the same fit', () => {
    const a = fitClusters(columns(100), SETTINGS);
    const b = fitClusters(columns(100), SETTINGS);
    expect(b).toEqual(a);
    const other = fitClusters(columns(100), { ...SETTINGS, seed: 4 });
    expect(other.solutions.find((s) => s.k === 3)!.centroids).toEqual(
      a.solutions.find((s) => s.k === 3)!.centroids,
    );
  });

  it('fits and measures silhouettes on fixed-seed samples of larger data', () => {
    const limits = { fitSample: 150, silhouetteSample: 60 };
    const a = fitClusters(columns(100), SETTINGS, limits);
    expect(a.fitSample).toBe(150);
    expect(a.silhouetteSample).toBe(60);
    expect(a.bestK).toBe(3);
    expect(fitClusters(columns(100), SETTINGS, limits)).toEqual(a);
  });

  it('refuses too few customers with every feature, in both languages', () => {
    const few = { monetary: Float64Array.from([1, 2, 3]), frequency: Float64Array.from([1, 2, 3]) };
    expect(() => fitClusters(few, SETTINGS)).toThrow(/Only 3 customers.*\n.*仅有3位/s);
  });
});
