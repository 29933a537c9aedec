/** One metric of one segment. */
export interface ScorecardCell<K extends string> {
  segment: string;
  is_total: boolean;
  metric: K;
  value: number | null;
}

/**
 * Scorecard rows (one per segment, one column per metric) folded into one row per segment and
 * metric, in the order of `metrics`, then of the rows: the shape a faceted chart or a
 * metric-by-segment table wants. Missing values become NULL. Plain TypeScript, not Arquero,
 * because of the app's CSP (see transition-matrix.ts).
 */
export function scorecardLong<K extends string>(
  rows: readonly ({ segment: string; is_total?: boolean } & Partial<Record<K, number | null>>)[],
  metrics: readonly K[],
): ScorecardCell<K>[] {
  return metrics.flatMap((metric) =>
    rows.map((row) => {
      const value = row[metric];
      return {
        segment: row.segment,
        is_total: row.is_total ?? false,
        metric,
        value: typeof value === 'number' && Number.isFinite(value) ? value : null,
      };
    }),
  );
}
