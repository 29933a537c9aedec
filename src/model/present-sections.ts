import type { Cell } from './notebook';

/** One section of present mode (one slide): usually a text cell and the result it introduces. */
export interface PresentSection {
  id: string;
  cells: Cell[];
}

/**
 * Groups the cells to show into sections: a text cell opens a section, and the first result
 * after it joins it; any further result gets a section of its own. Empty text cells, notes to the
 * author and cells `shown` rejects (nothing run yet) are left out.
 */
export function presentSections(
  cells: readonly Cell[],
  shown: (cell: Cell) => boolean,
): PresentSection[] {
  const sections: PresentSection[] = [];
  let current: PresentSection | null = null;
  for (const cell of cells) {
    if (cell.kind === 'markdown') {
      if (cell.source.trim() === '' || cell.note) continue;
      current = { id: cell.id, cells: [cell] };
      sections.push(current);
      continue;
    }
    if (!shown(cell)) continue;
    const hasResult = current?.cells.some((c) => c.kind !== 'markdown') ?? true;
    if (!current || hasResult) {
      current = { id: cell.id, cells: [cell] };
      sections.push(current);
    } else {
      current.cells.push(cell);
    }
  }
  return sections;
}
