import { QUADRANT_BINS, type QuadrantPointRow } from '../sql/quadrant-density';
import { quadrantBins, quadrantTotals } from '../transforms/quadrant-rollup';
import { QUADRANT_KEYS, recountQuadrant, type QuadrantKey } from '../transforms/quadrant-recount';
import type { Quadrant, QuadrantMemberColumns } from './evaluate';

/**
 * The quadrant `q` at other thresholds, counted in JS from its members: the same totals, bins
 * and point colours DuckDB gives once the preset has re-run at these thresholds, at once.
 */
export function quadrantAt(
  q: Quadrant,
  members: QuadrantMemberColumns,
  cuts: { value: number | null; loyalty: number | null },
  labels: Record<QuadrantKey, string>,
): Quadrant {
  const { cells, keys } = recountQuadrant(members, cuts, labels, q.cells, QUADRANT_BINS.y);
  let rows: Quadrant['rows'];
  if (members.ids) {
    const at = new Map(members.ids.map((id, i) => [id, i]));
    rows = q.rows.map((r) => {
      const i = r.customer_id === null ? undefined : at.get(r.customer_id);
      const segment = i === undefined ? r.segment : labels[QUADRANT_KEYS[keys[i]!]!];
      return segment === r.segment ? r : ({ ...r, segment } as QuadrantPointRow);
    });
  } else {
    rows = quadrantBins(cells);
  }
  return {
    ...q,
    rows,
    summary: quadrantTotals(cells),
    valueThreshold: cuts.value,
    loyaltyThreshold: cuts.loyalty,
    cells,
  };
}
