import { kmeansPlusPlus } from './kmeans-plus-plus';
import { nearest, type Points } from './points';
import { mulberry32, restartSeed } from './random';

export interface KMeansOptions {
  seed: number;
  /** Independent runs, each from its own k-means++ seeding; the lowest inertia is kept. */
  restarts: number;
  maxIterations?: number;
}

export interface KMeansResult {
  k: number;
  /** k × d, row-major. */
  centroids: Float64Array;
  /** Each point's cluster, 0..k-1: its nearest centroid. */
  labels: Int32Array;
  /** Sum of squared distances of the points to their centroids. */
  inertia: number;
  /** The inertia each restart ended with, in order. */
  restartInertias: number[];
}

/** Lloyd's iterations from k-means++ seeding, once. */
export function kmeansOnce(p: Points, k: number, seed: number, maxIterations = 100): KMeansResult {
  const { n } = p;
  const centroids = kmeansPlusPlus(p, k, mulberry32(seed));
  const labels = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const [c, dist] = nearest(p, i, centroids, k);
      distances[i] = dist;
      if (c !== labels[i]) {
        labels[i] = c;
        changed = true;
      }
    }
    if (!changed) break;
    updateCentroids(p, k, labels, distances, centroids);
  }
  // The last update may have moved a centroid: the labels are the nearest to the final ones.
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const [c, dist] = nearest(p, i, centroids, k);
    labels[i] = c;
    inertia += dist;
  }
  return { k, centroids, labels, inertia, restartInertias: [inertia] };
}

/** Moves each centroid to its points' mean; an empty cluster takes the point farthest from its own. */
function updateCentroids(
  p: Points,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
  centroids: Float64Array,
): void {
  const { n, d } = p;
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    counts[c]!++;
    for (let j = 0; j < d; j++) sums[c * d + j]! += p.values[i * d + j]!;
  }
  for (let c = 0; c < k; c++) {
    if (counts[c]! > 0) {
      for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! / counts[c]!;
      continue;
    }
    let far = 0;
    for (let i = 1; i < n; i++) if (distances[i]! > distances[far]!) far = i;
    centroids.set(p.values.subarray(far * d, far * d + d), c * d);
    distances[far] = 0;
  }
}

/** k-means with `restarts` runs, keeping the one of lowest inertia (the first of equals). */
export function kmeans(p: Points, k: number, options: KMeansOptions): KMeansResult {
  if (k < 1 || k > p.n) throw new Error(`k must be between 1 and the number of points (${p.n})`);
  let best: KMeansResult | null = null;
  const restartInertias: number[] = [];
  for (let r = 0; r < Math.max(1, options.restarts); r++) {
    const run = kmeansOnce(p, k, restartSeed(options.seed, r), options.maxIterations);
    restartInertias.push(run.inertia);
    if (!best || run.inertia < best.inertia) best = run;
  }
  return { ...best!, restartInertias };
}
