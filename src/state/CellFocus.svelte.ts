import type { Focus } from '../sql/focus-filter';

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

  clear(cellId: string): void {
    delete this.#byCell[cellId];
  }
}
