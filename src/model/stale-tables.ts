import type { TableSource } from './notebook';

/**
 * Tables to drop when a notebook opens: it reads them from a file, none was given with it, and
 * what is loaded under that name came from another file (or from nowhere the old notebook knew),
 * so its cells would otherwise run on the wrong data. Tables from the same file name stay,
 * except for a `foreign` notebook (from a link or bundle, under review): it gets only the files
 * the user drops for it, never a table loaded for other work that happens to share a name.
 */
export function staleTables(
  previous: readonly TableSource[],
  next: readonly TableSource[],
  given: ReadonlySet<string>,
  loaded: (table: string) => boolean,
  foreign = false,
): string[] {
  return next
    .filter((t) => t.origin === 'file' && !given.has(t.table) && loaded(t.table))
    .filter((t) => foreign || previous.find((p) => p.table === t.table)?.fileName !== t.fileName)
    .map((t) => t.table);
}
