/**
 * `next` with every row equal to a row of `prev` (same key, same field values) replaced by that
 * row object: redrawing a chart from a new result that agrees with what is drawn (DuckDB's
 * quadrant after the JS recount) then changes no mark (components/VegaChart.svelte).
 */
export function keepSameRows<T extends object>(
  prev: readonly T[],
  next: readonly T[],
  key: (row: T) => string,
): T[] {
  const byKey = new Map(prev.map((r) => [key(r), r]));
  return next.map((r) => {
    const old = byKey.get(key(r));
    return old !== undefined && sameFields(old, r) ? old : r;
  });
}

function sameFields(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is(a[k as keyof typeof a], b[k as keyof typeof b]));
}
