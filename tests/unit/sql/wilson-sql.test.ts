import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilsonSql } from '../../../src/sql/wilson-sql';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function interval(x: number, n: number, z?: number) {
  const w = wilsonSql('x', 'n', z);
  const { rows } = await engine.query(
    `SELECT ${w.lo} AS lo, ${w.hi} AS hi FROM (SELECT ${x} AS x, ${n} AS n)`,
  );
  return rows[0]!;
}

describe('wilsonSql', () => {
  it('gives [0.2188, 0.6134] for 8 of 20', async () => {
    // p = 0.4, z² = 3.841459, z²/n = 0.192073: centre 0.416112, half 0.197306
    const { lo, hi } = await interval(8, 20);
    expect(lo).toBeCloseTo(0.218806, 5);
    expect(hi).toBeCloseTo(0.613418, 5);
  });

  it('stays within [0, 1] at the edges', async () => {
    // 0 of n: [0, z² / (n + z²)]; n of n: [n / (n + z²), 1]
    const none = await interval(0, 10);
    expect(none.lo).toBe(0);
    expect(none.hi).toBeCloseTo(3.841459 / 13.841459, 6);
    const all = await interval(10, 10);
    expect(all.lo).toBeCloseTo(10 / 13.841459, 6);
    expect(all.hi).toBe(1);
  });

  it('is NULL without trials and narrows with a smaller z', async () => {
    expect(await interval(0, 0)).toEqual({ lo: null, hi: null });
    // z = 1: 8 of 20 gives centre (0.4 + 0.025) / 1.05, half sqrt(0.012 + 0.000625) / 1.05
    const { lo, hi } = await interval(8, 20, 1);
    expect(lo).toBeCloseTo((0.425 - Math.sqrt(0.012625)) / 1.05, 9);
    expect(hi).toBeCloseTo((0.425 + Math.sqrt(0.012625)) / 1.05, 9);
  });
});
