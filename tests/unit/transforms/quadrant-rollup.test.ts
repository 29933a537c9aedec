import { describe, expect, it } from 'vitest';
import {
  drawnCustomers,
  quadrantBins,
  quadrantTotals,
  type QuadrantCell,
} from '../../../src/transforms/quadrant-rollup';

/** A cell in bin (x, y) with edges [x, x + 1) × [y, y + 1); no bin for `x` NULL. */
function cell(
  x: number | null,
  y: number | null,
  segment: string,
  customers: number,
  revenue = 0,
  quadrant: [boolean, boolean] = [false, false],
): QuadrantCell {
  const drawn = x !== null && y !== null;
  return {
    bin_x: x,
    bin_y: y,
    value: drawn ? x + 0.5 : null,
    loyalty: drawn ? y + 0.5 : null,
    value_lo: drawn ? x : null,
    value_hi: drawn ? x + 1 : null,
    loyalty_lo: drawn ? y : null,
    loyalty_hi: drawn ? y + 1 : null,
    segment,
    high_value: quadrant[0],
    high_loyalty: quadrant[1],
    customers,
    revenue,
    value_threshold: 1,
    loyalty_threshold: 1,
  };
}

describe('quadrantBins', () => {
  it('adds a bin up over segments and quadrants and names its most common segment', () => {
    const bins = quadrantBins([
      cell(1, 0, 'B', 2, 0, [true, false]),
      cell(0, 0, 'A', 1),
      cell(1, 0, 'A', 2),
      cell(1, 0, 'B', 1),
      cell(null, null, 'A', 7),
    ]);
    expect(bins).toEqual([
      {
        kind: 'bin',
        customer_id: null,
        segment: 'A',
        value: 0.5,
        loyalty: 0.5,
        value_lo: 0,
        value_hi: 1,
        loyalty_lo: 0,
        loyalty_hi: 1,
        customers: 1,
        segment_share: 1,
      },
      // B: 2 + 1 across two quadrants, A: 2
      expect.objectContaining({ value_lo: 1, segment: 'B', customers: 5, segment_share: 3 / 5 }),
    ]);
  });

  it('gives a tie to the first segment by name, whatever the order of the cells', () => {
    const bins = quadrantBins([cell(0, 0, 'Zed', 2), cell(0, 0, 'Amy', 2)]);
    expect(bins[0]).toMatchObject({ segment: 'Amy', segment_share: 0.5 });
  });

  it('orders bins by value bin, then loyalty bin', () => {
    const bins = quadrantBins([cell(2, 0, 'A', 1), cell(0, 3, 'A', 1), cell(0, 1, 'A', 1)]);
    expect(bins.map((b) => [b.value_lo, b.loyalty_lo])).toEqual([
      [0, 1],
      [0, 3],
      [2, 0],
    ]);
  });
});

describe('quadrantTotals', () => {
  it('adds up every customer per segment and quadrant, drawn or not, with shares', () => {
    const totals = quadrantTotals([
      cell(0, 0, 'Low', 3, 30),
      cell(1, 1, 'Core', 1, 500, [true, true]),
      cell(null, null, 'Low', 1, 10),
      cell(1, 0, 'Grow', 2, 200, [true, false]),
      cell(0, 1, 'Keep', 3, 60, [false, true]),
    ]);
    expect(totals).toEqual([
      {
        segment: 'Core',
        high_value: true,
        high_loyalty: true,
        customers: 1,
        customer_share: 0.1,
        revenue: 500,
        revenue_share: 0.625,
      },
      expect.objectContaining({ segment: 'Grow', customers: 2, revenue_share: 0.25 }),
      expect.objectContaining({ segment: 'Keep', customers: 3, revenue_share: 0.075 }),
      expect.objectContaining({ segment: 'Low', customers: 4, revenue: 40, revenue_share: 0.05 }),
    ]);
    expect(drawnCustomers([cell(0, 0, 'Low', 3), cell(null, null, 'Low', 1)])).toBe(3);
  });

  it('orders segments sharing a quadrant by name', () => {
    const totals = quadrantTotals([cell(0, 0, 'b', 1, 1), cell(0, 0, 'a', 1, 1)]);
    expect(totals.map((t) => t.segment)).toEqual(['a', 'b']);
  });

  it('has no revenue share when there is no revenue', () => {
    const totals = quadrantTotals([cell(0, 0, 'A', 2, 0)]);
    expect(totals).toEqual([expect.objectContaining({ customer_share: 1, revenue_share: null })]);
    expect(quadrantTotals([])).toEqual([]);
  });
});
