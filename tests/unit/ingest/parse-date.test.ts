import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeDateRule,
  inferDateRule,
  parseDate,
  type DateRule,
} from '../../../src/ingest/parse-date';
import { dateRuleToSql } from '../../../src/sql/date-rule';
import { literal } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min, s, ms));

/** Runs the rule's SQL over the values; returns each parsed value, the type and the misfit count. */
async function runSql(rule: DateRule, values: (string | null)[]) {
  const rows = values.map((v, i) => `(${i}, ${literal(v)})`).join(', ');
  const expr = dateRuleToSql(rule, 'v');
  const parsed = await engine.query(
    `SELECT ${expr} AS d, typeof(${expr}) AS t FROM (VALUES ${rows}) AS s(i, v) ORDER BY i`,
  );
  const bad = await engine.query(
    `SELECT count(*) AS n FROM (VALUES ${rows}) AS s(i, v) WHERE trim(v) <> '' AND ${expr} IS NULL`,
  );
  return {
    dates: parsed.rows.map((r) => r.d),
    type: parsed.rows[0]?.t,
    unparsable: bad.rows[0]?.n,
  };
}

/** Checks DuckDB and the JS parser both give `expected`, and agree on what fails. */
async function expectParsed(rule: DateRule, cases: [string | null, Date | null][]) {
  const values = cases.map(([v]) => v);
  const expected = cases.map(([, d]) => d);
  const sql = await runSql(rule, values);
  expect(sql.dates).toEqual(expected);
  expect(values.map((v) => parseDate(v, rule))).toEqual(expected);
  return sql;
}

