import { describe, expect, it } from 'vitest';
import { flowLayout, type FlowInput } from '../../../src/charts/flow-layout';

const d0 = '2024-01-01';
const d1 = '2024-04-01';
const f = (
  from: string,
  to: string,
  customers: number,
  extra: Partial<FlowInput> = {},
): FlowInput => ({
  from_date: d0,
  to_date: d1,
  from_segment: from,
  to_segment: to,
  customers,
  ...extra,
});

describe('flowLayout', () => {
  it('stacks nodes in segment order with gaps and ribbons in target/source order', () => {
    const layout = flowLayout(
      [
        f('New', 'A', 2, { is_new: true }),
        f('B', 'B', 2),
        f('A', 'B', 1),
        f('A', 'A', 3),
        f('B', 'A', 0),
      ],
      ['A', 'B'],
      0.1,
    );
    // column totals 8 and 8: gap 0.8
    expect(layout.columns).toEqual([d0, d1]);
    expect(
      layout.nodes.map((n) => [n.column, n.segment, n.customers, n.y0, n.y1, n.neutral]),
    ).toEqual([
      [0, 'A', 4, 0, 4, false],
      [0, 'B', 2, 4.8, 6.8, false],
      [0, 'New', 2, 7.6, 9.6, true],
      [1, 'A', 5, 0, 5, false],
      [1, 'B', 3, 5.8, 8.8, false],
    ]);
    expect(layout.height).toBeCloseTo(9.6, 12);
    expect(
      layout.ribbons.map((r) => [r.id, r.from_segment, r.to_segment, r.y0s, r.y1s, r.y0t, r.y1t]),
    ).toEqual([
      [0, 'A', 'A', 0, 3, 0, 3],
      [1, 'A', 'B', 3, 4, 5.8, 6.8],
      [2, 'B', 'B', 4.8, 6.8, 6.8, 8.8],
      [3, 'New', 'A', 7.6, 9.6, 3, 5],
    ]);
  });

  it('chains several periods, a middle node as tall as the larger of in and out', () => {
    const layout = flowLayout(
      [
        f('A', 'A', 2),
        f('A', 'Left', 1, { is_left: true }),
        f('A', 'A', 2, { from_date: d1, to_date: '2024-07-01' }),
        f('New', 'A', 3, { from_date: d1, to_date: '2024-07-01', is_new: true }),
      ],
      ['A'],
      0,
    );
    expect(layout.columns).toEqual([d0, d1, '2024-07-01']);
    expect(layout.nodes.map((n) => [n.column, n.segment, n.customers])).toEqual([
      [0, 'A', 3],
      [1, 'A', 2],
      [1, 'New', 3],
      [1, 'Left', 1],
      [2, 'A', 5],
    ]);
    expect(() =>
      flowLayout(
        [f('A', 'A', 1), f('A', 'A', 1, { from_date: '2024-05-01', to_date: '2024-07-01' })],
        ['A'],
      ),
    ).toThrow(/首尾相接/);
  });
});
