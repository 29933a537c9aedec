/**
 * What a notebook from a link, bundle or file may hold. Anything larger is refused before it
 * replaces anything: a few kilobytes of link could otherwise freeze the page (1,000 cells, or a
 * markdown table of 4,000 × 450 cells, took 53 and 79 s to show).
 */
export const NOTEBOOK_LIMITS = {
  cells: 300,
  /** Characters in one cell's text (SQL or markdown). */
  cellText: 100_000,
  /** Characters of the notebook's JSON. */
  total: 4_000_000,
  /** Rows and columns of one markdown table. */
  tableRows: 500,
  tableColumns: 40,
  tables: 100,
} as const;

/** Rows and the widest row (in cells) of the largest markdown table in `source`. */
export function largestMarkdownTable(source: string): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  let run = 0;
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.includes('|')) {
      run++;
      columns = Math.max(columns, trimmed.replace(/^\||\|$/g, '').split('|').length);
      rows = Math.max(rows, run);
    } else run = 0;
  }
  return { rows, columns };
}

/**
 * Why a markdown cell's text is not rendered (it is shown as plain text instead), or null: more
 * text, or a larger table, than a notebook may hold. Typing can make a cell exceed what a
 * checked file could bring.
 */
export function markdownRenderProblem(
  source: string,
): { characters: number } | { rows: number; columns: number } | null {
  if (source.length > NOTEBOOK_LIMITS.cellText) return { characters: source.length };
  const { rows, columns } = largestMarkdownTable(source);
  if (rows > NOTEBOOK_LIMITS.tableRows || columns > NOTEBOOK_LIMITS.tableColumns) {
    return { rows, columns };
  }
  return null;
}
