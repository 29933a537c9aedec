import type {
  LocalBackend,
  SavedNotebook,
  StoredFile,
  StoredFileInfo,
} from '../../src/state/persist/local-backend';

/**
 * The LocalBackend contract kept in memory, for tests of the logic above it. `failWith` makes
 * the next writes fail the way IndexedDB does (e.g. a QuotaExceededError DOMException).
 */
export class MemoryBackend implements LocalBackend {
  files = new Map<string, StoredFile>();
  notebooks = new Map<string, SavedNotebook>();
  failWith: Error | null = null;

  private check(): void {
    if (this.failWith) throw this.failWith;
  }

  async putFile(file: StoredFile): Promise<void> {
    this.check();
    this.files.set(file.id, file);
  }
  async getFile(id: string): Promise<StoredFile | undefined> {
    return this.files.get(id);
  }
  async listFiles(): Promise<StoredFileInfo[]> {
    return [...this.files.values()].map(({ id, name, size, digest }) => ({
      id,
      name,
      size,
      digest,
    }));
  }
  async deleteFiles(ids: readonly string[]): Promise<void> {
    this.check();
    for (const id of ids) this.files.delete(id);
  }
  async putNotebook(notebook: SavedNotebook): Promise<void> {
    this.check();
    this.notebooks.set(notebook.id, structuredClone(notebook));
  }
  async getNotebook(id: string): Promise<SavedNotebook | undefined> {
    const n = this.notebooks.get(id);
    return n && structuredClone(n);
  }
  async listNotebooks(): Promise<SavedNotebook[]> {
    return [...this.notebooks.values()].map((n) => structuredClone(n));
  }
  async deleteNotebook(id: string): Promise<void> {
    this.check();
    this.notebooks.delete(id);
  }
}
