import { CLV_PERIOD_COLUMNS } from '../../sql/clv-periods';
import type { BgBbData } from './bgbb';
import { ClvInputError } from './clv-input-error';

/** One order (or one period's orders): who, which period (0 = the first of the data), spend. */
export interface PeriodOrder {
  customerId: string;
  period: number;
  /** Spend in the period; 0 when absent. */
  spend?: number;
}

/** Per customer, in first-seen order: the discrete-time history BG/BB scores. */
export interface PeriodHistories {
  customerIds: string[];
  /** x: calibration periods with an order after the customer's first. */
  frequency: Float64Array;
  /** t_x: the last of them, counted from the first period (0 when x = 0). */
  recency: Float64Array;
  /** n: calibration periods after the first one, the opportunities to buy. */
  periods: Float64Array;
  /** Holdout periods with an order. */
  holdoutFrequency: Float64Array;
  /** Mean spend of the x repeat periods; 0 when x = 0. */
  monetaryValue: Float64Array;
}

/**
 * Bins orders into discrete-time histories: periods [0, calibrationPeriods) are the
 * calibration, the next `holdoutPeriods` the holdout, later ones are ignored. Each customer's
 * first period is their trial; the opportunities are the later calibration periods, so
 * n = calibrationPeriods - 1 - first. Customers first buying in the holdout or later are left
 * out.
 */
export function customerPeriodHistories(
  orders: readonly PeriodOrder[],
  calibrationPeriods: number,
  holdoutPeriods = 0,
): PeriodHistories {
  if (!Number.isInteger(calibrationPeriods) || calibrationPeriods < 2) {
    throw new ClvInputError({
      en: `Binning needs a whole number of periods, at least 2 (a first purchase and one more chance), got ${calibrationPeriods}.`,
      zh: `分期需要至少 2 个整数期（首次购买期和至少一个后续期），实际为 ${calibrationPeriods}。`,
    });
  }
  const end = calibrationPeriods + holdoutPeriods;
  const seen = new Map<string, Map<number, number>>();
  orders.forEach((o, i) => {
    if (!Number.isInteger(o.period) || o.period < 0) {
      throw new ClvInputError({
        en: `Order ${i + 1} (customer ${o.customerId}) has period ${o.period}; periods are whole numbers from 0.`,
        zh: `第 ${i + 1} 笔订单（客户 ${o.customerId}）的期为 ${o.period}；期必须是从 0 开始的整数。`,
      });
    }
    if (o.period >= end) return;
    let spend = seen.get(o.customerId);
    if (!spend) seen.set(o.customerId, (spend = new Map()));
    spend.set(o.period, (spend.get(o.period) ?? 0) + (Number.isFinite(o.spend) ? o.spend! : 0));
  });
  const ids: string[] = [];
  const rows: { x: number; tx: number; n: number; holdout: number; mean: number }[] = [];
  for (const [id, spend] of seen) {
    const calibration = [...spend.keys()].filter((p) => p < calibrationPeriods);
    if (calibration.length === 0) continue;
    const first = Math.min(...calibration);
    const x = calibration.length - 1;
    let total = 0;
    for (const p of calibration) if (p !== first) total += spend.get(p)!;
    ids.push(id);
    rows.push({
      x,
      tx: x === 0 ? 0 : Math.max(...calibration) - first,
      n: calibrationPeriods - 1 - first,
      holdout: spend.size - calibration.length,
      mean: x === 0 ? 0 : total / x,
    });
  }
  return {
    customerIds: ids,
    frequency: Float64Array.from(rows, (r) => r.x),
    recency: Float64Array.from(rows, (r) => r.tx),
    periods: Float64Array.from(rows, (r) => r.n),
    holdoutFrequency: Float64Array.from(rows, (r) => r.holdout),
    monetaryValue: Float64Array.from(rows, (r) => r.mean),
  };
}

/** Customers with equal (x, t_x, n) share a row, weighted by how many they are; sorted by n, x, t_x. */
export function groupHistories(
  h: Pick<PeriodHistories, 'frequency' | 'recency' | 'periods'>,
): BgBbData & {
  weights: Float64Array;
} {
  const rows = new Map<string, { x: number; tx: number; n: number; w: number }>();
  for (let i = 0; i < h.frequency.length; i++) {
    const [x, tx, n] = [h.frequency[i], h.recency[i], h.periods[i]];
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

/**
 * Bins orders into weighted discrete-time histories for BG/BB: `customerPeriodHistories` over
 * `periods` calibration periods (no holdout), grouped by (x, t_x, n) (`groupHistories`).
 */
export function binOrdersIntoPeriods(
  orders: readonly PeriodOrder[],
  periods: number,
): BgBbData & {
  weights: Float64Array;
} {
  return groupHistories(customerPeriodHistories(orders, periods));
}

/** Reads the rows of `clvPeriodsSql` (customer, period, spend). */
export function periodOrdersFromRows(rows: readonly Record<string, unknown>[]): PeriodOrder[] {
  const c = CLV_PERIOD_COLUMNS;
  return rows.map((row) => ({
    customerId: String(row[c.customerId]),
    period: Number(row[c.period]),
    spend: Number(row[c.spend]),
  }));
}
