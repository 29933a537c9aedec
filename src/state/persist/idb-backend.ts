import type { LocalBackend, SavedNotebook, StoredFile, StoredFileInfo } from './local-backend';

const FILES = 'files';
const NOTEBOOKS = 'notebooks';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // A quota error arrives here, as the transaction aborts.
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/**
 * Opens (creating on first use) the `seglab` IndexedDB database. Rejects when the browser has
 * no IndexedDB or refuses it (some private modes, storage switched off).
 */
export async function openIdbBackend(
  factory: IDBFactory | undefined,
  name = 'seglab',
): Promise<LocalBackend> {
  if (!factory) throw new Error('IndexedDB is not available');
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(FILES, { keyPath: 'id' });
    request.result.createObjectStore(NOTEBOOKS, { keyPath: 'id' });
  };
  const db = await done(request);
  const write = async (store: string, work: (s: IDBObjectStore) => void) => {
    const tx = db.transaction(store, 'readwrite');
    work(tx.objectStore(store));
    await committed(tx);
  };
  const read = <T>(store: string, work: (s: IDBObjectStore) => IDBRequest<T>) =>
    done(work(db.transaction(store, 'readonly').objectStore(store)));
  return {
    putFile: (file) => write(FILES, (s) => s.put(file)),
    getFile: (id) => read<StoredFile | undefined>(FILES, (s) => s.get(id)),
    async listFiles() {
      const all = await read<StoredFile[]>(FILES, (s) => s.getAll());
      return all.map(({ id, name, size, digest }): StoredFileInfo => ({ id, name, size, digest }));
    },
    deleteFiles: (ids) => write(FILES, (s) => ids.forEach((id) => s.delete(id))),
    putNotebook: (notebook) => write(NOTEBOOKS, (s) => s.put(notebook)),
    getNotebook: (id) => read<SavedNotebook | undefined>(NOTEBOOKS, (s) => s.get(id)),
    listNotebooks: () => read<SavedNotebook[]>(NOTEBOOKS, (s) => s.getAll()),
    deleteNotebook: (id) => write(NOTEBOOKS, (s) => s.delete(id)),
  };
}
