/** n points of d coordinates, row-major: point i is values[i*d .. i*d+d). */
export interface Points {
  values: Float64Array;
  n: number;
  d: number;
}

/** Squared Euclidean distance from point i to the centre stored at `c` of `centres`. */
export function squaredDistance(p: Points, i: number, centres: Float64Array, c: number): number {
  let sum = 0;
  const a = i * p.d;
  const b = c * p.d;
  for (let j = 0; j < p.d; j++) {
    const dz = p.values[a + j]! - centres[b + j]!;
    sum += dz * dz;
  }
  return sum;
}

/** The index of the nearest centre to point i (the first of equals) and its squared distance. */
export function nearest(p: Points, i: number, centres: Float64Array, k: number): [number, number] {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    const dist = squaredDistance(p, i, centres, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return [best, bestDistance];
}

/** The points at `indices`, in that order. */
export function subset(p: Points, indices: Int32Array): Points {
  const values = new Float64Array(indices.length * p.d);
  indices.forEach((i, at) => values.set(p.values.subarray(i * p.d, i * p.d + p.d), at * p.d));
  return { values, n: indices.length, d: p.d };
}
