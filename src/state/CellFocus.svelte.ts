import type { Focus, FocusRange } from '../sql/focus-filter';

/**
 * What each segmentation cell's linked charts are narrowed to, by cell id. A view of the moment:
 * not saved with the notebook.
 */
export class CellFocus {
  #byCell = $state<Record<string, Focus>>({});

  of(cellId: string): Focus {
    return this.#byCell[cellId] ?? {};
  }

  /** Selects a segment; selecting the one already selected clears it. */
  toggleSegment(cellId: string, segment: string): void {
    const now = this.of(cellId);
    const { segment: had, ...rest } = now;
    this.#byCell[cellId] = had === segment ? rest : { ...rest, segment };
  }

  /** Selects a place; selecting the one already selected clears it. */
  togglePlace(cellId: string, place: NonNullable<Focus['place']>): void {
    const now = this.of(cellId);
    const { place: had, ...rest } = now;
    const same = had?.level === place.level && had.value === place.value;
    this.#byCell[cellId] = same ? rest : { ...rest, place };
  }

  /** Sets the brushed ranges, or with none, removes them; the same ranges again change nothing. */
  setRanges(cellId: string, ranges: readonly FocusRange[] | null): void {
    const now = this.of(cellId);
    const { ranges: had, ...rest } = now;
    const same = (a: FocusRange, b: FocusRange | undefined) =>
      !!b && a.column === b.column && a.min === b.min && a.max === b.max;
    if (!ranges || ranges.length === 0) {
      if (had) this.#byCell[cellId] = rest;
      return;
    }
    if (had?.length === ranges.length && ranges.every((r, i) => same(r, had[i]))) return;
    this.#byCell[cellId] = { ...rest, ranges };
  }

  clear(cellId: string): void {
    delete this.#byCell[cellId];
  }
}
