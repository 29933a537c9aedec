import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClvSummaryError,
  clvSummarySql,
  type ClvSummaryOptions,
} from '../../../src/sql/clv-summary';
import { NodeEngine } from '../../support/node-engine';
import { amountSql } from '../../../src/sql/amount';

let engine: NodeEngine;

/*
 * Orders in a table and columns with hostile names. Calibration ends 2024-03-31, holdout
 * ends 2024-06-30 (2024 is a leap year). Expected values are worked out by hand below.
 */
const TABLE = 'order "log"; --';
const CUSTOMER = 'cust "id"';
const WHEN = "ordered'at";
const AMOUNT = 'amt';

beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`
    CREATE TABLE "order ""log""; --" ("cust ""id""" VARCHAR, "ordered'at" TIMESTAMP, amt DECIMAL(10, 2));
    INSERT INTO "order ""log""; --" VALUES
      -- A: two orders on its first day (one purchase), repeat purchases on 01-15 and on the
      -- calibration end day itself (late evening), two in the holdout, one after it.
      ('A', '2024-01-01 10:00', 20), ('A', '2024-01-01 15:00', 5), ('A', '2024-01-15 09:00', 30),
      ('A', '2024-03-31 23:59', 10), ('A', '2024-04-01 00:00', 40), ('A', '2024-06-30 12:00', 50),
      ('A', '2024-07-01 08:00', 60),
      -- B: one purchase day (a second order that day has no amount).
      ('B', '2024-02-10 11:00', 15), ('B', '2024-02-10 18:00', NULL),
      -- C: first purchase after the calibration end, so not in the summary.
      ('C', '2024-04-05 10:00', 99),
      -- D: first purchase on the calibration end day; buys again in the holdout.
      ('D', '2024-03-31 08:00', 7), ('D', '2024-05-01 08:00', 12.5),
      -- E: its only repeat purchase has no amount, so its mean repeat spend is 0.
      ('E', '2024-01-10 10:00', 10), ('E', '2024-02-01 10:00', NULL),
      -- Rows without a customer or a date are ignored.
      (NULL, '2024-01-05 10:00', 1000), ('A', NULL, 1000);
  `);
});
afterAll(() => engine.close());

const base: ClvSummaryOptions = {
  relation: TABLE,
  customerId: CUSTOMER,
  date: WHEN,
  amountSql: amountSql({ amount: AMOUNT })!,
  calibrationEnd: '2024-03-31',
  holdoutEnd: '2024-06-30',
  unit: 'days',
};

describe('clvSummarySql', () => {
  it('merges same-day orders, excludes the first purchase and includes the calibration end day', async () => {
    const { columns, rows } = await engine.query(clvSummarySql(base));
    expect(columns.map((c) => c.name)).toEqual([
      'customer_id',
      'frequency',
      'recency',
      'T',
      'monetary_value',
      'holdout_frequency',
      'holdout_spend',
      'holdout_duration',
    ]);
    const row = (
      id: string,
      f: number,
      r: number,
      T: number,
      m: number,
      hf: number,
      hs: number,
    ) => ({
      customer_id: id,
      frequency: f,
      recency: r,
      T,
      monetary_value: m,
      holdout_frequency: hf,
      holdout_spend: hs,
      // 2024-03-31 .. 2024-06-30 is 91 days.
      holdout_duration: 91,
    });
    expect(rows).toEqual([
      // 01-01 .. 03-31 is 30 + 29 + 31 = 90 days; repeat days 01-15 (30) and 03-31 (10).
      row('A', 2, 90, 90, 20, 2, 90),
      // 02-10 .. 03-31 is 50 days.
      row('B', 0, 0, 50, 0, 0, 0),
      row('D', 0, 0, 0, 0, 1, 12.5),
      // 01-10 .. 02-01 is 22 days; 01-10 .. 03-31 is 81 days.
      row('E', 1, 22, 81, 0, 0, 0),
    ]);
  });

  it('measures recency, T and the holdout in weeks of 7 days', async () => {
    const { rows } = await engine.query(clvSummarySql({ ...base, unit: 'weeks' }));
    const a = rows[0];
    expect(a.frequency).toBe(2);
    expect(a.recency).toBeCloseTo(90 / 7, 12);
    expect(a.T).toBeCloseTo(90 / 7, 12);
    expect(a.holdout_duration).toBeCloseTo(13, 12);
    expect(rows[3].recency).toBeCloseTo(22 / 7, 12);
  });

  it('leaves out the holdout columns without a holdout end, and reads DATE or text dates', async () => {
    await engine.exec(`CREATE TABLE orders_by_day AS
      SELECT "cust ""id""" AS who, CAST("ordered'at" AS DATE) AS day,
        CAST(CAST("ordered'at" AS DATE) AS VARCHAR) AS day_text, amt
      FROM "order ""log""; --"`);
    const options = {
      ...base,
      relation: 'orders_by_day',
      customerId: 'who',
      holdoutEnd: undefined,
    };
    const byDate = await engine.query(clvSummarySql({ ...options, date: 'day' }));
    const byText = await engine.query(clvSummarySql({ ...options, date: 'day_text' }));
    expect(byDate.columns.map((c) => c.name)).toEqual([
      'customer_id',
      'frequency',
      'recency',
      'T',
      'monetary_value',
    ]);
    expect(byText.rows).toEqual(byDate.rows);
    expect(byDate.rows.map((r) => [r.customer_id, r.frequency, r.T])).toEqual([
      ['A', 2, 90],
      ['B', 0, 50],
      ['D', 0, 0],
      ['E', 1, 81],
    ]);
  });

  it('rejects bad options with messages in both languages', () => {
    const labels = (options: ClvSummaryOptions) => {
      try {
        clvSummarySql(options);
      } catch (e) {
        expect(e).toBeInstanceOf(ClvSummaryError);
        return (e as ClvSummaryError).labels;
      }
      throw new Error('did not throw');
    };
    expect(labels({ ...base, calibrationEnd: '2023-02-29' }).en).toMatch(/YYYY-MM-DD/);
    expect(labels({ ...base, calibrationEnd: '31/03/2024' }).zh).toMatch(/校准期/);
    expect(labels({ ...base, holdoutEnd: '2024-03-31' }).en).toMatch(/must be after/);
    expect(labels({ ...base, unit: 'months' as 'days' }).zh).toMatch(/时间单位/);
    expect(labels({ ...base, amountSql: ' ' }).en).toMatch(/amount/);
  });
});
