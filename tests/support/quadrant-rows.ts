import type { QuadrantScatterRow } from '../../src/charts/quadrant-chart';

/** One customer drawn as a point in the quadrant chart (a row of `quadrantPointsSql`). */
export function quadrantPoint(
  i: number,
  segment: string,
  value: number,
  loyalty: number,
): QuadrantScatterRow {
  return {
    kind: 'point',
    customer_id: `c${i}`,
    segment,
    value,
    loyalty,
    value_lo: null,
    value_hi: null,
    loyalty_lo: null,
    loyalty_hi: null,
    customers: 1,
    segment_share: 1,
  };
}
