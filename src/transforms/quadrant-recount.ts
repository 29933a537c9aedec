import type { QuadrantCell } from './quadrant-rollup';

/**
 * A value-loyalty result's customers as columns (src/sql/quadrant-density.ts
 * `quadrantMembersSql`), NULL as NaN: what JS needs to count the quadrants at any thresholds.
 */
export interface QuadrantMembers {
  value: Float64Array;
  loyalty: Float64Array;
  /** Spend; a missing one is 0. */
  monetary: Float64Array;
  /** 1 for a prospect (no orders), who stays one at any threshold. */
  prospect: Float64Array;
  /** The customer's cell of the density grid, `bin_x * yBins + bin_y`; NaN: not drawn. */
  bin: Float64Array;
}

/** The value-loyalty preset's segment keys, in the order of `QUADRANT_KEYS` indexes below. */
export const QUADRANT_KEYS = [
  'core',
  'grow_loyalty',
  'increase_spend',
  'low_priority',
  'prospect',
] as const;
export type QuadrantKey = (typeof QUADRANT_KEYS)[number];

export interface QuadrantRecount {
  /** As `quadrantCellsSql` returns them at these thresholds. */
  cells: QuadrantCell[];
  /** Each customer's segment, an index into QUADRANT_KEYS. */
  keys: Uint8Array;
}

/**
 * The quadrant's cells counted again at new thresholds, exactly as the value-loyalty preset's
 * SQL and `quadrantCellsSql` count them: high means strictly above the threshold; a missing
 * measure or threshold counts as low; a prospect stays a prospect. `grid` are cells of the same
 * members on the same grid (any thresholds): a bin's place and edges do not depend on them.
 */
export function recountQuadrant(
  members: QuadrantMembers,
  cuts: { value: number | null; loyalty: number | null },
  labels: Record<QuadrantKey, string>,
  grid: readonly QuadrantCell[],
  yBins: number,
): QuadrantRecount {
  const places = new Map<number, QuadrantCell>();
  for (const c of grid) {
    if (c.bin_x !== null && c.bin_y !== null) places.set(c.bin_x * yBins + c.bin_y, c);
  }
  const bins = [-1, ...places.keys()];
  const slotOfBin = new Map(bins.map((b, i) => [b, i]));
  // One slot per bin (the first for no bin) × segment key × high value × high loyalty.
  const customers = new Float64Array(bins.length * 20);
  const revenue = new Float64Array(bins.length * 20);
  const tv = cuts.value ?? NaN;
  const tl = cuts.loyalty ?? NaN;
  const n = members.value.length;
  const keys = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const hv = members.value[i]! > tv;
    const hl = members.loyalty[i]! > tl;
    const key = members.prospect[i] === 1 ? 4 : hv && hl ? 0 : hv ? 1 : hl ? 2 : 3;
    keys[i] = key;
    const b = members.bin[i]!;
    const slot =
      (Number.isNaN(b) ? 0 : (slotOfBin.get(b) ?? 0)) * 20 + key * 4 + (hv ? 2 : 0) + (hl ? 1 : 0);
    customers[slot]! += 1;
    revenue[slot]! += members.monetary[i]!;
  }
  const cells: QuadrantCell[] = [];
  for (let slot = 0; slot < customers.length; slot++) {
    if (customers[slot] === 0) continue;
    const place = slot < 20 ? undefined : places.get(bins[Math.floor(slot / 20)]!);
    const key = QUADRANT_KEYS[Math.floor((slot % 20) / 4)]!;
    cells.push({
      bin_x: place?.bin_x ?? null,
      bin_y: place?.bin_y ?? null,
      value: place?.value ?? null,
      loyalty: place?.loyalty ?? null,
      value_lo: place?.value_lo ?? null,
      value_hi: place?.value_hi ?? null,
      loyalty_lo: place?.loyalty_lo ?? null,
      loyalty_hi: place?.loyalty_hi ?? null,
      segment: labels[key],
      high_value: (slot & 2) !== 0,
      high_loyalty: (slot & 1) !== 0,
      customers: customers[slot]!,
      revenue: revenue[slot]!,
      value_threshold: cuts.value,
      loyalty_threshold: cuts.loyalty,
    });
  }
  return { cells, keys };
}
