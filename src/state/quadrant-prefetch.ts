import type { ScaleChoice } from '../charts/axis-scale';
import type { Engine } from '../engine/types';

/** What a quadrant was fetched for: the cell's result (`CellRun.made`) and the axis scale. */
export interface QuadrantFor {
  made: number | undefined;
  scale: ScaleChoice;
}

interface Entry<T> extends QuadrantFor {
  data: Promise<T>;
  started: boolean;
  /** Taken by the tab before its turn came: the turn does nothing. */
  dropped: boolean;
}

/**
 * A value × loyalty cell's quadrant fetched while the engine is idle, after its result is made,
 * so opening the Quadrant tab only draws. The fetch waits behind any user work (a background
 * turn); if the tab opens before it has started, the tab fetches as usual and the waiting turn
 * does nothing.
 */
export class QuadrantPrefetch<T> {
  #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly background: <R>(work: (engine: Engine) => Promise<R>) => Promise<R>,
    private readonly fetch: (engine: Engine, id: string, scale: ScaleChoice) => Promise<T>,
  ) {}

  /** Fetches cell `id`'s quadrant in the background, unless it has been for the same result. */
  ahead(id: string, key: QuadrantFor): void {
    const had = this.#entries.get(id);
    if (had && !had.dropped && had.made === key.made && had.scale === key.scale) return;
    if (had) had.dropped = true;
    const entry = { ...key, started: false, dropped: false } as Entry<T>;
    entry.data = this.background(async (engine) => {
      if (entry.dropped) return null as never;
      entry.started = true;
      return this.fetch(engine, id, key.scale);
    });
    entry.data.catch(() => {
      if (this.#entries.get(id) === entry) this.#entries.delete(id);
    });
    this.#entries.set(id, entry);
  }

  /**
   * The quadrant fetched ahead for this result and scale, once: null when there is none, or when
   * its turn has not started (the caller fetches now, and that turn is dropped).
   */
  take(id: string, key: QuadrantFor): Promise<T> | null {
    const entry = this.#entries.get(id);
    this.#entries.delete(id);
    if (!entry) return null;
    if (!entry.started || entry.made !== key.made || entry.scale !== key.scale) {
      entry.dropped = true;
      return null;
    }
    return entry.data;
  }
}
