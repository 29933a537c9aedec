/** The part of the Web Locks API (`navigator.locks`) used here. */
export interface Locks {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

/**
 * Which tab has the open notebook. The browser keeps one open notebook (its autosave and the
 * stored files of its tables); the first tab holds a Web Lock on it for as long as it is open,
 * and only that tab writes them. A later tab opens read-only until the user takes it over, and
 * the tab it is taken from becomes read-only in turn. Without Web Locks every tab writes.
 */
export class TabLock {
  /** Whether this tab has the open notebook. */
  held = $state(true);
  /** Called when another tab took the notebook over. */
  onLost: () => void = () => {};
  #release: (() => void) | null = null;

  constructor(
    private readonly locks: Locks | undefined,
    readonly name = 'seglab.open-notebook',
  ) {}

  /** Takes the notebook if no other tab has it; false when one has (this tab is read-only). */
  acquire(): Promise<boolean> {
    return this.#request({ ifAvailable: true });
  }

  /** Takes the notebook from the tab that has it. */
  takeOver(): Promise<boolean> {
    return this.#request({ steal: true });
  }

  /** Lets another tab have it, e.g. in tests closing a page. */
  release(): void {
    this.#release?.();
    this.#release = null;
  }

  #request(options: { ifAvailable?: boolean; steal?: boolean }): Promise<boolean> {
    const locks = this.locks;
    if (!locks) return Promise.resolve((this.held = true));
    return new Promise((resolve) => {
      let granted = false;
      locks
        .request(this.name, options, (lock) => {
          if (!lock) {
            this.held = false;
            resolve(false);
            return;
          }
          granted = true;
          this.held = true;
          resolve(true);
          return new Promise<void>((release) => (this.#release = release));
        })
        .catch(() => {
          // Refused outright (e.g. a sandboxed frame): no tab can be told apart, this one writes.
          if (!granted) {
            resolve((this.held = true));
            return;
          }
          // Another tab stole the lock: it has the notebook now.
          this.#release = null;
          if (!this.held) return;
          this.held = false;
          this.onLost();
        });
    });
  }
}
