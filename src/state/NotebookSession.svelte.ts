import { messageOf } from '../model/error-text';
import type { Lang } from '../domain/labels';
import type { FileInput } from '../ingest/prepare-file';
import { exampleNotebook } from '../model/example-notebook';
import { emptyNotebook, type Notebook } from '../model/notebook';
import { NotebookFileError, serializeNotebook } from '../io/notebook-file';
import { isShareFragment } from '../io/share-fragment';
import type { DataActions } from './DataActions.svelte';
import type { DropQuestion } from './DropQuestion.svelte';
import type { EngineState } from './EngineState.svelte';
import type { LangState } from './LangState.svelte';
import type { LastRunOutputs } from './LastRunOutputs.svelte';
import type { NoticeAction, NoticeKind } from './load-notices';
import type { LocalStore } from './LocalStore.svelte';
import type { BundleResults, NotebookOpener } from './NotebookOpener.svelte';
import type { NotebookRunner } from './NotebookRunner.svelte';
import type { NotebookState } from './NotebookState.svelte';
import type { ShareActions } from './ShareActions.svelte';
import type { TabLock } from './TabLock.svelte';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface SessionContext {
  engine: EngineState;
  notebook: NotebookState;
  lang: LangState;
  tab: TabLock;
  local: LocalStore;
  opener: NotebookOpener;
  share: ShareActions;
  data: DataActions;
  runner: NotebookRunner;
  drops: DropQuestion;
  lastRun?: Pick<LastRunOutputs, 'shippedFor' | 'showAll'>;
  notify: (kind: NoticeKind, text: string, action?: NoticeAction) => void;
}

/**
 * Which notebook is open and what comes into it: the start (a link, the last notebook, the
 * example), a new, opened or taken-over notebook (the one open before is kept in this browser),
 * files dropped into it, its language, and the Run of a notebook under review.
 */
export class NotebookSession {
  /** Until the first notebook (restored, linked or the example) is open: the page shows a skeleton. */
  starting = $state(true);
  /** The open notebook as read from storage, while this tab has shown only that. */
  #asStored: string | null = null;

  constructor(private readonly ctx: SessionContext) {}

  /**
   * Opens the notebook of a shared link (`hash`), else the last notebook with the files this
   * browser kept for it, else on a first visit the example notebook on the sample data.
   */
  async start(hash = ''): Promise<void> {
    try {
      await this.#begin(hash);
    } finally {
      this.starting = false;
    }
  }

