import type { ClvTimeUnit } from '../../sql/clv-summary';
import {
  asModelRef,
  modelConditionalExpectedPurchases,
  type PurchaseModelLike,
} from './continuous-models';
import { ClvInputError } from './clv-input-error';
import { conditionalExpectedAverageSpend, type GammaGammaParams } from './gamma-gamma';
import { assertValidRfm, type CustomerSummary } from './summary';

export interface ClvOptions {
  /** Forecast horizon in months (whole number, 1..240). */
  months: number;
  /** Discount rate per month, e.g. 0.01 (about 12.7% a year). */
  monthlyDiscountRate: number;
  /** Share of spend that is profit, in (0, 1]; 1 gives discounted revenue. */
  margin: number;
  /** The unit recency and T are measured in. */
  unit: ClvTimeUnit;
}

/**
 * Time units per month, as lifetimes' `_customer_lifetime_value` uses them (30 days; 4.345
 * weeks), so results can be compared with lifetimes.
 */
export const UNITS_PER_MONTH: Record<ClvTimeUnit, number> = { days: 30, weeks: 4.345 };

function assertOptions(o: ClvOptions): void {
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 240) {
    throw new ClvInputError({
      en: `The horizon must be a whole number of months from 1 to 240, got ${o.months}.`,
      zh: `预测期必须是 1 到 240 之间的整月数，实际为 ${o.months}。`,
    });
  }
  if (
    !Number.isFinite(o.monthlyDiscountRate) ||
    o.monthlyDiscountRate < 0 ||
    o.monthlyDiscountRate >= 1
  ) {
    throw new ClvInputError({
      en: `The monthly discount rate must be at least 0 and below 1 (e.g. 0.01), got ${o.monthlyDiscountRate}.`,
      zh: `月折现率必须不小于 0 且小于 1（如 0.01），实际为 ${o.monthlyDiscountRate}。`,
    });
  }
  if (!Number.isFinite(o.margin) || o.margin <= 0 || o.margin > 1) {
    throw new ClvInputError({
      en: `The margin must be above 0 and at most 1 (e.g. 0.3 for 30%), got ${o.margin}.`,
      zh: `利润率必须大于 0 且不超过 1（如 0.3 表示 30%），实际为 ${o.margin}。`,
    });
  }
  if (!(o.unit in UNITS_PER_MONTH)) {
    throw new ClvInputError({
      en: `Unknown time unit "${o.unit}": use days or weeks.`,
      zh: `未知的时间单位“${o.unit}”：请使用天（days）或周（weeks）。`,
    });
  }
}

/**
 * Customer lifetime value over the next `months`, per customer, by lifetimes' method: for
 * each month i, the BG/NBD expected purchases in month i (cumulative to the end of month i
 * minus cumulative to the end of month i-1), times the Gamma-Gamma expected spend per
 * purchase, times the margin, discounted by (1 + monthly rate)^i.
 */
export function customerLifetimeValue(
  purchaseModel: PurchaseModelLike,
  gg: GammaGammaParams,
  summary: CustomerSummary,
  options: ClvOptions,
): Float64Array {
  assertOptions(options);
  assertValidRfm(summary);
  const { frequency: x, recency: tx, T, monetaryValue: m } = summary;
  if (m.length !== x.length) {
    throw new ClvInputError({
      en: 'monetary value must have one value per customer.',
      zh: 'monetary value 必须每位客户各有一个值。',
    });
  }
  const model = asModelRef(purchaseModel);
  const perMonth = UNITS_PER_MONTH[options.unit];
  const discount = new Float64Array(options.months + 1);
  for (let i = 1; i <= options.months; i++) {
    discount[i] = options.margin / Math.pow(1 + options.monthlyDiscountRate, i);
  }
  const out = new Float64Array(x.length);
  for (let c = 0; c < x.length; c++) {
    const spend = conditionalExpectedAverageSpend(gg, x[c], m[c]);
    let before = 0;
    let value = 0;
    for (let i = 1; i <= options.months; i++) {
      const upTo = modelConditionalExpectedPurchases(model, i * perMonth, x[c], tx[c], T[c]);
      value += (upTo - before) * spend * discount[i];
      before = upTo;
    }
    out[c] = value;
  }
  return out;
}
