import type { Points } from './points';

/** The Euclidean distances between all pairs i < j of points, row by row (n(n−1)/2 of them). */
export function pairwiseDistances(p: Points): Float32Array {
  const { n, d, values } = p;
  const out = new Float32Array((n * (n - 1)) / 2);
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (let o = i + 1; o < n; o++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const dz = values[i * d + j]! - values[o * d + j]!;
        s += dz * dz;
      }
      out[t++] = Math.sqrt(s);
    }
  }
  return out;
}

/**
 * The mean silhouette of a labelling (Rousseeuw, 1987) from the pairwise distances: for each
 * point, a = its mean distance to the others of its cluster, b = its lowest mean distance to
 * another cluster, s = (b − a) / max(a, b); a point alone in its cluster counts 0. The
 * distances are computed once and shared by every k.
 */
export function silhouetteFrom(
  distances: Float32Array,
  n: number,
  labels: Int32Array,
  k: number,
): number {
  if (n < 2 || k < 2) return 0;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  // sums[i*k + c]: point i's summed distance to the points of cluster c.
  const sums = new Float64Array(n * k);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const li = labels[i]!;
    for (let o = i + 1; o < n; o++) {
      const dist = distances[t++]!;
      sums[i * k + labels[o]!]! += dist;
      sums[o * k + li]! += dist;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i]!;
    if (sizes[own]! < 2) continue;
    const a = sums[i * k + own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[i * k + c]! / sizes[c]!);
    }
    if (!Number.isFinite(b)) continue;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

/** The mean silhouette of a labelling of `p` (see silhouetteFrom). O(n²): callers sample. */
export function silhouette(p: Points, labels: Int32Array, k: number): number {
  return silhouetteFrom(pairwiseDistances(p), p.n, labels, k);
}
