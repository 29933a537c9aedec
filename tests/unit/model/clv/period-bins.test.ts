import { describe, expect, it } from 'vitest';
import { binOrdersIntoPeriods } from '../../../../src/model/clv/period-bins';

describe('binOrdersIntoPeriods', () => {
  it('turns orders into (x, t_x, n) rows with weights, worked by hand', () => {
    // 4 periods (0..3). A: trial 0, buys in 1 and 3 (twice in 3) -> x 2, t_x 3, n 3.
    // B: trial 0 only -> (0, 0, 3). C: trial 1, buys in 2 -> (1, 1, 2). D: same as B.
    // E: trial 2, a holdout order in period 5 is ignored -> (0, 0, 1).
    const orders = [
      ['A', 0],
      ['A', 1],
      ['A', 3],
      ['A', 3],
      ['B', 0],
      ['C', 1],
      ['C', 2],
      ['D', 0],
      ['E', 2],
      ['E', 5],
    ].map(([customerId, period]) => ({ customerId: String(customerId), period: Number(period) }));
    const bins = binOrdersIntoPeriods(orders, 4);
    const rows = Array.from(bins.frequency, (x, i) => [
      x,
      bins.recency[i],
      bins.periods[i],
      bins.weights[i],
    ]);
    expect(rows).toEqual([
      [0, 0, 1, 1],
      [1, 1, 2, 1],
      [0, 0, 3, 2],
      [2, 3, 3, 1],
    ]);
  });

  it('rejects fractional periods with the order and customer named', () => {
    expect(() => binOrdersIntoPeriods([{ customerId: 'A', period: 1.5 }], 4)).toThrow(
      /Order 1 \(customer A\)/,
    );
    expect(() => binOrdersIntoPeriods([], 1)).toThrow(/at least 2/);
  });
});
