/**
 * Rows handed to a Vega view a slice at a time, so drawing thousands of marks never holds the
 * page for long: the first slice is drawn with the view, the rest are added in later tasks.
 * Only for charts whose scales do not follow their rows (fixed domains, as the quadrant's), or
 * the axes would move while the rows come in.
 */

/** Rows per slice: about 25 ms of Vega's work (encode, SVG, garbage) on a loaded 2-core VM. */
export const SLICE_ROWS = 300;
/** Rows drawn with the view itself, which also lays out its axes, legend and labels. */
export const FIRST_ROWS = 250;

export interface RowChanges<T> {
  remove: T[];
  insert: T[];
}

/** Splits one change of a dataset into slices of at most `size` removed plus inserted rows. */
export function sliceChanges<T>(change: RowChanges<T>, size = SLICE_ROWS): RowChanges<T>[] {
  const out: RowChanges<T>[] = [];
  const { remove, insert } = change;
  const steps = Math.max(1, Math.ceil(Math.max(remove.length, insert.length) / size));
  for (let i = 0; i < steps; i++) {
    out.push({
      remove: remove.slice(i * size, (i + 1) * size),
      insert: insert.slice(i * size, (i + 1) * size),
    });
  }
  return out;
}

/**
 * The datasets to build a view with (each cut to its first `firstSize` rows) and, per dataset,
 * the slices of `size` rows to insert after.
 */
export function firstSlices<T>(
  datasets: Record<string, T[]>,
  size = SLICE_ROWS,
  firstSize = FIRST_ROWS,
): { first: Record<string, T[]>; later: Record<string, T[][]> } {
  const first: Record<string, T[]> = {};
  const later: Record<string, T[][]> = {};
  for (const [name, rows] of Object.entries(datasets)) {
    first[name] = rows.slice(0, firstSize);
    const rest: T[][] = [];
    for (let i = firstSize; i < rows.length; i += size) rest.push(rows.slice(i, i + size));
    if (rest.length > 0) later[name] = rest;
  }
  return { first, later };
}
