import { describe, expect, it } from 'vitest';
import { aliveMatrix } from '../../../../src/model/clv/alive-matrix';
import { expectedMatrix } from '../../../../src/model/clv/expected-matrix';

const summary = (frequency: number[], T: number[]) => ({
  frequency: Float64Array.from(frequency),
  recency: Float64Array.from(frequency, (x, i) => (x > 0 ? T[i]! / 2 : 0)),
  T: Float64Array.from(T),
  monetaryValue: new Float64Array(frequency.length),
});

/** Gauss's hypergeometric series, summed until the terms vanish (|z| < 1). */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 10_000 && Math.abs(term) > 1e-16 * Math.abs(sum); k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
  }
  return sum;
}

describe('expectedMatrix', () => {
  it('is the BG/NBD conditional expectation by hand on the P(alive) grid', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const s = summary([0, 1, 2, 3, 3], [10, 20, 40, 30, 5]);
    const m = expectedMatrix({ model: 'bgnbd', params: p }, s, 52, 4);
    const alive = aliveMatrix({ model: 'bgnbd', params: p }, s, 4);
    expect(m.T).toBe(40);
    expect(m.horizon).toBe(52);
    expect(m.cells.map((c) => [c.frequency, c.recency])).toEqual(
      alive.cells.map((c) => [c.frequency, c.recency]),
    );
    // Fader, Hardie & Lee (2005), eq. (10), with T = 40 and t = 52.
    const { r, alpha, a, b } = p;
    const hand = (x: number, tx: number) => {
      const T = 40;
      const t = 52;
      const head = (a + b + x - 1) / (a - 1);
      const tail =
        1 -
        ((alpha + T) / (alpha + T + t)) ** (r + x) *
          hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
      const alive = 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x);
      return (head * tail) / alive;
    };
    for (const c of m.cells) {
      expect(c.expected).toBeCloseTo(hand(c.frequency, c.recency), 9);
    }
    // More recent buyers of the same frequency expect more.
    expect(m.cells[3]!.expected).toBeGreaterThan(m.cells[0]!.expected);
  });

  it('has no cells when every customer is first seen at the end', () => {
    const m = expectedMatrix(
      { model: 'bgnbd', params: { r: 1, alpha: 1, a: 1.5, b: 1 } },
      summary([0, 0], [0, 0]),
      10,
    );
    expect(m.cells).toEqual([]);
  });
});