describe('inferDateRule + dateRuleToSql', () => {
  it('reads the year-first spellings of one column, with times', async () => {
    const cases: [string | null, Date | null][] = [
      ['2024/1/5', utc(2024, 1, 5)],
      ['2024-01-05', utc(2024, 1, 5)],
      ['2024-01-05 10:00', utc(2024, 1, 5, 10)],
      ['2024-01-05T10:00:00', utc(2024, 1, 5, 10)],
      ['2024-01-05 09:05:07.250', utc(2024, 1, 5, 9, 5, 7, 250)],
      ['2024年1月5日', utc(2024, 1, 5)],
      ['2024年1月5日 10:00', utc(2024, 1, 5, 10)],
      ['20240105', utc(2024, 1, 5)],
      ['2024.1.5 23:59', utc(2024, 1, 5, 23, 59)],
      ['  2024/12/31  ', utc(2024, 12, 31)],
      ['2024/2/30', null],
      ['2024-01-05 24:00', null],
      ['99/1/5', null],
      ['N/A', null],
      ['', null],
      [null, null],
    ];
    const rule = inferDateRule(cases.map(([v]) => v));
    expect(rule).toEqual({
      patterns: ['ymd-dash', 'ymd-slash', 'ymd-dot', 'ymd-cjk', 'ymd-compact'],
      hasTime: true,
      ambiguousOrder: false,
      total: 14,
      parsed: 10,
      unparsableCount: 4,
      unparsable: ['2024/2/30', '2024-01-05 24:00', '99/1/5', 'N/A'],
    });
    const sql = await expectParsed(rule, cases);
    expect(sql.type).toBe('TIMESTAMP');
    expect(sql.unparsable).toBe(rule.unparsableCount);
  });

  it('gives DATE when no value has a time of day', async () => {
    const rule = inferDateRule(['2024/1/5', '2024/1/6']);
    expect(rule.hasTime).toBe(false);
    const sql = await expectParsed(rule, [
      ['2024/1/5', utc(2024, 1, 5)],
      ['2024/1/31 10:30', utc(2024, 1, 31)],
    ]);
    expect(sql.type).toBe('DATE');
  });

  it('reads month-first when a second part is over 12', async () => {
    const rule = inferDateRule(['1/5/2024', '12/25/2024', '3/15/2024']);
    expect(rule).toMatchObject({ patterns: ['mdy'], ambiguousOrder: false, unparsableCount: 0 });
    await expectParsed(rule, [
      ['1/5/2024', utc(2024, 1, 5)],
      ['12/25/2024', utc(2024, 12, 25)],
      ['3-15-2024', utc(2024, 3, 15)],
      ['1/5-2024', null],
    ]);
  });

  it('reads day-first when a first part is over 12', async () => {
    const rule = inferDateRule(['5/1/2024', '25/12/2024', '15.03.2024 08:30']);
    expect(rule).toMatchObject({ patterns: ['dmy'], ambiguousOrder: false, hasTime: true });
    await expectParsed(rule, [
      ['5/1/2024', utc(2024, 1, 5)],
      ['25/12/2024', utc(2024, 12, 25)],
      ['15.03.2024 08:30', utc(2024, 3, 15, 8, 30)],
      ['12/25/2024', null],
    ]);
  });

  it('reports ambiguous day/month order and defaults to month-first', async () => {
    const values = ['01/02/2024', '03/04/2024'];
    const rule = inferDateRule(values);
    expect(rule).toMatchObject({ patterns: ['mdy'], ambiguousOrder: true });
    await expectParsed(rule, [
      ['01/02/2024', utc(2024, 1, 2)],
      ['03/04/2024', utc(2024, 3, 4)],
    ]);
    const dayFirst = inferDateRule(values, { dayFirst: true });
    expect(dayFirst).toMatchObject({ patterns: ['dmy'], ambiguousOrder: true });
    await expectParsed(dayFirst, [
      ['01/02/2024', utc(2024, 2, 1)],
      ['03/04/2024', utc(2024, 4, 3)],
    ]);
    expect(describeDateRule(rule, '订单日期')).toEqual([
      {
        en: 'Column "订单日期": dates like 01/02/2024 could be 1 February or 2 January; they are read as month/day/year. Switch the order if that is wrong.',
        zh: '“订单日期”列：01/02/2024 这样的日期既可能是 2 月 1 日也可能是 1 月 2 日，当前按月/日/年读取。如有误请切换顺序。',
      },
    ]);
  });

  it('flags a column that mixes both orders, and keeps the majority', () => {
    const rule = inferDateRule(['13/01/2024', '01/13/2024', '14/01/2024']);
    expect(rule).toMatchObject({
      patterns: ['dmy'],
      ambiguousOrder: true,
      unparsableCount: 1,
      unparsable: ['01/13/2024'],
    });
  });

  it('reads Excel serial numbers, with fractions as times of day', async () => {
    const rule = inferDateRule(['45296', '45297.5', '12345', '45292']);
    expect(rule).toMatchObject({
      patterns: ['excel-serial'],
      hasTime: true,
      parsed: 3,
      unparsable: ['12345'],
    });
    const sql = await expectParsed(rule, [
      ['45296', utc(2024, 1, 5)],
      ['45297.5', utc(2024, 1, 6, 12)],
      ['45292.0', utc(2024, 1, 1)],
      ['12345', null],
      ['90000', null],
    ]);
    expect(sql.unparsable).toBe(2);
  });

  it('works on columns DuckDB already typed as numbers or dates', async () => {
    const serial = inferDateRule(['45296', '45297']);
    const fromDouble = await engine.query(
      `SELECT ${dateRuleToSql(serial, 'v')} AS d FROM (VALUES (45296.0::DOUBLE), (45297::BIGINT)) s(v)`,
    );
    expect(fromDouble.rows.map((r) => r.d)).toEqual([utc(2024, 1, 5), utc(2024, 1, 6)]);
    const iso = inferDateRule(['2024-01-05']);
    const fromDate = await engine.query(
      `SELECT ${dateRuleToSql(iso, 'v')} AS d FROM (VALUES (DATE '2024-01-05')) s(v)`,
    );
    expect(fromDate.rows).toEqual([{ d: utc(2024, 1, 5) }]);
  });

  it('yields NULL for every value when nothing looks like a date, and says so', async () => {
    const rule = inferDateRule(['abc', 'tomorrow']);
    expect(rule).toMatchObject({ patterns: [], parsed: 0, unparsableCount: 2 });
    const sql = await runSql(rule, ['abc', '2024-01-05']);
    expect(sql.dates).toEqual([null, null]);
    expect(describeDateRule(rule, 'd')[0]!.en).toBe(
      'Column "d": 2 of 2 values are not dates (e.g. "abc", "tomorrow") and will be empty. Fix them in the file or choose another column.',
    );
  });

  it('keeps at most five unparsable examples but counts them all', () => {
    const rule = inferDateRule(['2024-01-01', 'a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(rule.unparsable).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(rule.unparsableCount).toBe(7);
  });
});
