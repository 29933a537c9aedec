import { CLV_SUMMARY_COLUMNS } from '../../sql/clv-summary';
import { ClvInputError } from './clv-input-error';

/**
 * Per-customer summary data the models are fitted on (see src/sql/clv-summary.ts), one entry
 * per customer in each array. Times are in one unit (days or weeks) throughout.
 */
export interface CustomerSummary {
  /** x: repeat purchases (purchase days after the first) in the calibration period. */
  frequency: Float64Array;
  /** t_x: time from first to last calibration purchase. */
  recency: Float64Array;
  /** T: time from first purchase to the end of the calibration period. */
  T: Float64Array;
  /** Mean spend of the repeat purchases; 0 when frequency is 0. */
  monetaryValue: Float64Array;
}

/** Reads the rows of `clvSummarySql` into typed arrays. */
export function summaryFromRows(rows: readonly Record<string, unknown>[]): CustomerSummary {
  const n = rows.length;
  const out: CustomerSummary = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetaryValue: new Float64Array(n),
  };
  const c = CLV_SUMMARY_COLUMNS;
  rows.forEach((row, i) => {
    out.frequency[i] = Number(row[c.frequency]);
    out.recency[i] = Number(row[c.recency]);
    out.T[i] = Number(row[c.T]);
    out.monetaryValue[i] = Number(row[c.monetaryValue] ?? 0);
  });
  return out;
}

function bad(en: string, zh: string): never {
  throw new ClvInputError({ en, zh });
}

/**
 * Throws a readable error unless (x, t_x, T) describe a valid customer: x a whole number
 * >= 0, 0 <= t_x <= T, and t_x = 0 when x = 0. `row` (1-based) names the customer.
 */
export function assertValidCustomer(x: number, tx: number, T: number, row?: number): void {
  const who =
    row === undefined ? { en: '', zh: '' } : { en: `Customer ${row}: `, zh: `第 ${row} 位客户：` };
  if (!Number.isInteger(x) || x < 0) {
    bad(
      `${who.en}the number of repeat purchases must be a whole number >= 0, got ${x}.`,
      `${who.zh}复购次数必须是不小于 0 的整数，实际为 ${x}。`,
    );
  }
  if (!Number.isFinite(tx) || !Number.isFinite(T) || tx < 0 || tx > T) {
    bad(
      `${who.en}recency (${tx}) must be between 0 and T (${T}).`,
      `${who.zh}最近购买间隔（${tx}）必须介于 0 与 T（${T}）之间。`,
    );
  }
  if (x === 0 && tx !== 0) {
    bad(
      `${who.en}recency must be 0 when there are no repeat purchases, got ${tx}.`,
      `${who.zh}没有复购时最近购买间隔必须为 0，实际为 ${tx}。`,
    );
  }
}

/** Throws a readable error unless the arrays hold at least one valid customer each. */
export function assertValidRfm(data: {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}): void {
  const { frequency: x, recency: tx, T } = data;
  const n = x.length;
  if (n === 0) bad('There are no customers to fit the model on.', '没有可用于拟合模型的客户。');
  if (tx.length !== n || T.length !== n) {
    bad(
      'frequency, recency and T must have one value per customer.',
      'frequency、recency 和 T 必须每位客户各有一个值。',
    );
  }
  for (let i = 0; i < n; i++) assertValidCustomer(x[i], tx[i], T[i], i + 1);
}
