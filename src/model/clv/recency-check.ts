/** Customers grouped by calibration recency: what they did in the holdout vs the model. */
export interface RecencyCheckRow {
  /** Null for customers without repeat purchases (no recency to speak of). */
  from: number | null;
  /** The slice is [from, to); the last one includes its end. */
  to: number | null;
  customers: number;
  /** Mean holdout repeat purchases of these customers. */
  actual: number;
  /** Mean model expectation over the holdout for these customers. */
  predicted: number;
}

/** Slices of recency for repeat buyers; one-time buyers are a group of their own. */
export const RECENCY_SLICES = 8;

/**
 * The conditional-expectations check by calibration recency (lifetimes'
 * plot_calibration_purchases_vs_holdout_purchases with kind 'recency_cal'): customers without
 * repeat purchases first, then repeat buyers in `slices` slices of whole time units over
 * [0, maxT], each with its mean actual and mean predicted holdout purchases. Empty slices are
 * left out. All arrays are per customer, in one order.
 */
export function recencyCheck(
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  T: ArrayLike<number>,
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  slices = RECENCY_SLICES,
): RecencyCheckRow[] {
  const n = frequency.length;
  if (n === 0 || actual.length !== n || predicted.length !== n) return [];
  let maxT = 0;
  for (let i = 0; i < n; i++) maxT = Math.max(maxT, T[i]);
  const width = Math.max(1, Math.ceil(maxT / slices));
  const groups = slices + 1;
  const customers = new Float64Array(groups);
  const sumActual = new Float64Array(groups);
  const sumPredicted = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const g = frequency[i] > 0 ? 1 + Math.min(slices - 1, Math.floor(recency[i] / width)) : 0;
    customers[g] += 1;
    sumActual[g] += actual[i];
    sumPredicted[g] += predicted[i];
  }
  const out: RecencyCheckRow[] = [];
  for (let g = 0; g < groups; g++) {
    if (customers[g] === 0) continue;
    out.push({
      from: g === 0 ? null : (g - 1) * width,
      to: g === 0 ? null : g * width,
      customers: customers[g],
      actual: sumActual[g] / customers[g],
      predicted: sumPredicted[g] / customers[g],
    });
  }
  return out;
}
