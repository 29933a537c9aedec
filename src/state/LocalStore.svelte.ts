import type { FileInput } from '../ingest/prepare-file';
import type { TableSource } from '../model/notebook';
import type { NoticeKind } from './load-notices';
import type { LangState } from './LangState.svelte';
import { fileDigest } from './persist/file-digest';
import { unusedFiles } from './persist/file-references';
import type { LocalBackend, SavedNotebook, StoredFile } from './persist/local-backend';

/** The record holding which stored file each table of the open notebook came from. */
const SESSION = '__session';

export interface NotebookEntry {
  id: string;
  name: string;
  savedAt: number;
  tables: string[];
}

export interface LocalStoreDeps {
  /** Opens the store (IndexedDB); absent or rejecting: nothing is kept, all stays in memory. */
  open?: () => Promise<LocalBackend>;
  /** `navigator.storage.estimate`, when the browser has it. */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  lang: LangState;
  notify: (kind: NoticeKind, text: string) => void;
  newId?: () => string;
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name ?? '';
  return name === 'QuotaExceededError' || /quota/i.test(e instanceof Error ? e.message : '');
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * What this browser keeps between visits: the files of the open notebook's tables (as dropped,
 * so they are read again the normal way on start) and notebooks saved under a name. When the
 * store fails (private mode, quota), the user is told once and the session goes on in memory.
 */
export class LocalStore {
  notebooks = $state.raw<NotebookEntry[]>([]);
  usage = $state.raw<{ used: number; quota: number } | null>(null);
  /** Why nothing can be kept in this browser, when that is so. */
  problem = $state<string | null>(null);
  /**
   * Another tab has the open notebook (TabLock): this one writes nothing of it and deletes no
   * stored file, so the other tab's files and autosave stay as it left them.
   */
  readOnly = false;
  #backend: LocalBackend | null = null;
  /** Table -> stored file of the open notebook; reactive, so the panel follows `has`. */
  #session = $state.raw<SavedNotebook>({ id: SESSION, name: '', savedAt: 0, text: '', files: {} });
  /** Data already stored -> its id, so a file read again is not stored twice. */
  #stored = new WeakMap<object, string>();
  #newId: () => string;

