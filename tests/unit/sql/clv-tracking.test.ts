import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClvSummaryError, type ClvSummaryOptions } from '../../../src/sql/clv-summary';
import { clvCohortsSql, clvTrackingSql } from '../../../src/sql/clv-tracking';
import { NodeEngine } from '../../support/node-engine';
import { loadCdnow } from '../model/clv/cdnow-fixture';
import { amountSql } from '../../../src/sql/amount';

let engine: NodeEngine;

/*
 * Calibration ends Sunday 2024-01-21, the holdout on 2024-02-01; the first purchase is on
 * 2024-01-01, so week k runs from 01-01 + 7(k-1) to 01-01 + 7k - 1 and the calibration ends with
 * week 3. 01-01 .. 02-01 is 32 days: four whole weeks (the fifth, 01-29 .. 02-04, would end after
 * the holdout, so it is left out).
 */
const TABLE = 'order "log"; --';
const CUSTOMER = 'cust "id"';
const WHEN = "ordered'at";

beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`
    CREATE TABLE "order ""log""; --" ("cust ""id""" VARCHAR, "ordered'at" TIMESTAMP, amt DOUBLE);
    INSERT INTO "order ""log""; --" VALUES
      -- A: two orders on its first day (one purchase day); repeats on 01-03 (week 1), 01-09
      -- (week 2), 01-30 (day 30, in the partial week 5) and 02-05 (after the holdout).
      ('A', '2024-01-01 10:00', 10), ('A', '2024-01-01 15:00', 5), ('A', '2024-01-03 09:00', 1),
      ('A', '2024-01-09 09:00', 1), ('A', '2024-01-30 23:00', 1), ('A', '2024-02-05 09:00', 1),
      -- B: first on 01-05 (a second order that day is no repeat), repeats 01-12 and 01-14 (week 2).
      ('B', '2024-01-05 08:00', 3), ('B', '2024-01-05 20:00', 3), ('B', '2024-01-12 08:00', 3),
      ('B', '2024-01-14 08:00', 3),
      -- E: first on 01-05 too, never again.
      ('E', '2024-01-05 12:00', 7),
      -- D: first on the calibration end day; repeat 01-22 (week 4).
      ('D', '2024-01-21 12:00', 4), ('D', '2024-01-22 12:00', 4),
      -- C: first after the calibration end: none of its purchases count.
      ('C', '2024-01-25 12:00', 9), ('C', '2024-01-26 12:00', 9),
      -- No customer or no date: ignored.
      (NULL, '2023-12-01 10:00', 1), ('A', NULL, 1);
  `);
});
afterAll(() => engine.close());

