import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramSql, measureSpreadSql } from '../../../src/sql/cut-points';
import { NodeEngine } from '../../support/node-engine';

// Buyers' spend (a long tail), orders (whole numbers), and two prospects that never count.
const SPEND = [5, 12.5, 40, 40, 80, 150, 400, 900, 2_500, 30_000];
const ORDERS = [1, 1, 1, 2, 2, 3, 5, 8, 13, 60];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  const rows = SPEND.map((m, i) => `(${i}, ${i + 1}, ${ORDERS[i]}, ${m})`);
  rows.push('(98, NULL, 0, 0)', '(99, NULL, 0, 0)');
  await engine.exec(`CREATE TABLE "my feats" AS SELECT * FROM (VALUES ${rows.join(', ')})
    v(customer_id, recency_days, frequency, "spend 金额")`);
});
afterAll(() => engine.close());

describe('histogramSql', () => {
  it('bins buyers in equal steps of log(1 + x), every buyer once', async () => {
    const n = 8;
    const { rows } = await engine.query(histogramSql('my feats', 'spend 金额', n, 'symlog'));
    const t = SPEND.map((x) => Math.log1p(x));
    const [lo, hi] = [Math.min(...t), Math.max(...t)];
    const expected = new Map<number, number>();
    for (const v of t) {
      const bin = Math.min(Math.floor(((v - lo) / (hi - lo)) * n), n - 1);
      expected.set(bin, (expected.get(bin) ?? 0) + 1);
    }
    expect(new Map(rows.map((r) => [Number(r.bin), Number(r.customers)]))).toEqual(expected);
    for (const r of rows) {
      const bin = Number(r.bin);
      expect(Number(r.start)).toBeCloseTo(Math.expm1(lo + ((hi - lo) * bin) / n), 6);
      expect(Number(r.end)).toBeCloseTo(Math.expm1(lo + ((hi - lo) * (bin + 1)) / n), 6);
    }
  });

  it('gives whole numbers bins from their lowest value to one past their highest', async () => {
    const { rows } = await engine.query(histogramSql('my feats', 'frequency', 40, 'symlog'));
    expect(rows[0]).toMatchObject({ start: 1, end: 2, customers: 3 });
    expect(rows.reduce((s, r) => s + Number(r.customers), 0)).toBe(ORDERS.length);
  });

  it('spread: min, median and max of buyers only', async () => {
    const { rows } = await engine.query(measureSpreadSql('my feats', 'spend 金额'));
    expect(rows[0]).toEqual({ min: 5, median: 115, max: 30_000, decimals: 1 });
  });

  it('spread: the decimals of whole counts, of cents, and of a sum floating point left long', async () => {
    const decimals = async (values: string) => {
      await engine.exec(
        `CREATE OR REPLACE TABLE d AS SELECT 1 AS recency_days, v AS x FROM (VALUES ${values}) t(v)`,
      );
      return (await engine.query(measureSpreadSql('d', 'x'))).rows[0]!.decimals;
    };
    expect(await decimals('(1), (40), (7)')).toBe(0);
    expect(await decimals('(1.5), (2.25), (3.0)')).toBe(2);
    // 0.1 + 0.2 is 0.30000000000000004 in a DOUBLE: still one decimal.
    expect(await decimals('(0.1::DOUBLE + 0.2::DOUBLE), (4.0::DOUBLE)')).toBe(1);
    expect(await decimals('(1.0 / 3.0)')).toBe(4);
  });
});