  async #begin(hash: string): Promise<void> {
    // DuckDB starts now, while the user is still choosing a file; a failure shows on the badge.
    this.ctx.engine.start();
    this.setReadOnly(!(await this.ctx.tab.acquire()));
    await this.ctx.local.init();
    let restored: Notebook | null = null;
    try {
      restored = await this.ctx.notebook.restore();
    } catch (e) {
      this.ctx.notify(
        'error',
        this.ctx.lang.t('notebook.restoreFailed', { message: messageOf(e) }),
      );
    }
    if (isShareFragment(hash)) {
      // The notebook of the last visit is kept in this browser before the link's takes its place.
      if (restored) await this.#keep(restored);
      if (await this.ctx.share.open(hash)) return;
    }
    if (restored) {
      await this.ctx.opener.openKept(restored);
      this.#asStored = this.ctx.notebook.toFileText();
      return;
    }
    await this.#openExample();
  }

  /** This tab lost or took the open notebook: it stops or starts writing. */
  setReadOnly(readOnly: boolean): void {
    this.ctx.notebook.readOnly = readOnly;
    this.ctx.local.readOnly = readOnly;
  }

  /**
   * Takes the open notebook over from the tab that has it; that tab becomes read-only. A tab
   * that showed the stored notebook opens its latest version (with the other tab's edits); one
   * that opened something else (a link) keeps the stored notebook beside the others first.
   */
  async takeOver(): Promise<void> {
    if (!(await this.ctx.tab.takeOver())) return;
    this.setReadOnly(false);
    await this.ctx.local.reread();
    let stored: Notebook | null = null;
    try {
      stored = await this.ctx.notebook.restore();
    } catch {
      stored = null;
    }
    if (stored && this.#asStored !== null && this.#asStored === this.ctx.notebook.toFileText()) {
      await this.ctx.opener.openKept(stored);
      this.#asStored = this.ctx.notebook.toFileText();
      return;
    }
    if (stored) await this.#keep(stored);
    this.ctx.notebook.saveNow();
  }

  /** Opens the example notebook on the sample data, keeping the notebook open now. */
  async openExample(): Promise<void> {
    await this.keepPrevious();
    await this.#openExample();
  }

  async #openExample(): Promise<void> {
    await this.ctx.opener.open({ ...emptyNotebook(''), example: true });
    // With its outputs shipped, the example shows at once and its tables load into it.
    const example = exampleNotebook(this.ctx.lang.lang, []);
    const shipped = await this.ctx.lastRun?.shippedFor(example);
    if (shipped) {
      this.ctx.notebook.replace(example);
      this.ctx.lastRun?.showAll(shipped);
      this.starting = false;
      await this.ctx.data.loadSample();
      await this.ctx.runner.runAll();
      return;
    }
    await this.ctx.data.loadSample();
    const loaded = $state.snapshot(this.ctx.notebook.notebook);
    this.ctx.notebook.replace({
      ...exampleNotebook(this.ctx.lang.lang, loaded.tables),
      mappings: loaded.mappings,
    });
    this.starting = false;
    await this.ctx.runner.runAll();
  }

  /**
   * Starts an empty notebook: no cells, no tables (the sample belongs to the example only). The
   * notebook open until now is kept in this browser under its title and the time.
   */
  async newNotebook(): Promise<void> {
    await this.keepPrevious();
    await this.ctx.opener.open(emptyNotebook(''));
  }

  /**
   * Opens a notebook that came from someone else (a link, a bundle) beside the others: the open
   * one is kept in this browser, and the new one runs nothing until the user has reviewed it.
   */
  async openForeign(
    notebook: Notebook,
    files?: Map<string, FileInput>,
    results?: BundleResults,
  ): Promise<void> {
    await this.keepPrevious();
    await this.ctx.opener.open({ ...notebook, review: true }, files, results);
  }

  /** Runs a notebook opened for review: the user has looked at its cells and tables. */
  async approveRun(): Promise<void> {
    // Pressed while the sample or the bundle's files still load: run once they are there.
    await this.ctx.opener.tablesLoaded();
    if (!this.ctx.notebook.notebook.review) return;
    delete this.ctx.notebook.notebook.review;
    this.ctx.notebook.save();
    await this.ctx.runner.runAll();
  }

  /** Keeps the open notebook in this browser before another takes its place. */
  keepPrevious(): Promise<void> {
    return this.#keep($state.snapshot(this.ctx.notebook.notebook) as Notebook);
  }

  /** Saves a notebook in this browser before another takes its place, unless it is the
   * untouched example (which "Example notebook" brings back) or empty. */
  async #keep(nb: Notebook): Promise<void> {
    const files = nb.tables.filter((t) => t.origin === 'file');
    const empty = nb.cells.length === 0 && nb.tables.length === 0;
    if (empty || (nb.example && files.length === 0) || this.ctx.local.problem) return;
    const title = nb.title.trim() || this.ctx.lang.t('notebook.untitled');
    const name = `${title} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
    const tables = files.map((t) => t.table);
    // A notebook may hold 4 MB of text: copying, serialising and storing it are each their own
    // task, so none holds the page for long (together they took one 40–120 ms task).
    await nextTask();
    const text = serializeNotebook(nb);
    await nextTask();
    if (await this.ctx.local.save(name, text, tables)) {
      this.ctx.notify('info', this.ctx.lang.t('store.keptPrevious', { name }));
    }
    await this.ctx.local.startSession();
  }

  /**
   * Loads dropped or picked files, one table each; a failure affects only that file. Dropped
   * into the example notebook, they start a new notebook unless the user adds them to it. When
   * they were tables the notebook waited for (a shared link), the notebook runs.
   */
  async loadFiles(files: FileInput[]): Promise<void> {
    if (files.length === 0) return;
    if (this.ctx.notebook.notebook.example) {
      const answer = await this.ctx.drops.ask(files.map((f) => f.name));
      if (answer === null) return;
      if (answer === 'new') await this.newNotebook();
    }
    const before = this.ctx.runner.beforeLoad();
    await this.ctx.data.loadFiles(files);
    await this.ctx.runner.tablesLoaded(before);
  }

  /** Loads a picked file as a table the notebook waits for, whatever the file is called. */
  async loadFileAs(table: string, file: FileInput): Promise<void> {
    if (await this.ctx.data.loadOne(file, table, 'file')) await this.ctx.runner.runAll();
  }

  /** Switches the interface language; segment names are generated in it, so presets re-run. */
  async setLang(lang: Lang): Promise<void> {
    if (lang === this.ctx.lang.lang) return;
    this.ctx.lang.set(lang);
    this.ctx.notebook.notebook.lang = lang;
    this.ctx.notebook.save();
    await this.ctx.runner.rerunPresets();
  }

  /** Opens a `.seglab.json` file; the current notebook stays if the file cannot be read. */
  async openNotebook(fileName: string, text: string | Blob): Promise<void> {
    let notebook: Notebook;
    try {
      const { parseNotebookInWorker } = await import('./read-notebook-in-worker');
      notebook = await parseNotebookInWorker(text);
    } catch (e) {
      const reason =
        e instanceof NotebookFileError
          ? this.ctx.lang.t(`notebook.openError.${e.code}`, { detail: e.message })
          : messageOf(e);
      this.ctx.notify(
        'error',
        this.ctx.lang.t('notebook.openFailed', { file: fileName, message: reason }),
      );
      return;
    }
    // The user's own file: kept beside the open notebook, and run (links and bundles wait).
    await this.keepPrevious();
    await this.ctx.opener.open(notebook);
  }
}