  constructor(private readonly deps: LocalStoreDeps) {
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** Opens the store and reads what it holds. Never throws. */
  async init(): Promise<void> {
    try {
      if (!this.deps.open) throw new Error('no storage');
      this.#backend = await this.deps.open();
      this.#session = (await this.#backend.getNotebook(SESSION)) ?? this.#session;
    } catch {
      this.#backend = null;
      this.problem = this.deps.lang.t('store.unavailable');
      return;
    }
    await this.refresh();
  }

  /** Reads again which stored file each table of the open notebook uses (another tab's). */
  async reread(): Promise<void> {
    const session = await this.#backend?.getNotebook(SESSION).catch(() => undefined);
    if (session) this.#session = session;
  }

  /** The open notebook, when it was saved here for being too large for localStorage. */
  async notebookText(): Promise<string | null> {
    const session = await this.#backend?.getNotebook(SESSION).catch(() => undefined);
    return session?.text || null;
  }

  /** Saves the open notebook here (see NotebookState.saveNow); rejects when it cannot. */
  async writeNotebookText(text: string): Promise<void> {
    if (this.readOnly) return;
    if (!this.#backend) throw new Error(this.problem ?? this.deps.lang.t('store.unavailable'));
    this.#session = { ...this.#session, text };
    await this.#backend.putNotebook(this.#session);
  }

  /** Whether a table of the open notebook has its file kept in this browser. */
  has(table: string): boolean {
    return table in this.#session.files;
  }

  /** The stored file a table of the open notebook was loaded from (its id changes with its bytes). */
  keptFile(table: string): string | undefined {
    return this.#session.files[table];
  }

  /**
   * Keeps the file a table was loaded from, once: a file with the same name and bytes already
   * stored (dropped again, or used by a saved notebook) is shared, not copied. A failure is
   * reported, never thrown.
   */
  async keep(table: string, input: FileInput): Promise<void> {
    const backend = this.#backend;
    if (!backend || this.readOnly) return;
    try {
      let id = this.#stored.get(input.data);
      if (id && this.#session.files[table] === id) return;
      if (id && !(await backend.getFile(id))) id = undefined;
      if (!id) {
        id = await this.#sameStored(backend, input);
        if (!id) {
          id = this.#newId();
          await backend.putFile(toStored(id, input));
        }
        this.#stored.set(input.data, id);
      }
      this.#session = { ...this.#session, files: { ...this.#session.files, [table]: id } };
      await backend.putNotebook(this.#session);
      await this.#collect();
    } catch (e) {
      const { t } = this.deps.lang;
      const text = isQuotaError(e)
        ? t('store.quota', { file: input.name })
        : t('store.failed', { file: input.name, message: message(e) });
      this.deps.notify('warning', text);
    }
    await this.refresh();
  }

  /**
   * A stored file with the name and bytes of `input`, if there is one. Bytes are hashed only
   * when a stored file has the same name and size; a digest is kept once worked out.
   */
  async #sameStored(backend: LocalBackend, input: FileInput): Promise<string | undefined> {
    const size = input.data instanceof Uint8Array ? input.data.byteLength : input.data.size;
    const alike = (await backend.listFiles()).filter(
      (f) => f.name === input.name && f.size === size,
    );
    if (alike.length === 0) return undefined;
    const digest = await fileDigest(input.data);
    for (const info of alike) {
      let known = info.digest;
      if (!known) {
        const stored = await backend.getFile(info.id);
        if (!stored) continue;
        known = await fileDigest(stored.blob);
        await backend.putFile({ ...stored, digest: known });
      }
      if (known === digest) return info.id;
    }
    return undefined;
  }

  /**
   * A new notebook starts with no kept files of its own. Files of the notebook before stay where
   * a saved notebook uses them; the rest are deleted.
   */
  async startSession(): Promise<void> {
    this.#session = { ...this.#session, files: {} };
    const backend = this.#backend;
    if (!backend || this.readOnly) return;
    try {
      await backend.putNotebook(this.#session);
      await this.#collect();
    } catch {
      // Kept files that could not be tidied are collected on the next change.
    }
    await this.refresh();
  }

  async renamed(from: string, to: string): Promise<void> {
    const { [from]: id, ...rest } = this.#session.files;
    if (!id || !this.#backend) return;
    this.#session = { ...this.#session, files: { ...rest, [to]: id } };
    if (!this.readOnly) await this.#backend.putNotebook(this.#session).catch(() => {});
  }

  /**
   * The kept files of these tables of the open notebook, ready to be loaded again; only where
   * the kept file has the name the table expects.
   */
  async files(sources: readonly TableSource[]): Promise<Map<string, FileInput>> {
    const files = await this.#read(
      this.#session.files,
      sources.map((s) => s.table),
    );
    for (const { table, fileName } of sources) {
      if (files.get(table)?.name !== fileName) files.delete(table);
    }
    return files;
  }

  /** Saves the open notebook under `name` (replacing one of that name) with its tables' files. */
  async save(name: string, text: string, tables: readonly string[]): Promise<boolean> {
    const { t } = this.deps.lang;
    if (!this.#backend) {
      this.deps.notify('error', this.problem ?? t('store.unavailable'));
      return false;
    }
    const same = this.notebooks.find((n) => n.name.toLowerCase() === name.toLowerCase());
    const files = Object.fromEntries(
      tables.flatMap((table) => {
        const id = this.#session.files[table];
        return id ? [[table, id]] : [];
      }),
    );
    const entry = { id: same?.id ?? this.#newId(), name, savedAt: Date.now(), text, files };
    try {
      await this.#backend.putNotebook(entry);
    } catch (e) {
      this.deps.notify('error', t('store.saveFailed', { name, message: message(e) }));
      return false;
    }
    await this.refresh();
    return true;
  }

  /**
   * A saved notebook and its files; its files become the open notebook's. Files no notebook
   * needs any more are removed.
   */
  async open(id: string): Promise<{ text: string; files: Map<string, FileInput> } | null> {
    const entry = await this.#backend?.getNotebook(id).catch(() => undefined);
    if (!entry || !this.#backend) return null;
    const files = await this.#read(entry.files, Object.keys(entry.files));
    this.#session = { ...this.#session, files: { ...entry.files } };
    if (!this.readOnly) await this.#backend.putNotebook(this.#session).catch(() => {});
    await this.#collect();
    await this.refresh();
    return { text: entry.text, files };
  }

  async remove(id: string): Promise<void> {
    if (!this.#backend || id === SESSION) return;
    await this.#backend.deleteNotebook(id).catch(() => {});
    await this.#collect();
    await this.refresh();
  }

  /**
   * Removes for good every file kept for the open notebook, also from saved notebooks that used
   * them (they will ask for the files again).
   */
  async forget(): Promise<void> {
    const backend = this.#backend;
    if (!backend || this.readOnly) return;
    const gone = new Set(Object.values(this.#session.files));
    this.#session = { ...this.#session, files: {} };
    this.#stored = new WeakMap();
    try {
      await backend.putNotebook(this.#session);
      for (const saved of await backend.listNotebooks()) {
        const kept = Object.entries(saved.files).filter(([, id]) => !gone.has(id));
        if (kept.length < Object.keys(saved.files).length) {
          await backend.putNotebook({ ...saved, files: Object.fromEntries(kept) });
        }
      }
      await backend.deleteFiles([...gone]);
    } catch (e) {
      this.deps.notify('error', this.deps.lang.t('store.forgetFailed', { message: message(e) }));
    }
    await this.refresh();
  }

  /** Reads the list of saved notebooks and how much storage is used. */
  async refresh(): Promise<void> {
    const all = (await this.#backend?.listNotebooks().catch(() => [])) ?? [];
    this.notebooks = all
      .filter((n) => n.id !== SESSION)
      .map((n) => ({ id: n.id, name: n.name, savedAt: n.savedAt, tables: Object.keys(n.files) }))
      .sort((a, b) => b.savedAt - a.savedAt);
    const estimate = await this.deps.estimate?.().catch(() => null);
    this.usage = estimate ? { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
  }

  async #read(files: Record<string, string>, tables: readonly string[]) {
    const out = new Map<string, FileInput>();
    for (const table of tables) {
      const id = files[table];
      const stored = id ? await this.#backend?.getFile(id).catch(() => undefined) : undefined;
      if (!stored) continue;
      const file = new File([stored.blob], stored.name, {
        type: stored.type,
        lastModified: stored.lastModified,
      });
      this.#stored.set(file, stored.id);
      out.set(table, { name: stored.name, data: file });
    }
    return out;
  }

  /**
   * Deletes stored files that no stored notebook uses, the open one included. Only the tab that
   * has the open notebook does: another tab's view of it may be out of date.
   */
  async #collect(): Promise<void> {
    const backend = this.#backend;
    if (!backend || this.readOnly) return;
    const notebooks = [...(await backend.listNotebooks()), this.#session];
    const unused = unusedFiles(await backend.listFiles(), notebooks);
    if (unused.length > 0) await backend.deleteFiles(unused);
  }
}

function toStored(id: string, input: FileInput): StoredFile {
  const { data, name } = input;
  if (data instanceof Uint8Array) {
    const blob = new Blob([data.slice()]);
    return { id, name, type: '', lastModified: Date.now(), size: blob.size, blob };
  }
  return {
    id,
    name,
    type: data.type,
    lastModified: data.lastModified,
    size: data.size,
    blob: data,
  };
}
