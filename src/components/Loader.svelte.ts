import { untrack } from 'svelte';

/**
 * Holds the latest result of an async load for a view, dropping answers that arrive late. The
 * load runs untracked: an effect calling `run` reloads only on what it read itself (the cell's
 * result version, a control's value), not on whatever state the load happens to read, such as
 * the cell's run turning to "running".
 */
export class Loader<T> {
  data = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  #ticket = 0;

  /**
   * Shows `data` now, e.g. worked out in JS before the load that confirms it: a `run` still on
   * its way lands over it, so the loaded answer always has the last word.
   */
  set(data: T): void {
    this.data = data;
    this.error = null;
  }

  async run(load: () => Promise<T>, describe: (e: unknown) => string): Promise<void> {
    const ticket = ++this.#ticket;
    this.loading = true;
    try {
      const data = await untrack(load);
      if (ticket !== this.#ticket) return;
      this.data = data;
      this.error = null;
    } catch (e) {
      if (ticket !== this.#ticket) return;
      this.error = describe(e);
    } finally {
      if (ticket === this.#ticket) this.loading = false;
    }
  }
}
