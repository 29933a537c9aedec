import type { Points } from './points';

/**
 * The mean silhouette of a labelling (Rousseeuw, 1987), with Euclidean distances: for each point,
 * a = its mean distance to the others of its cluster, b = its lowest mean distance to another
 * cluster, s = (b − a) / max(a, b); a point alone in its cluster counts 0. O(n²): callers
 * sample large sets.
 */
export function silhouette(p: Points, labels: Int32Array, k: number): number {
  const { n, d } = p;
  if (n < 2 || k < 2) return 0;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let o = 0; o < n; o++) {
      if (o === i) continue;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const dz = p.values[i * d + j]! - p.values[o * d + j]!;
        s += dz * dz;
      }
      sums[labels[o]!]! += Math.sqrt(s);
    }
    const own = labels[i]!;
    if (sizes[own]! < 2) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (!Number.isFinite(b)) continue;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}
