import { describe, expect, it } from 'vitest';
import { aliveMatrix } from '../../../../src/model/clv/alive-matrix';

const summary = (frequency: number[], T: number[]) => ({
  frequency: Float64Array.from(frequency),
  recency: Float64Array.from(frequency, (x, i) => (x > 0 ? T[i]! / 2 : 0)),
  T: Float64Array.from(T),
  monetaryValue: new Float64Array(frequency.length),
});

describe('aliveMatrix', () => {
  it('is the BG/NBD P(alive) by hand over frequency 1..p99 and recency slice middles', () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const m = aliveMatrix(
      { model: 'bgnbd', params },
      summary([0, 1, 2, 3, 3], [10, 20, 40, 30, 5]),
      4,
    );
    expect(m.T).toBe(40);
    expect(m.cells.map((c) => c.frequency)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(m.cells.slice(0, 4).map((c) => c.recency)).toEqual([5, 15, 25, 35]);
    // Fader, Hardie & Lee (2008): 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
    const hand = (x: number, tx: number) =>
      1 / (1 + (0.793 / (2.426 + x - 1)) * ((4.414 + 40) / (4.414 + tx)) ** (0.243 + x));
    for (const c of m.cells) expect(c.pAlive).toBeCloseTo(hand(c.frequency, c.recency), 12);
    // x = 2, t_x = 35: 1 / (1 + 0.23147 * 1.12686^2.243) = 1 / (1 + 0.23147 * 1.30721) = 0.7677
    expect(m.cells[7]!.pAlive).toBeCloseTo(0.7677, 4);
  });

  it('stops at the 99th percentile of repeat purchases, at most 40 rows', () => {
    const freq = Array.from({ length: 1000 }, (_, i) => (i < 990 ? i % 5 : 200));
    const m = aliveMatrix(
      { model: 'bgnbd', params: { r: 1, alpha: 1, a: 1, b: 1 } },
      summary(
        freq,
        freq.map(() => 50),
      ),
      2,
    );
    expect(Math.max(...m.cells.map((c) => c.frequency))).toBe(4);
    const many = aliveMatrix(
      { model: 'bgnbd', params: { r: 1, alpha: 1, a: 1, b: 1 } },
      summary(
        Array.from({ length: 100 }, (_, i) => i),
        Array.from({ length: 100 }, () => 200),
      ),
      2,
    );
    expect(Math.max(...many.cells.map((c) => c.frequency))).toBe(40);
  });
});
