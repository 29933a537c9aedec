import type { Locks } from '../../src/state/TabLock.svelte';

/**
 * Web Locks shared by the pages of one test, as the browser shares them between tabs: exclusive
 * locks, `ifAvailable` (null when held) and `steal` (the holder's request rejects, AbortError).
 */
export class MemoryLocks implements Locks {
  #held = new Map<string, { reject: (e: Error) => void }>();

  async request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown> {
    const holder = this.#held.get(name);
    if (holder && options.steal) {
      this.#held.delete(name);
      holder.reject(new DOMException('The lock was stolen', 'AbortError'));
    } else if (holder && options.ifAvailable) {
      return callback(null);
    } else if (holder) {
      throw new Error('MemoryLocks: waiting for a lock is not supported');
    }
    return new Promise((resolve, reject) => {
      const entry = { reject };
      this.#held.set(name, entry);
      Promise.resolve(callback({ name })).then((value) => {
        if (this.#held.get(name) === entry) this.#held.delete(name);
        resolve(value);
      }, reject);
    });
  }
}
