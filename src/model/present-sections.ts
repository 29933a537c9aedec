import { resolveCohortChoice } from './cohort-choice';
import type { Cell, PresetCell } from './notebook';

/** One section of present mode (one slide): usually a text cell and the result it introduces. */
export interface PresentSection {
  id: string;
  cells: Cell[];
  /** `cohorts`: the cohort retention heatmap of its one segmentation cell, as the cell saved it. */
  part?: 'cohorts';
}

export interface PresentSectionOptions {
  /** Whether segmentations are followed by their cohorts: they need dated orders. */
  cohorts?: boolean;
}

/**
 * What a segmentation's cohort heatmap shows. Without a segment it shows every customer, the
 * same for every segmentation of the data: one slide says it.
 */
function cohortKey(cell: PresetCell): string {
  const saved = cell.view?.cohorts;
  const { period, measure } = resolveCohortChoice(saved, []);
  return saved?.segment === undefined ? `all:${period}:${measure}` : `cell:${cell.id}`;
}

/**
 * Groups the cells to show into sections: a text cell opens a section, and the first result
 * after it joins it; any further result gets a section of its own. With `cohorts`, each
 * segmentation's section is followed by one of its cohorts, unless an earlier one shows the
 * same. Empty text cells, notes to the author and cells `shown` rejects (nothing run yet) are
 * left out.
 */
export function presentSections(
  cells: readonly Cell[],
  shown: (cell: Cell) => boolean,
  options: PresentSectionOptions = {},
): PresentSection[] {
  const sections: PresentSection[] = [];
  const cohorts = new Set<string>();
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
    if (options.cohorts && cell.kind === 'preset' && !cohorts.has(cohortKey(cell))) {
      cohorts.add(cohortKey(cell));
      current = { id: `${cell.id}:cohorts`, cells: [cell], part: 'cohorts' };
      sections.push(current);
    }
  }
  return sections;
}
