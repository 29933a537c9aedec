import { asModelRef, modelExpectedPurchases, type PurchaseModelLike } from './continuous-models';
import { ClvInputError } from './clv-input-error';

/** Customers who made their first purchase at the same time (see src/sql/clv-tracking.ts). */
export interface Cohort {
  /** When they joined, in periods from the tracking origin. */
  offset: number;
  customers: number;
}

/** Enough for daily tracking over about 270 years. */
const MAX_PERIODS = 100_000;

function assertInput(cohorts: readonly Cohort[], periods: number): void {
  if (!Number.isInteger(periods) || periods < 0 || periods > MAX_PERIODS) {
    throw new ClvInputError({
      en: `The number of periods must be a whole number from 0 to ${MAX_PERIODS}, got ${periods}.`,
      zh: `期数必须是 0 到 ${MAX_PERIODS} 之间的整数，实际为 ${periods}。`,
    });
  }
  if (!Array.isArray(cohorts)) {
    throw new ClvInputError({ en: 'The cohorts must be a list.', zh: '客户批次必须是列表。' });
  }
  cohorts.forEach((c, i) => {
    if (!(Number.isFinite(c.offset) && c.offset >= 0 && Number.isFinite(c.customers))) {
      throw new ClvInputError({
        en: `Cohort ${i + 1} needs an offset >= 0 and a number of customers, got ${c.offset} and ${c.customers}.`,
        zh: `第 ${i + 1} 个客户批次需要不小于 0 的起始时间和客户数，实际为 ${c.offset} 和 ${c.customers}。`,
      });
    }
  });
}

/**
 * The BG/NBD model's expected cumulative repeat purchases of a set of cohorts at the end of each
 * period t = 1..periods: the sum over cohorts of customers * E[X(t - offset)], 0 for cohorts that
 * join at or after t (Fader, Hardie & Lee 2005, Figure 2). Element t-1 is period t.
 */
export function expectedCumulativeRepeat(
  purchaseModel: PurchaseModelLike,
  cohorts: readonly Cohort[],
  periods: number,
): Float64Array {
  assertInput(cohorts, periods);
  // Offsets are whole days over the unit, so t - offset repeats across periods and cohorts.
  const model = asModelRef(purchaseModel);
  const memo = new Map<number, number>();
  const ex = (t: number): number => {
    const key = Math.round(t * 1e9) / 1e9;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = modelExpectedPurchases(model, key)));
    return v;
  };
  const out = new Float64Array(periods);
  for (let t = 1; t <= periods; t++) {
    let total = 0;
    for (const c of cohorts) if (t > c.offset) total += c.customers * ex(t - c.offset);
    out[t - 1] = total;
  }
  return out;
}
