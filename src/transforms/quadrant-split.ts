/**
 * Where an axis of the value-loyalty preset splits, as its SQL computes it
 * (src/sql/presets/value-loyalty.ts): the buyers' (non-prospects') median or mean of the measure,
 * missing measures (NaN) left out; NULL when no buyer has one.
 */
export function quadrantSplit(
  measure: Float64Array,
  prospect: Float64Array,
  split: 'median' | 'mean',
): number | null {
  const kept: number[] = [];
  for (let i = 0; i < measure.length; i++) {
    const x = measure[i]!;
    if (prospect[i] !== 1 && !Number.isNaN(x)) kept.push(x);
  }
  if (kept.length === 0) return null;
  if (split === 'mean') {
    let sum = 0;
    for (const x of kept) sum += x;
    return sum / kept.length;
  }
  const sorted = Float64Array.from(kept).sort();
  // DuckDB's median is quantile_cont(0.5): between the two middle values, as lo + d * (hi - lo).
  const at = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(at)]!;
  const hi = sorted[Math.ceil(at)]!;
  return lo === hi ? lo : lo + (at - Math.floor(at)) * (hi - lo);
}
