/** A cell's last outputs as kept: the encoded snapshot under the key of what produced it. */
export interface StoredOutput {
  key: string;
  savedAt: number;
  /** Its size as JSON (UTF-16 units), for the store's budget. */
  size: number;
  snapshot: unknown;
}

export type StoredOutputInfo = Pick<StoredOutput, 'key' | 'savedAt' | 'size'>;

/**
 * Where cells' last outputs are kept, by the digest of what produced them (so any notebook with
 * the same cells on the same data finds them): IndexedDB in the browser, memory in tests. Every
 * method may reject; callers then show no outputs from the last run.
 */
export interface OutputsBackend {
  get(key: string): Promise<StoredOutput | undefined>;
  put(output: StoredOutput): Promise<void>;
  list(): Promise<StoredOutputInfo[]>;
  delete(keys: readonly string[]): Promise<void>;
}

const STORE = 'outputs';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Opens the `seglab-outputs` IndexedDB database, apart from the notebooks and files (`seglab`):
 * it holds only what can be worked out again, and is never part of a link or bundle.
 */
export async function openOutputsBackend(
  factory: IDBFactory | undefined,
  name = 'seglab-outputs',
): Promise<OutputsBackend> {
  if (!factory) throw new Error('IndexedDB is not available');
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
  const db = await done(request);
  const store = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  return {
    get: (key) => done(store('readonly').get(key) as IDBRequest<StoredOutput | undefined>),
    async put(output) {
      await done(store('readwrite').put(output));
    },
    async list() {
      const infos: StoredOutputInfo[] = [];
      await new Promise<void>((resolve, reject) => {
        const cursor = store('readonly').openCursor();
        cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return resolve();
          const { key, savedAt, size } = c.value as StoredOutput;
          infos.push({ key, savedAt, size });
          c.continue();
        };
      });
      return infos;
    },
    async delete(keys) {
      const s = store('readwrite');
      await Promise.all(keys.map((k) => done(s.delete(k))));
    },
  };
}
