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
  /**
   * Cells of all the markdown tables in one text (rows × widest row, summed): on a 2-core
   * machine, styling, laying out and painting 5,000 table cells took one task 80–130 ms, 2,000
   * 40–50, 1,000 about 25.
   */
  tableCells: 1_000,
  tables: 100,
} as const;

export interface MarkdownTables {
  /** The most rows, and the widest row (in cells), of any one table. */
  rows: number;
  columns: number;
  /** Rows × widest row of each table, summed. */
  cells: number;
}

/** The size of the markdown tables in `source`: a table is a run of lines holding `|`. */
export function markdownTables(source: string): MarkdownTables {
  const all = { rows: 0, columns: 0, cells: 0 };
  let run = 0;
  let width = 0;
  const close = () => {
    all.cells += run * width;
    run = 0;
    width = 0;
  };
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.includes('|')) {
      run++;
      width = Math.max(width, trimmed.replace(/^\||\|$/g, '').split('|').length);
      all.rows = Math.max(all.rows, run);
      all.columns = Math.max(all.columns, width);
    } else close();
  }
  close();
  return all;
}

export type MarkdownTablesProblem = { rows: number; columns: number } | { cells: number };

/** Why the tables of `source` are too large to show formatted, or null. */
export function markdownTablesProblem(source: string): MarkdownTablesProblem | null {
  const { rows, columns, cells } = markdownTables(source);
  if (rows > NOTEBOOK_LIMITS.tableRows || columns > NOTEBOOK_LIMITS.tableColumns) {
    return { rows, columns };
  }
  return cells > NOTEBOOK_LIMITS.tableCells ? { cells } : null;
}

/**
 * Why a markdown cell's text is not rendered (it is shown as plain text instead), or null: more
 * text, or larger tables, than a notebook may hold. Typing can make a cell exceed what a
 * checked file could bring.
 */
export function markdownRenderProblem(
  source: string,
): { characters: number } | MarkdownTablesProblem | null {
  if (source.length > NOTEBOOK_LIMITS.cellText) return { characters: source.length };
  return markdownTablesProblem(source);
}
