import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedPurchases, fitBgNbd, type BgNbdFit } from '../../../../src/model/clv/bgnbd';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';
import { expectedCumulativeRepeat } from '../../../../src/model/clv/expected-tracking';
import { summaryFromRows, type CustomerSummary } from '../../../../src/model/clv/summary';
import { clvSummarySql, type ClvSummaryOptions } from '../../../../src/sql/clv-summary';
import { clvCohortsSql, clvTrackingSql } from '../../../../src/sql/clv-tracking';
import { NodeEngine } from '../../../support/node-engine';
import { loadCdnow } from './cdnow-fixture';
import { amountSql } from '../../../../src/sql/amount';

/** Fader, Hardie & Lee (2005) on CDNOW, in weeks. */
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);

describe('expectedCumulativeRepeat', () => {
  it("is customers x Hardie's E[X(t)] for one cohort joining at 0", () => {
    // E[X(1)] = 0.0532, E[X(3)] = 0.1506 (Hardie's BG/NBD spreadsheet).
    const out = expectedCumulativeRepeat(PUBLISHED, [{ offset: 0, customers: 10 }], 3);
    expect(out).toHaveLength(3);
    within(out[0]!, 0.532, 0.01);
    within(out[2]!, 1.506, 0.01);
  });

  it('adds cohorts, each counting from its own start, nothing until it has started', () => {
    const cohorts = [
      { offset: 0.5, customers: 2 },
      { offset: 2.5, customers: 4 },
      { offset: 3, customers: 100 }, // joins at the end of period 3: nothing by then
    ];
    const out = expectedCumulativeRepeat(PUBLISHED, cohorts, 4);
    const e = (t: number) => expectedPurchases(PUBLISHED, t);
    expect(out[0]).toBeCloseTo(2 * e(0.5), 12);
    expect(out[1]).toBeCloseTo(2 * e(1.5), 12);
    expect(out[2]).toBeCloseTo(2 * e(2.5) + 4 * e(0.5), 12);
    expect(out[3]).toBeCloseTo(2 * e(3.5) + 4 * e(1.5) + 100 * e(1), 12);
    expect(expectedCumulativeRepeat(PUBLISHED, cohorts, 0)).toHaveLength(0);
    expect(Array.from(expectedCumulativeRepeat(PUBLISHED, [], 2))).toEqual([0, 0]);
  });

  it('rejects bad periods and cohorts in both languages', () => {
    const labels = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ClvInputError);
        return (e as ClvInputError).labels;
      }
      throw new Error('did not throw');
    };
    expect(labels(() => expectedCumulativeRepeat(PUBLISHED, [], 1.5)).en).toMatch(/whole number/);
    expect(labels(() => expectedCumulativeRepeat(PUBLISHED, [], -1)).zh).toMatch(/期数/);
    const bad = [{ offset: -1, customers: 3 }];
    expect(labels(() => expectedCumulativeRepeat(PUBLISHED, bad, 2)).en).toMatch(/Cohort 1/);
    const nan = [{ offset: 1, customers: Number.NaN }];
    expect(labels(() => expectedCumulativeRepeat(PUBLISHED, nan, 2)).zh).toMatch(/第 1 个/);
    expect(() =>
      expectedCumulativeRepeat({ ...PUBLISHED, r: 0 }, [{ offset: 0, customers: 1 }], 1),
    ).toThrow(/parameter r/);
  });
});

describe('CDNOW tracking (Fader, Hardie & Lee 2005, Figure 2)', () => {
  let engine: NodeEngine;
  let bg: BgNbdFit;
  let summary: CustomerSummary;
  let actual: number[];
  let expected: Float64Array;
  const options: ClvSummaryOptions = {
    relation: 'cdnow',
    customerId: 'sample_id',
    date: 'order_date',
    amountSql: amountSql({ amount: 'dollars' })!,
    calibrationEnd: '1997-09-30',
    holdoutEnd: '1998-06-30',
    unit: 'weeks',
  };

  beforeAll(async () => {
    engine = await NodeEngine.start();
    await loadCdnow(engine, 'CDNOW_sample.txt', 'cdnow');
    summary = summaryFromRows((await engine.query(clvSummarySql(options))).rows);
    bg = fitBgNbd(summary);
    const tracking = (await engine.query(clvTrackingSql(options))).rows;
    const cohorts = (await engine.query(clvCohortsSql(options))).rows;
    let sum = 0;
    actual = tracking.map((r) => (sum += Number(r.repeat_purchases)));
    expected = expectedCumulativeRepeat(
      bg,
      cohorts.map((c) => ({ offset: Number(c.offset), customers: Number(c.customers) })),
      tracking.length,
    );
  });
  afterAll(() => engine.close());

  it('expects about the 2,457 repeat purchases of the calibration period by week 39', () => {
    expect(actual[38]).toBe(2457);
    expect(Math.abs(expected[38]! - 2457) / 2457).toBeLessThan(0.03);
  });

  it("agrees with summing each customer's E[X(T)] and E[X(T + 39)]", () => {
    // Week 39 ends on the calibration end, where a customer has been around for T weeks.
    let byCustomer39 = 0;
    let byCustomer78 = 0;
    for (const T of summary.T) {
      byCustomer39 += expectedPurchases(bg, T);
      byCustomer78 += expectedPurchases(bg, T + 39);
    }
    within(expected[38]!, byCustomer39, 1e-6);
    within(expected[77]!, byCustomer78, 1e-6);
  });

  it('tracks the 4,339 actual repeat purchases by week 78 within 5%', () => {
    // The model runs about 4% below the actual curve by the end of the holdout.
    expect(actual[77]).toBe(4339);
    expect(expected[77]).toBeLessThan(actual[77]!);
    expect((actual[77]! - expected[77]!) / actual[77]!).toBeLessThan(0.05);
    for (let k = 1; k < 78; k++) expect(expected[k]).toBeGreaterThan(expected[k - 1]!);
  });
});
