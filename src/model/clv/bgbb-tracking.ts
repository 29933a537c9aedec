import type { BgBbParams } from './bgbb';
import { ClvInputError } from './clv-input-error';
import type { PeriodOrder } from './period-bins';
import { logBeta } from './special-functions';

/** One period of BG/BB tracking: cumulative customer-periods with a repeat purchase by its end. */
export interface BgBbTrackingPoint {
  /** Periods since the start of the data at the period's end: 1 for the first period. */
  period: number;
  actual: number;
  expected: number;
}

/**
 * BG/BB's probability that a customer buys at their t-th opportunity after the trial:
 * B(alpha + 1, beta) / B(alpha, beta) * B(gamma, delta + t) / B(gamma, delta)
 * (Fader, Hardie & Shang 2010; lifetimes' expected_number_of_transactions_in_first_n_periods).
 */
export function bgBbPurchaseProbability(p: BgBbParams, t: number): number {
  return Math.exp(
    logBeta(p.alpha + 1, p.beta) -
      logBeta(p.alpha, p.beta) +
      logBeta(p.gamma, p.delta + t) -
      logBeta(p.gamma, p.delta),
  );
}

/**
 * Period tracking for BG/BB: for each period k = 0 .. calibrationPeriods + holdoutPeriods - 1,
 * the customers first buying in the calibration who buy again in k (actual), and the sum over
 * birth periods b < k of the customers born in b times the probability of a purchase at
 * opportunity k - b (expected), both cumulative. Point k has period k + 1, so the calibration
 * ends at `calibrationPeriods`.
 */
export function bgBbTracking(
  params: BgBbParams,
  orders: readonly PeriodOrder[],
  calibrationPeriods: number,
  holdoutPeriods: number,
): BgBbTrackingPoint[] {
  if (
    !Number.isInteger(calibrationPeriods) ||
    calibrationPeriods < 1 ||
    !Number.isInteger(holdoutPeriods) ||
    holdoutPeriods < 0
  ) {
    throw new ClvInputError({
      en: `Tracking needs whole numbers of calibration (at least 1) and holdout periods, got ${calibrationPeriods} and ${holdoutPeriods}.`,
      zh: `跟踪需要整数的校准期数（至少 1）和留出期数，实际为 ${calibrationPeriods} 和 ${holdoutPeriods}。`,
    });
  }
  const end = calibrationPeriods + holdoutPeriods;
  const birth = new Map<string, number>();
  for (const o of orders) {
    if (o.period < calibrationPeriods) {
      birth.set(o.customerId, Math.min(birth.get(o.customerId) ?? Infinity, o.period));
    }
  }
  const bought = new Set<string>();
  const actual = new Float64Array(end);
  for (const o of orders) {
    const b = birth.get(o.customerId);
    if (b === undefined || o.period <= b || o.period >= end) continue;
    const key = `${o.period}\u0000${o.customerId}`;
    if (bought.has(key)) continue;
    bought.add(key);
    actual[o.period] += 1;
  }
  const cohorts = new Float64Array(calibrationPeriods);
  for (const b of birth.values()) cohorts[b] += 1;
  const chance = Float64Array.from({ length: end }, (_, t) =>
    t === 0 ? 0 : bgBbPurchaseProbability(params, t),
  );
  const out: BgBbTrackingPoint[] = [];
  let [a, e] = [0, 0];
  for (let k = 0; k < end; k++) {
    for (let b = 0; b < Math.min(k, calibrationPeriods); b++) e += cohorts[b] * chance[k - b];
    a += actual[k];
    out.push({ period: k + 1, actual: a, expected: e });
  }
  return out;
}
