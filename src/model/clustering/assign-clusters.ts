import type { ClusterFit } from './cluster-fit';
import { transformValue } from './feature-transform';

/**
 * Each customer's cluster under `fit` with k clusters, 0..k-1, or −1 when a chosen feature is
 * missing (NaN): the nearest centroid in standardised units, the first of equals. The
 * preset's SQL computes the same thing (sql/presets/clusters.ts).
 */
export function assignClusters(
  fit: ClusterFit,
  k: number,
  columns: Record<string, Float64Array>,
): Int32Array {
  const solution = fit.solutions.find((s) => s.k === k);
  if (!solution) throw new Error(`No fitted solution with k = ${k}`);
  const cols = fit.features.map((f) => columns[f]!);
  const n = cols[0]?.length ?? 0;
  const labels = new Int32Array(n);
  const z = new Float64Array(cols.length);
  for (let i = 0; i < n; i++) {
    let complete = true;
    cols.forEach((col, j) => {
      const x = col[i]!;
      if (Number.isNaN(x)) complete = false;
      z[j] = (transformValue(x, fit.log) - fit.center[j]!) / fit.scale[j]!;
    });
    if (!complete) {
      labels[i] = -1;
      continue;
    }
    let best = 0;
    let bestDistance = Infinity;
    solution.centroids.forEach((centroid, c) => {
      let sum = 0;
      centroid.forEach((m, j) => {
        const dz = z[j]! - m;
        sum += dz * dz;
      });
      if (sum < bestDistance) {
        best = c;
        bestDistance = sum;
      }
    });
    labels[i] = best;
  }
  return labels;
}