const base: ClvSummaryOptions = {
  relation: TABLE,
  customerId: CUSTOMER,
  date: WHEN,
  amountSql: amountSql({ amount: 'amt' })!,
  calibrationEnd: '2024-01-21',
  holdoutEnd: '2024-02-01',
  unit: 'weeks',
};

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('clvTrackingSql', () => {
  it('counts repeat purchase days per whole week from the first purchase', async () => {
    const { columns, rows } = await engine.query(clvTrackingSql(base));
    expect(columns.map((c) => c.name)).toEqual([
      'period',
      'period_start',
      'period_end',
      'repeat_purchases',
      'calibration_period',
    ]);
    const row = (period: number, start: string, end: string, repeats: number) => ({
      period,
      period_start: day(start),
      period_end: day(end),
      repeat_purchases: repeats,
      calibration_period: 3,
    });
    expect(rows).toEqual([
      row(1, '2024-01-01', '2024-01-07', 1),
      row(2, '2024-01-08', '2024-01-14', 3),
      row(3, '2024-01-15', '2024-01-21', 0),
      row(4, '2024-01-22', '2024-01-28', 1),
    ]);
  });

  it('counts per day, up to and including the holdout end', async () => {
    const { rows } = await engine.query(clvTrackingSql({ ...base, unit: 'days' }));
    expect(rows).toHaveLength(32);
    expect(rows[31]).toMatchObject({ period: 32, period_end: day('2024-02-01') });
    const busy = rows.filter((r) => r.repeat_purchases !== 0).map((r) => r.period);
    // 01-03, 01-09, 01-12, 01-14, 01-22, 01-30
    expect(busy).toEqual([3, 9, 12, 14, 22, 30]);
    expect(rows.every((r) => r.repeat_purchases === 0 || r.repeat_purchases === 1)).toBe(true);
    expect(rows[0]!.calibration_period).toBe(21);
  });

  it('stops at the calibration end without a holdout, and is empty without customers', async () => {
    const { rows } = await engine.query(clvTrackingSql({ ...base, holdoutEnd: undefined }));
    expect(rows.map((r) => r.repeat_purchases)).toEqual([1, 3, 0]);
    const none = await engine.query(clvTrackingSql({ ...base, calibrationEnd: '2023-12-31' }));
    expect(none.rows).toEqual([]);
  });

  it('takes the options of clvSummarySql and rejects bad ones the same way', () => {
    expect(() => clvTrackingSql({ ...base, holdoutEnd: '2024-01-01' })).toThrow(ClvSummaryError);
    expect(() => clvCohortsSql({ ...base, calibrationEnd: '2024-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => clvCohortsSql({ ...base, unit: 'months' as 'days' })).toThrow(ClvSummaryError);
  });
});

describe('clvCohortsSql', () => {
  it('counts customers by the end of their first day, in units from the origin', async () => {
    const { columns, rows } = await engine.query(clvCohortsSql(base));
    expect(columns.map((c) => c.name)).toEqual(['offset', 'customers']);
    expect(rows).toEqual([
      { offset: 1 / 7, customers: 1 }, // A, 01-01
      { offset: 5 / 7, customers: 2 }, // B and E, 01-05
      { offset: 3, customers: 1 }, // D, 01-21
    ]);
    const days = await engine.query(clvCohortsSql({ ...base, unit: 'days' }));
    expect(days.rows.map((r) => r.offset)).toEqual([1, 5, 21]);
  });
});

describe('CDNOW sample, 1997-01-01 .. 1998-06-30 in weeks', () => {
  beforeAll(() => loadCdnow(engine, 'CDNOW_sample.txt', 'cdnow'));
  const cdnow: ClvSummaryOptions = {
    relation: 'cdnow',
    customerId: 'sample_id',
    date: 'order_date',
    amountSql: amountSql({ amount: 'dollars' })!,
    calibrationEnd: '1997-09-30',
    holdoutEnd: '1998-06-30',
    unit: 'weeks',
  };

  it('has 78 weeks, 2,457 repeat purchases by week 39 and the direct count by week 78', async () => {
    const { rows } = await engine.query(clvTrackingSql(cdnow));
    expect(rows).toHaveLength(78);
    expect(rows[0]!.calibration_period).toBe(39);
    expect(rows[38]!.period_end).toEqual(day('1997-09-30'));
    expect(rows[77]!.period_end).toEqual(day('1998-06-30'));
    const cumulative = (k: number) =>
      rows.slice(0, k).reduce((s, r) => s + Number(r.repeat_purchases), 0);
    expect(cumulative(39)).toBe(2457);
    const direct = await engine.query(`
      WITH days AS (SELECT DISTINCT customer_id, order_date FROM cdnow)
      SELECT CAST(count(*) - count(DISTINCT customer_id) AS INTEGER) AS repeats FROM days
      WHERE order_date <= DATE '1998-06-30'`);
    expect(cumulative(78)).toBe(direct.rows[0]!.repeats);
    expect(cumulative(78)).toBe(4339);
  });

  it('has the 2,357 customers in 84 daily cohorts over the first 12 weeks', async () => {
    const { rows } = await engine.query(clvCohortsSql(cdnow));
    expect(rows).toHaveLength(84);
    expect(rows.reduce((s, r) => s + Number(r.customers), 0)).toBe(2357);
    expect(rows[0]!.offset).toBeCloseTo(1 / 7, 12);
    // The last first purchases are on 1997-03-25, day 84.
    expect(rows[83]!.offset).toBeCloseTo(84 / 7, 12);
  });
});
