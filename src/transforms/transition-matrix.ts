/** A transition count (src/sql/migration.ts `transitionsSql` rows have these and more). */
export interface TransitionCount {
  from_segment: string;
  to_segment: string;
  customers: number;
}

/** Transitions as a full matrix: every from × to cell, missing ones 0. */
export interface TransitionMatrix {
  from: string[];
  to: string[];
  /** counts[i][j]: customers from `from[i]` to `to[j]`. */
  counts: number[][];
  rowTotals: number[];
  /** counts[i][j] / rowTotals[i]; NULL for an empty row. */
  rowShares: (number | null)[][];
}

function ordered(labels: string[], preferred: readonly string[]): string[] {
  const present = new Set(labels);
  return [
    ...preferred.filter((s) => present.has(s)),
    ...[...present].filter((s) => !preferred.includes(s)),
  ];
}

/**
 * Pivots transition rows into a from × to matrix with row totals and row shares, for a table
 * under the heatmap. Rows repeating a pair (e.g. several periods) are added up. Labels follow
 * `order` where listed, then first appearance. Plain TypeScript rather than Arquero: Arquero
 * builds functions with `new Function` (uwdata/arquero#361), which the app's CSP forbids.
 */
export function transitionMatrix(
  rows: readonly TransitionCount[],
  order: { from?: readonly string[]; to?: readonly string[] } = {},
): TransitionMatrix {
  const from = ordered(
    rows.map((r) => r.from_segment),
    order.from ?? [],
  );
  const to = ordered(
    rows.map((r) => r.to_segment),
    order.to ?? [],
  );
  const counts = from.map(() => to.map(() => 0));
  for (const r of rows) {
    counts[from.indexOf(r.from_segment)]![to.indexOf(r.to_segment)]! += r.customers;
  }
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const rowShares = counts.map((row, i) =>
    row.map((n) => (rowTotals[i]! > 0 ? n / rowTotals[i]! : null)),
  );
  return { from, to, counts, rowTotals, rowShares };
}
