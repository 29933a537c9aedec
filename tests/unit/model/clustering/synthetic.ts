/**
 * Test data made here, with a generator of its own (not the code under test): points around
 * given centres, each coordinate centre + N(0, spread²).
 */
export function blobs(
  centres: number[][],
  perCluster: number,
  spread: number,
  seed: number,
): { values: Float64Array; truth: Int32Array; n: number; d: number } {
  let state = seed;
  // A linear congruential generator (Numerical Recipes' constants), uniform in (0, 1).
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const d = centres[0]!.length;
  const n = centres.length * perCluster;
  const values = new Float64Array(n * d);
  const truth = new Int32Array(n);
  // Interleaved, so no cluster sits in one block of rows.
  for (let i = 0; i < n; i++) {
    const c = i % centres.length;
    truth[i] = c;
    for (let j = 0; j < d; j++) values[i * d + j] = centres[c]![j]! + spread * normal();
  }
  return { values, truth, n, d };
}

/** Whether two labellings are the same partition (equal up to renaming the labels). */
export function samePartition(a: Int32Array, b: Int32Array): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]!) ?? b[i]) !== b[i] || (ba.get(b[i]!) ?? a[i]) !== a[i]) return false;
    ab.set(a[i]!, b[i]!);
    ba.set(b[i]!, a[i]!);
  }
  return true;
}
