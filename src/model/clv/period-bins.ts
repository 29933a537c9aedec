import type { BgBbData } from './bgbb';
import { ClvInputError } from './clv-input-error';

/** One order: who, and which period it fell in (0 = the first period of the data). */
export interface PeriodOrder {
  customerId: string;
  period: number;
}

/**
 * Bins orders into discrete-time histories for BG/BB. Each customer's first period is their
 * trial; the opportunities are the later periods up to `periods - 1` (the last calibration
 * period), so n = periods - 1 - first. x counts the opportunities with at least one order,
 * t_x is the last of them counted from the first period (0 when x = 0). Orders in periods at
 * or after `periods` (a holdout) are ignored. Customers with equal (x, t_x, n) share a row,
 * whose weight is how many they are; rows are sorted by n, x, t_x.
 */
export function binOrdersIntoPeriods(
  orders: readonly PeriodOrder[],
  periods: number,
): BgBbData & {
  weights: Float64Array;
} {
  if (!Number.isInteger(periods) || periods < 2) {
    throw new ClvInputError({
      en: `Binning needs a whole number of periods, at least 2 (a first purchase and one more chance), got ${periods}.`,
      zh: `分期需要至少 2 个整数期（首次购买期和至少一个后续期），实际为 ${periods}。`,
    });
  }
  const seen = new Map<string, Set<number>>();
  orders.forEach((o, i) => {
    if (!Number.isInteger(o.period) || o.period < 0) {
      throw new ClvInputError({
        en: `Order ${i + 1} (customer ${o.customerId}) has period ${o.period}; periods are whole numbers from 0.`,
        zh: `第 ${i + 1} 笔订单（客户 ${o.customerId}）的期为 ${o.period}；期必须是从 0 开始的整数。`,
      });
    }
    if (o.period >= periods) return;
    let set = seen.get(o.customerId);
    if (!set) seen.set(o.customerId, (set = new Set()));
    set.add(o.period);
  });
  const rows = new Map<string, { x: number; tx: number; n: number; w: number }>();
  for (const set of seen.values()) {
    const first = Math.min(...set);
    const n = periods - 1 - first;
    const x = set.size - 1;
    const tx = x === 0 ? 0 : Math.max(...set) - first;
    const key = `${x},${tx},${n}`;
    const row = rows.get(key);
    if (row) row.w++;
    else rows.set(key, { x, tx, n, w: 1 });
  }
  const sorted = [...rows.values()].sort((a, b) => a.n - b.n || a.x - b.x || a.tx - b.tx);
  return {
    frequency: Float64Array.from(sorted, (r) => r.x),
    recency: Float64Array.from(sorted, (r) => r.tx),
    periods: Float64Array.from(sorted, (r) => r.n),
    weights: Float64Array.from(sorted, (r) => r.w),
  };
}
