/** A file kept in this browser, as the user dropped it (or as a bundle held it). */
export interface StoredFile {
  id: string;
  name: string;
  type: string;
  lastModified: number;
  size: number;
  blob: Blob;
  /** `fileDigest` of the bytes: a file dropped again is found by it and not stored twice. */
  digest?: string;
}

/** What `listFiles` tells of a stored file, without its bytes. */
export type StoredFileInfo = Pick<StoredFile, 'id' | 'name' | 'size' | 'digest'>;

/** A notebook kept in this browser under a name, with the stored files of its tables. */
export interface SavedNotebook {
  id: string;
  name: string;
  savedAt: number;
  /** The notebook file (`serializeNotebook`): its definition, never data. */
  text: string;
  /** Table -> id of the StoredFile it was loaded from. */
  files: Record<string, string>;
}

/**
 * Where files and notebooks are kept: IndexedDB in the browser (`idb-backend.ts`), memory in
 * tests. Every method may reject (quota exceeded, storage switched off); callers keep working
 * in memory when it does.
 */
export interface LocalBackend {
  putFile(file: StoredFile): Promise<void>;
  getFile(id: string): Promise<StoredFile | undefined>;
  /** Every stored file without its bytes: to find one again, or those no notebook uses. */
  listFiles(): Promise<StoredFileInfo[]>;
  deleteFiles(ids: readonly string[]): Promise<void>;
  putNotebook(notebook: SavedNotebook): Promise<void>;
  getNotebook(id: string): Promise<SavedNotebook | undefined>;
  listNotebooks(): Promise<SavedNotebook[]>;
  deleteNotebook(id: string): Promise<void>;
}
