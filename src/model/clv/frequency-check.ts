import { CLV_SUMMARY_COLUMNS } from '../../sql/clv-summary';
import {
  asModelRef,
  modelConditionalExpectedPurchases,
  type PurchaseModelLike,
} from './continuous-models';
import type { CustomerSummary } from './summary';

/** Customers grouped by calibration repeat purchases: what they did in the holdout vs the model. */
export interface FrequencyCheckRow {
  /** Calibration repeat purchases: '0', '1', ..., '6', or '7+'. */
  x: string;
  customers: number;
  /** Mean holdout repeat purchases of these customers. */
  actual: number;
  /** Mean of E[Y(holdout duration) | x, t_x, T] over these customers. */
  predicted: number;
}

/** Calibration frequencies of 7 or more share the last group, as in Fader, Hardie & Lee (2005). */
export const FREQUENCY_GROUPS = 8;

/**
 * The conditional-expectations check of Fader, Hardie & Lee (2005), Figure 4: for each group of
 * calibration frequency, the mean holdout purchases against the mean model expectation over the
 * holdout. Reads `holdout_frequency` and `holdout_duration` from the `clvSummarySql` rows; empty
 * when the rows have no holdout columns. Groups without customers are left out.
 */
export function frequencyCheck(
  purchaseModel: PurchaseModelLike,
  summary: CustomerSummary,
  rows: readonly Record<string, unknown>[],
): FrequencyCheckRow[] {
  const c = CLV_SUMMARY_COLUMNS;
  if (rows.length === 0 || rows[0]?.[c.holdoutFrequency] === undefined) return [];
  const model = asModelRef(purchaseModel);
  const customers = new Float64Array(FREQUENCY_GROUPS);
  const actual = new Float64Array(FREQUENCY_GROUPS);
  const predicted = new Float64Array(FREQUENCY_GROUPS);
  rows.forEach((row, i) => {
    const x = summary.frequency[i];
    const g = Math.min(x, FREQUENCY_GROUPS - 1);
    const duration = Number(row[c.holdoutDuration]);
    customers[g] += 1;
    actual[g] += Number(row[c.holdoutFrequency]);
    predicted[g] += modelConditionalExpectedPurchases(
      model,
      duration,
      x,
      summary.recency[i],
      summary.T[i],
    );
  });
  return frequencyGroupRows(customers, actual, predicted);
}

/**
 * Per calibration-frequency group (0 … FREQUENCY_GROUPS - 1, the last one "n+"): the mean of
 * the actual and of the predicted holdout purchases, from their sums; empty groups left out.
 */
export function frequencyGroupRows(
  customers: ArrayLike<number>,
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): FrequencyCheckRow[] {
  const out: FrequencyCheckRow[] = [];
  for (let g = 0; g < FREQUENCY_GROUPS; g++) {
    if (customers[g] === 0) continue;
    out.push({
      x: g === FREQUENCY_GROUPS - 1 ? `${g}+` : String(g),
      customers: customers[g],
      actual: actual[g] / customers[g],
      predicted: predicted[g] / customers[g],
    });
  }
  return out;
}
