import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeAmountRule,
  inferAmountRule,
  parseAmount,
  type AmountRule,
} from '../../../src/ingest/parse-amount';
import { amountRuleToSql } from '../../../src/sql/amount-rule';
import { literal } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

/** Checks DuckDB and the JS parser both give `expected`; returns DuckDB's count of misfits. */
async function expectParsed(rule: AmountRule, cases: [string | null, number | null][]) {
  const rows = cases.map(([v], i) => `(${i}, ${literal(v)})`).join(', ');
  const expr = amountRuleToSql(rule, 'v');
  const { rows: out } = await engine.query(
    `SELECT ${expr} AS a, typeof(${expr}) AS t FROM (VALUES ${rows}) AS s(i, v) ORDER BY i`,
  );
  const expected = cases.map(([, n]) => n);
  expect(out.map((r) => r.a)).toEqual(expected);
  expect(out[0]?.t).toBe('DOUBLE');
  expect(cases.map(([v]) => parseAmount(v, rule))).toEqual(expected);
  const bad = await engine.query(
    `SELECT count(*) AS n FROM (VALUES ${rows}) AS s(i, v) WHERE trim(v) <> '' AND ${expr} IS NULL`,
  );
  return bad.rows[0]?.n;
}

describe('inferAmountRule + amountRuleToSql', () => {
  it('reads currency marks, thousands, negatives in brackets, percentages and full-width digits', async () => {
    const cases: [string | null, number | null][] = [
      ['1,234.50', 1234.5],
      ['¥1,234.50', 1234.5],
      ['￥ 88', 88],
      ['$12', 12],
      ['£3.5', 3.5],
      ['€7', 7],
      ['RMB 100', 100],
      ['cny200', 200],
      ['300元', 300],
      ['(12.50)', -12.5],
      ['-7.25', -7.25],
      ['¥-7', -7],
      ['12%', 0.12],
      ['１２３４．５', 1234.5],
      ['（１２．５）', -12.5],
      ['５０％', 0.5],
      ['1 234.5', 1234.5],
      ['1\u00a0234', 1234],
      ['+5', 5],
      ['.5', 0.5],
      ['N/A', null],
      ['-', null],
      ['1,23,4', null],
      ['1e5', null],
      ['1.234,50', null],
      ['', null],
      [null, null],
    ];
    const rule = inferAmountRule(cases.map(([v]) => v));
    expect(rule).toEqual({
      decimal: '.',
      ambiguousDecimal: false,
      percent: true,
      currencies: ['¥', '￥', '$', '£', '€', 'RMB', 'CNY', '元'],
      total: 25,
      parsed: 20,
      unparsableCount: 5,
      unparsable: ['N/A', '-', '1,23,4', '1e5', '1.234,50'],
    });
    expect(await expectParsed(rule, cases)).toBe(5);
  });

  it('reads European amounts with a decimal comma', async () => {
    const values = ['1.234,50', '99,90', '-5', '12,5%', '€ 1.000.000,00'];
    const rule = inferAmountRule(values);
    expect(rule).toMatchObject({ decimal: ',', ambiguousDecimal: false, unparsableCount: 0 });
    expect(
      await expectParsed(rule, [
        ['1.234,50', 1234.5],
        ['99,90', 99.9],
        ['-5', -5],
        ['12,5%', 0.125],
        ['€ 1.000.000,00', 1000000],
        ['1,234.50', null],
      ]),
    ).toBe(1);
  });

  it('reports values that fit either separator, and lets the caller choose', async () => {
    const values = ['1,234', '2,500'];
    const rule = inferAmountRule(values);
    expect(rule).toMatchObject({ decimal: '.', ambiguousDecimal: true });
    await expectParsed(rule, [
      ['1,234', 1234],
      ['2,500', 2500],
    ]);
    const comma = inferAmountRule(values, { decimal: ',' });
    expect(comma).toMatchObject({ decimal: ',', ambiguousDecimal: true });
    await expectParsed(comma, [
      ['1,234', 1.234],
      ['2,500', 2.5],
    ]);
    expect(describeAmountRule(rule, '金额')[0]!.zh).toContain('“金额”列：1,234 这样的值');
  });

  it('lets a decisive value settle the separator for the ambiguous ones', () => {
    expect(inferAmountRule(['1,234', '12,5']).decimal).toBe(',');
    expect(inferAmountRule(['1.234', '1,234.5']).decimal).toBe('.');
    expect(inferAmountRule(['1,234,567']).decimal).toBe('.');
  });

  it('works on a column DuckDB already typed as a number', async () => {
    const rule = inferAmountRule(['12.5']);
    const { rows } = await engine.query(
      `SELECT ${amountRuleToSql(rule, 'v')} AS a FROM (VALUES (12.5::DOUBLE), (-3::INTEGER)) s(v)`,
    );
    expect(rows.map((r) => r.a)).toEqual([12.5, -3]);
  });

  it('says how many values will be empty, with examples', () => {
    const rule = inferAmountRule(['10', 'ten', '—']);
    expect(describeAmountRule(rule, 'amount')).toEqual([
      {
        en: 'Column "amount": 2 of 3 values are not amounts (e.g. "ten", "—") and will be empty. Fix them in the file or choose another column.',
        zh: '“amount”列：3 个值中有 2 个不是金额（例如 "ten", "—"），将被置为空。请在文件中更正或换一列。',
      },
    ]);
  });
});
