import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountSql } from '../../../src/sql/amount';
import { cohortRetentionSql, type CohortOptions } from '../../../src/sql/cohort-retention';
import { NodeEngine } from '../../support/node-engine';
import type { Row } from '../../../src/engine/types';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  // Order lines with a derived amount (quantity × unit price); a negative quantity is a return.
  // Data span 2023-12-31 .. 2024-04-10 (a Wednesday).
  await engine.exec(`CREATE TABLE lines AS SELECT * FROM (VALUES
    ('c1', DATE '2024-01-05', 2, 10.0), ('c1', DATE '2024-02-10', 1, 30.0),
    ('c1', DATE '2024-04-02', 1, 10.0),
    ('c2', DATE '2024-01-20', 5, 10.0), ('c2', DATE '2024-01-25', -1, 10.0),
    ('c2', DATE '2024-03-03', 4, 5.0),
    ('c3', DATE '2024-01-31', 1, 40.0),
    ('c4', DATE '2024-02-01', 3, 10.0), ('c4', DATE '2024-03-15', -2, 10.0),
    ('c4', DATE '2024-04-10', 1, 25.0),
    ('c5', DATE '2024-02-28', 2, 15.0), ('c5', DATE '2024-03-01', 2, 15.0),
    ('c6', DATE '2024-04-01', 1, 60.0),
    ('c7', DATE '2023-12-31', -1, 10.0), ('c7', DATE '2024-03-20', 2, 10.0),
    (NULL, DATE '2024-01-10', 9, 99.0)
  ) t(cust, day, qty, price)`);
  await engine.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES
    ('c1', 'Loyal'), ('c2', 'Loyal'), ('c4', 'Loyal'),
    ('c3', 'Lost'), ('c5', 'Lost'), ('c7', 'Lost'), ('c6', NULL)
  ) t(customer_id, segment)`);
});
afterAll(() => engine.close());

const orders = {
  relation: 'lines',
  customerId: 'cust',
  orderDate: 'day',
  amountSql: amountSql({ quantity: 'qty', unitPrice: 'price' })!,
};

const day = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const round = (x: unknown) => (x === null ? null : Math.round(Number(x) * 10_000) / 10_000);

async function cohorts(options: Partial<CohortOptions>): Promise<Row[]> {
  const sql = cohortRetentionSql({ orders, period: 'month', lang: 'en', ...options });
  return (await engine.query(sql)).rows;
}

/** [cohort, size, period, period start, active, share, revenue, retained, partial] */
function table(rows: Row[]) {
  return rows.map((r) => [
    day(r.cohort),
    r.cohort_size,
    r.period,
    day(r.period_start),
    r.active,
    round(r.active_share),
    r.revenue,
    round(r.revenue_retained),
    r.partial,
  ]);
}

describe('cohortRetentionSql', () => {
  it('works out the monthly cohort table by hand', async () => {
    // First purchase (first positive amount) month: Jan c1 c2 c3; Feb c4 c5; Mar c7 (its
    // December return comes before any purchase: no cohort, not counted); Apr c6.
    // Jan: period 0 revenue = c1 2×10 + c2 (5×10 − 1×10) + c3 40 = 100.
    //   Feb: c1 30. Mar: c2 4×5 = 20. Apr: c1 10.
    // Feb: period 0 = c4 3×10 + c5 2×15 = 60.
    //   Mar: c5 30 bought; c4 returned 2×10 (not active, −20): 10, 10/60.  Apr: c4 25, 25/60.
    // Mar: c7 20; Apr nothing: 0 (present: April has data).
    // Apr: c6 60, the data's last month: period 0 only, partial (ends 04-30, data ends 04-10).
    const rows = await cohorts({});
    expect(table(rows)).toEqual([
      ['2024-01-01', 3, 0, '2024-01-01', 3, 1, 100, 1, false],
      ['2024-01-01', 3, 1, '2024-02-01', 1, 0.3333, 30, 0.3, false],
      ['2024-01-01', 3, 2, '2024-03-01', 1, 0.3333, 20, 0.2, false],
      ['2024-01-01', 3, 3, '2024-04-01', 1, 0.3333, 10, 0.1, true],
      ['2024-02-01', 2, 0, '2024-02-01', 2, 1, 60, 1, false],
      ['2024-02-01', 2, 1, '2024-03-01', 1, 0.5, 10, 0.1667, false],
      ['2024-02-01', 2, 2, '2024-04-01', 1, 0.5, 25, 0.4167, true],
      ['2024-03-01', 1, 0, '2024-03-01', 1, 1, 20, 1, false],
      ['2024-03-01', 1, 1, '2024-04-01', 0, 0, 0, 0, true],
      ['2024-04-01', 1, 0, '2024-04-01', 1, 1, 60, 1, true],
    ]);
    expect(rows.every((r) => r.cohort_count === 4)).toBe(true);
  });

  it('ends every cohort at the period of the last day: the last cohort has period 0 only', async () => {
    // 04-10 falls in April, Q2 and the week of Monday 04-08 (the week cohort of 04-01 has 2).
    const lastPeriod = { month: '2024-04-01', quarter: '2024-04-01', week: '2024-04-08' };
    for (const period of ['month', 'week', 'quarter'] as const) {
      const rows = await cohorts({ period });
      const ends = new Map<string, string>();
      for (const r of rows) ends.set(day(r.cohort), day(r.period_start));
      expect([...ends.values()].every((end) => end === lastPeriod[period])).toBe(true);
      const inLast = rows.filter((r) => day(r.cohort) === lastPeriod[period]);
      expect(inLast.map((r) => r.period)).toEqual(period === 'week' ? [] : [0]);
    }
  });

  it('counts by quarter', async () => {
    // Q1 2024: c1 c2 c3 c4 c5 c7, period 0 = 50 + 60 + 40 + (30 − 20) + 60 + 20 = 240.
    // Q2 (to 04-10): c1 10 and c4 25 bought: 2 of 6, 35/240. c6 is Q2's only customer.
    expect(table(await cohorts({ period: 'quarter' }))).toEqual([
      ['2024-01-01', 6, 0, '2024-01-01', 6, 1, 240, 1, false],
      ['2024-01-01', 6, 1, '2024-04-01', 2, 0.3333, 35, 0.1458, true],
      ['2024-04-01', 1, 0, '2024-04-01', 1, 1, 60, 1, true],
    ]);
  });

  it('counts by ISO week, Monday to Sunday', async () => {
    // Mondays: c1 01-01; c2 01-15 (its return 01-25 falls in 01-22); c3 (Wed 01-31) and
    // c4 (Thu 02-01) share 01-29; c5 02-26; c7 03-18; c6 04-01. The last day 04-10 is in
    // the week of 04-08: 15 weeks from 01-01, so 15 + 13 + 11 + 7 + 4 + 2 = 52 cells.
    const rows = await cohorts({ period: 'week' });
    expect(rows).toHaveLength(52);
    const t = table(rows);
    const at = (cohort: string, period: number) =>
      t.find((r) => r[0] === cohort && r[2] === period);
    // c3 40 + c4 30 in week 0; c4's return 03-15 is week 6; c4's 25 on 04-10, week 10.
    expect(at('2024-01-29', 0)).toEqual(['2024-01-29', 2, 0, '2024-01-29', 2, 1, 70, 1, false]);
    expect(at('2024-01-29', 6)).toEqual([
      '2024-01-29',
      2,
      6,
      '2024-03-11',
      0,
      0,
      -20,
      -0.2857,
      false,
    ]);
    expect(at('2024-01-29', 10)).toEqual([
      '2024-01-29',
      2,
      10,
      '2024-04-08',
      1,
      0.5,
      25,
      0.3571,
      true,
    ]);
    // c2: 50 in week 0, the return alone in week 1, 20 on Sunday 03-03 in week 6 (02-26).
    expect(at('2024-01-15', 1)).toEqual(['2024-01-15', 1, 1, '2024-01-22', 0, 0, -10, -0.2, false]);
    expect(at('2024-01-15', 6)).toEqual(['2024-01-15', 1, 6, '2024-02-26', 1, 1, 20, 0.4, false]);
    expect(at('2024-04-01', 1)).toEqual(['2024-04-01', 1, 1, '2024-04-08', 0, 0, 0, 0, true]);
    expect(rows.every((r) => r.cohort_count === 6)).toBe(true);
  });

  it('restricts to one segment, over the whole data span', async () => {
    // Loyal = c1 c2 c4. Jan: c1 20 + c2 40 = 60; Feb c1 30; Mar c2 20; Apr c1 10.
    // Feb: c4 30; Mar its return −20; Apr 25. No cohort after February, yet the February
    // cohort runs to April, the data's last month.
    const segment = { segments: { table: 'seg' }, label: 'Loyal' };
    expect(table(await cohorts({ segment }))).toEqual([
      ['2024-01-01', 2, 0, '2024-01-01', 2, 1, 60, 1, false],
      ['2024-01-01', 2, 1, '2024-02-01', 1, 0.5, 30, 0.5, false],
      ['2024-01-01', 2, 2, '2024-03-01', 1, 0.5, 20, 0.3333, false],
      ['2024-01-01', 2, 3, '2024-04-01', 1, 0.5, 10, 0.1667, true],
      ['2024-02-01', 1, 0, '2024-02-01', 1, 1, 30, 1, false],
      ['2024-02-01', 1, 1, '2024-03-01', 0, 0, -20, -0.6667, false],
      ['2024-02-01', 1, 2, '2024-04-01', 1, 1, 25, 0.8333, true],
    ]);
    // A customer without a segment is in "(no segment)": c6 alone.
    const none = { segments: { table: 'seg' }, label: '(no segment)' };
    expect(table(await cohorts({ segment: none }))).toEqual([
      ['2024-04-01', 1, 0, '2024-04-01', 1, 1, 60, 1, true],
    ]);
  });

  it('keeps the cohorts of the last periods, and says how many there were', async () => {
    const rows = await cohorts({ lastPeriods: 2 });
    expect(rows.map((r) => [day(r.cohort), r.period])).toEqual([
      ['2024-03-01', 0],
      ['2024-03-01', 1],
      ['2024-04-01', 0],
    ]);
    expect(rows.every((r) => r.cohort_count === 4)).toBe(true);
    // A window of months, not a count of cohorts: Loyal's last cohort is February, 3 months back.
    const segment = { segments: { table: 'seg' }, label: 'Loyal' };
    expect(await cohorts({ segment, lastPeriods: 2 })).toEqual([]);
    const three = await cohorts({ segment, lastPeriods: 3 });
    expect(three.map((r) => [day(r.cohort), r.period, r.cohort_count])).toEqual([
      ['2024-02-01', 0, 2],
      ['2024-02-01', 1, 2],
      ['2024-02-01', 2, 2],
    ]);
  });

  it('marks no period partial when the data ends on its last day', async () => {
    await engine.exec(
      `CREATE VIEW lines_to_april_end AS SELECT * FROM lines UNION ALL SELECT 'c8', DATE '2024-04-30', 1, 5.0`,
    );
    const sql = cohortRetentionSql({
      orders: { ...orders, relation: 'lines_to_april_end' },
      period: 'month',
      lang: 'en',
    });
    const rows = (await engine.query(sql)).rows;
    expect(rows.some((r) => r.partial)).toBe(false);
    expect(rows.filter((r) => day(r.cohort) === '2024-04-01')[0]?.cohort_size).toBe(2);
  });

  it('refuses an unknown period in words', () => {
    expect(() => cohortRetentionSql({ orders, period: 'day' as never, lang: 'en' })).toThrow(
      /month, week or quarter, not "day"/,
    );
  });
});
