import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases } from '../../../../src/model/clv/bgnbd';
import { customerLifetimeValue, type ClvOptions } from '../../../../src/model/clv/clv';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';
import { conditionalExpectedAverageSpend } from '../../../../src/model/clv/gamma-gamma';

/*
 * The published lifetimes CLV figures are checked in cdnow.test.ts. Here: properties that
 * follow from the method's definition (sum over months of purchases in the month x expected
 * spend x margin / (1 + d)^i).
 */
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const SUMMARY = {
  frequency: Float64Array.from([0, 2, 7, 1]),
  recency: Float64Array.from([0, 30.43, 29.43, 38.43]),
  T: Float64Array.from([38.86, 38.86, 38.86, 38.43]),
  monetaryValue: Float64Array.from([0, 22.35, 73.74, 6.49]),
};
const OPTIONS: ClvOptions = { months: 12, monthlyDiscountRate: 0.01, margin: 1, unit: 'weeks' };

describe('customerLifetimeValue', () => {
  it('without discounting, telescopes to purchases over the whole horizon x spend x margin', () => {
    for (const [unit, perMonth] of [
      ['weeks', 4.345],
      ['days', 30],
    ] as const) {
      const clv = customerLifetimeValue(BG, GG, SUMMARY, {
        months: 18,
        monthlyDiscountRate: 0,
        margin: 0.4,
        unit,
      });
      for (let i = 0; i < 4; i++) {
        const x = SUMMARY.frequency[i];
        const purchases = conditionalExpectedPurchases(
          BG,
          18 * perMonth,
          x,
          SUMMARY.recency[i],
          SUMMARY.T[i],
        );
        const spend = conditionalExpectedAverageSpend(GG, x, SUMMARY.monetaryValue[i]);
        expect(clv[i]).toBeCloseTo(purchases * spend * 0.4, 9);
      }
    }
  });

  it('discounts month i by (1 + d)^i', () => {
    const [oneMonth] = customerLifetimeValue(BG, GG, SUMMARY, {
      ...OPTIONS,
      months: 1,
      monthlyDiscountRate: 0.05,
    });
    const purchases = conditionalExpectedPurchases(BG, 4.345, 0, 0, 38.86);
    expect(oneMonth).toBeCloseTo(
      (purchases * conditionalExpectedAverageSpend(GG, 0, 0)) / 1.05,
      10,
    );

    const undiscounted = customerLifetimeValue(BG, GG, SUMMARY, {
      ...OPTIONS,
      monthlyDiscountRate: 0,
    });
    const discounted = customerLifetimeValue(BG, GG, SUMMARY, OPTIONS);
    for (let i = 0; i < 4; i++) {
      expect(discounted[i]).toBeLessThan(undiscounted[i]);
      // Every month's share is discounted by between 1/1.01 and 1/1.01^12.
      expect(discounted[i]).toBeGreaterThan(undiscounted[i] / 1.01 ** 12);
    }
  });

  it('scales linearly with the margin', () => {
    const full = customerLifetimeValue(BG, GG, SUMMARY, OPTIONS);
    const part = customerLifetimeValue(BG, GG, SUMMARY, { ...OPTIONS, margin: 0.3 });
    full.forEach((v, i) => expect(part[i]).toBeCloseTo(0.3 * v, 10));
  });

  it('ranks the frequent recent buyer far above the one-off customer', () => {
    const clv = customerLifetimeValue(BG, GG, SUMMARY, OPTIONS);
    expect(clv[2]).toBeGreaterThan(10 * clv[0]);
  });

  it('rejects bad options in both languages', () => {
    const labels = (o: Partial<ClvOptions>) => {
      try {
        customerLifetimeValue(BG, GG, SUMMARY, { ...OPTIONS, ...o });
      } catch (e) {
        expect(e).toBeInstanceOf(ClvInputError);
        return (e as ClvInputError).labels;
      }
      throw new Error('did not throw');
    };
    expect(labels({ months: 0 }).en).toMatch(/whole number of months/);
    expect(labels({ months: 2.5 }).zh).toMatch(/整月数/);
    expect(labels({ monthlyDiscountRate: -0.1 }).en).toMatch(/discount rate/);
    expect(labels({ monthlyDiscountRate: 1 }).en).toMatch(/below 1/);
    expect(labels({ margin: 0 }).zh).toMatch(/利润率/);
    expect(labels({ margin: 30 }).en).toMatch(/at most 1/);
    expect(labels({ unit: 'months' as 'days' }).en).toMatch(/days or weeks/);
  });
});
