import { messageOf } from '../model/error-text';
import type { Engine } from '../engine/types';
import type { Lang } from '../domain/labels';
import type { FileInput } from '../ingest/prepare-file';
import { exampleNotebook } from '../model/example-notebook';
import { emptyNotebook, type Notebook, type TableSource } from '../model/notebook';
import { NotebookFileError, serializeNotebook } from '../io/notebook-file';
import { isShareFragment } from '../io/share-fragment';
import { BundleActions } from './BundleActions.svelte';
import { CatalogState } from './CatalogState.svelte';
import { CellActions } from './CellActions.svelte';
import { CleaningState } from './CleaningState.svelte';
import { DataActions, type NoticeAction, type NoticeKind } from './DataActions.svelte';
import { DropQuestion } from './DropQuestion.svelte';
import { EngineQueue } from './EngineQueue';
import { EngineState, type EngineStarter } from './EngineState.svelte';
import { LangState } from './LangState.svelte';
import { LocalStore } from './LocalStore.svelte';
import { NotebookOpener } from './NotebookOpener.svelte';
import type { LocalBackend } from './persist/local-backend';
import { PresentState } from './PresentState.svelte';
import { ShareActions } from './ShareActions.svelte';
import { FeaturesState } from './FeaturesState.svelte';
import type { FitModels } from './PredictActions.svelte';
import { NotebookRunner } from './NotebookRunner.svelte';
import { NotebookState } from './NotebookState.svelte';
import { QualityState } from './QualityState.svelte';
import { EvaluationActions } from './EvaluationActions.svelte';
import { SegmentActions } from './SegmentActions.svelte';
import { TabLock, type Locks } from './TabLock.svelte';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
  action?: NoticeAction;
}

export type { LoadProgress } from './DataActions.svelte';

export interface WorkspaceDeps {
  startEngine: EngineStarter;
  storage: Storage | null;
  browserLangs: readonly string[];
  fetchFile: (url: string) => Promise<Uint8Array>;
  /** Opens the store for files and saved notebooks (IndexedDB); without it all is in memory. */
  openStore?: () => Promise<LocalBackend>;
  /** `navigator.storage.estimate`, to show storage used and quota. */
  storageEstimate?: () => Promise<{ usage?: number; quota?: number }>;
  /** Fits a Predict cell's models; in a Web Worker unless given (tests in Node fit in line). */
  fitModels?: FitModels;
  /** `navigator.locks`: which tab has the open notebook; without it every tab writes. */
  locks?: Locks;
}

/**
 * Everything the app does, as actions the components call. Work that touches DuckDB runs one
 * turn at a time through `exclusive` (an EngineQueue), so cells, loads and renames never
 * interleave on the connection; the data-quality checks wait until the engine is idle.
 */
export class Workspace {
  readonly lang: LangState;
  readonly engine: EngineState;
  readonly catalog = new CatalogState();
  readonly notebook: NotebookState;
  readonly features: FeaturesState;
  /** What runs again after a change, in dependency order; the features table's builds. */
  readonly runner: NotebookRunner;
  /** Running and editing notebook cells. */
  readonly cells: CellActions;
  readonly segments: SegmentActions;
  readonly evaluation: EvaluationActions;
  /** Loading files, cleaning steps and the data-quality report. */
  readonly data: DataActions;
  readonly cleaning: CleaningState;
  readonly quality: QualityState;
  /** Files and notebooks kept in this browser. */
  readonly local: LocalStore;
  readonly opener: NotebookOpener;
  readonly share: ShareActions;
  readonly bundles: BundleActions;
  readonly present: PresentState;
  /** Files dropped into the example notebook wait here for "new notebook" or "add". */
  readonly drops = new DropQuestion();
  /** Whether this tab has the open notebook, or another tab does and this one is read-only. */
  readonly tab: TabLock;
  notices = $state<Notice[]>([]);
  /** Until the first notebook (restored, linked or the example) is open: the page shows a skeleton. */
  starting = $state(true);
  readonly #queue: EngineQueue;
  #noticeId = 0;
  /** The open notebook as read from storage, while this tab has shown only that. */
  #asStored: string | null = null;

  constructor(deps: WorkspaceDeps) {
    this.lang = new LangState(deps.storage, deps.browserLangs);
    this.engine = new EngineState(deps.startEngine);
    this.#queue = new EngineQueue(() => this.engine.get());
    this.notebook = new NotebookState(deps.storage, {
      read: () => this.local.notebookText(),
      write: (text) => this.local.writeNotebookText(text),
    });
    this.tab = new TabLock(deps.locks);
    this.tab.onLost = () => this.#setReadOnly(true);
    this.features = new FeaturesState(this.notebook, (work, options) =>
      this.#queue.background(work, options),
    );
    // The parts it coordinates are built below; it reaches them only once something runs.
    this.runner = new NotebookRunner({
      notebook: this.notebook,
      features: this.features,
      catalog: this.catalog,
      execute: (id) => this.cells.execute(id),
      checkQuality: (table) => this.quality.check(table),
      restart: (options) => this.data.recover(options),
      opening: () => this.opener.opening,
    });
    const runner = this.runner;
    this.cells = new CellActions({
      notebook: this.notebook,
      features: this.features,
      catalog: this.catalog,
      lang: this.lang,
      engine: this.engine,
      exclusive: (work) => this.exclusive(work),
      runner,
      recover: () => runner.recover(),
      ...(deps.fitModels ? { fit: deps.fitModels } : {}),
    });
    this.segments = new SegmentActions({
      notebook: this.notebook,
      features: this.features,
      catalog: this.catalog,
      lang: this.lang,
      runCell: (id) => runner.runCell(id),
      exclusive: (work) => this.exclusive(work),
    });
    this.evaluation = new EvaluationActions({
      notebook: this.notebook,
      features: this.features,
      lang: this.lang,
      segments: this.segments,
      exclusive: (work) => this.exclusive(work),
    });
    const exclusive = <T>(work: (engine: Engine) => Promise<T>) => this.exclusive(work);
    this.quality = new QualityState({
      notebook: this.notebook,
      features: this.features,
      catalog: this.catalog,
      lang: this.lang,
      background: (work) => this.#queue.background(work),
    });
    this.cleaning = new CleaningState({
      notebook: this.notebook,
      catalog: this.catalog,
      lang: this.lang,
      exclusive,
      notifyError: (text) => this.notify('error', text),
      changed: (table) => runner.tableCleaned(table),
    });
    this.local = new LocalStore({
      ...(deps.openStore ? { open: deps.openStore } : {}),
      ...(deps.storageEstimate ? { estimate: deps.storageEstimate } : {}),
      lang: this.lang,
      notify: (kind, text) => this.notify(kind, text),
    });
    this.data = new DataActions({
      notebook: this.notebook,
      features: this.features,
      catalog: this.catalog,
      lang: this.lang,
      engine: this.engine,
      cleaning: this.cleaning,
      quality: this.quality,
      exclusive,
      notify: (kind, text, action) => this.notify(kind, text, action),
      fetchFile: deps.fetchFile,
      runner,
      store: this.local,
    });
    const notify = (kind: NoticeKind, text: string, action?: NoticeAction) =>
      this.notify(kind, text, action);
    const { notebook, catalog, lang, data, local, features } = this;
    this.opener = new NotebookOpener({
      notebook,
      catalog,
      data,
      features,
      local,
      lang,
      exclusive,
      notify,
      runner,
      keep: () => this.#keepPrevious(),
    });
    const opener = this.opener;
    this.share = new ShareActions({
      notebook,
      lang,
      notify,
      open: (nb) => this.#openForeign(nb),
      reopen: (nb) => opener.openKept(nb),
    });
    this.bundles = new BundleActions({
      notebook,
      catalog,
      lang,
      exclusive,
      notify,
      open: (nb, files) => this.#openForeign(nb, files),
    });
    this.present = new PresentState(this.notebook);
  }

  /** Files being loaded, with their progress. */
  get loads() {
    return this.data.loads;
  }

  exclusive<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    return this.#queue.run(work);
  }

  /** Shows a message; information fades after a while, errors and warnings stay until dismissed. */
  notify(kind: Notice['kind'], text: string, action?: NoticeAction): void {
    const id = ++this.#noticeId;
    this.notices.push({ id, kind, text, ...(action ? { action } : {}) });
    if (kind === 'info') setTimeout(() => this.dismiss(id), action ? 30_000 : 8000);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /**
   * Opens the notebook of a shared link (`hash`), else the last notebook with the files this
   * browser kept for it, else on a first visit the example notebook on the sample data.
   */
  async start(hash = ''): Promise<void> {
    try {
      await this.#start(hash);
    } finally {
      this.starting = false;
    }
  }

  async #start(hash: string): Promise<void> {
    // DuckDB starts now, while the user is still choosing a file; a failure shows on the badge.
    this.engine.start();
    this.#setReadOnly(!(await this.tab.acquire()));
    await this.local.init();
    let restored: Notebook | null = null;
    try {
      restored = await this.notebook.restore();
    } catch (e) {
      this.notify('error', this.lang.t('notebook.restoreFailed', { message: messageOf(e) }));
    }
    if (isShareFragment(hash)) {
      // The notebook of the last visit is kept in this browser before the link's takes its place.
      if (restored) await this.#keep(restored);
      if (await this.share.open(hash)) return;
    }
    if (restored) {
      await this.opener.openKept(restored);
      this.#asStored = this.notebook.toFileText();
      return;
    }
    await this.#openExample();
  }

  #setReadOnly(readOnly: boolean): void {
    this.notebook.readOnly = readOnly;
    this.local.readOnly = readOnly;
  }

  /**
   * Takes the open notebook over from the tab that has it; that tab becomes read-only. A tab
   * that showed the stored notebook opens its latest version (with the other tab's edits); one
   * that opened something else (a link) keeps the stored notebook beside the others first.
   */
  async takeOver(): Promise<void> {
    if (!(await this.tab.takeOver())) return;
    this.#setReadOnly(false);
    await this.local.reread();
    let stored: Notebook | null = null;
    try {
      stored = await this.notebook.restore();
    } catch {
      stored = null;
    }
    if (stored && this.#asStored !== null && this.#asStored === this.notebook.toFileText()) {
      await this.opener.openKept(stored);
      this.#asStored = this.notebook.toFileText();
      return;
    }
    if (stored) await this.#keep(stored);
    this.notebook.saveNow();
  }

  /** Opens the example notebook on the sample data, keeping the notebook open now. */
  async openExample(): Promise<void> {
    await this.#keepPrevious();
    await this.#openExample();
  }

  async #openExample(): Promise<void> {
    await this.opener.open({ ...emptyNotebook(''), example: true });
    await this.data.loadSample();
    const loaded = $state.snapshot(this.notebook.notebook);
    this.notebook.replace({
      ...exampleNotebook(this.lang.lang, loaded.tables),
      mappings: loaded.mappings,
    });
    this.starting = false;
    await this.runner.runAll();
  }

  /**
   * Starts an empty notebook: no cells, no tables (the sample belongs to the example only). The
   * notebook open until now is kept in this browser under its title and the time.
   */
  async newNotebook(): Promise<void> {
    await this.#keepPrevious();
    await this.opener.open(emptyNotebook(''));
  }

  /**
   * Opens a notebook that came from someone else (a link, a bundle) beside the others: the open
   * one is kept in this browser, and the new one runs nothing until the user has reviewed it.
   */
  async #openForeign(notebook: Notebook, files?: Map<string, FileInput>): Promise<void> {
    await this.#keepPrevious();
    await this.opener.open({ ...notebook, review: true }, files);
  }

  /** Runs a notebook opened for review: the user has looked at its cells and tables. */
  async approveRun(): Promise<void> {
    // Pressed while the sample or the bundle's files still load: run once they are there.
    await this.opener.tablesLoaded();
    if (!this.notebook.notebook.review) return;
    delete this.notebook.notebook.review;
    this.notebook.save();
    await this.runner.runAll();
  }

  #keepPrevious(): Promise<void> {
    return this.#keep($state.snapshot(this.notebook.notebook) as Notebook);
  }

  /** Saves a notebook in this browser before another takes its place, unless it is the
   * untouched example (which "Example notebook" brings back) or empty. */
  async #keep(nb: Notebook): Promise<void> {
    const files = nb.tables.filter((t) => t.origin === 'file');
    const empty = nb.cells.length === 0 && nb.tables.length === 0;
    if (empty || (nb.example && files.length === 0) || this.local.problem) return;
    const title = nb.title.trim() || this.lang.t('notebook.untitled');
    const name = `${title} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
    const tables = files.map((t) => t.table);
    if (await this.local.save(name, serializeNotebook(nb), tables)) {
      this.notify('info', this.lang.t('store.keptPrevious', { name }));
    }
    await this.local.startSession();
  }

  /**
   * Loads dropped or picked files, one table each; a failure affects only that file. Dropped
   * into the example notebook, they start a new notebook unless the user adds them to it. When
   * they were tables the notebook waited for (a shared link), the notebook runs.
   */
  async loadFiles(files: FileInput[]): Promise<void> {
    if (files.length === 0) return;
    if (this.notebook.notebook.example) {
      const answer = await this.drops.ask(files.map((f) => f.name));
      if (answer === null) return;
      if (answer === 'new') await this.newNotebook();
    }
    const before = this.runner.beforeLoad();
    await this.data.loadFiles(files);
    await this.runner.tablesLoaded(before);
  }

  /** Loads a picked file as a table the notebook waits for, whatever the file is called. */
  async loadFileAs(table: string, file: FileInput): Promise<void> {
    if (await this.data.loadOne(file, table, 'file')) await this.runner.runAll();
  }

  renameTable(from: string, to: string): Promise<string | null> {
    return this.data.renameTable(from, to);
  }

  /** Switches the interface language; segment names are generated in it, so presets re-run. */
  async setLang(lang: Lang): Promise<void> {
    if (lang === this.lang.lang) return;
    this.lang.set(lang);
    this.notebook.notebook.lang = lang;
    this.notebook.save();
    await this.runner.rerunPresets();
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
          ? this.lang.t(`notebook.openError.${e.code}`, { detail: e.message })
          : messageOf(e);
      this.notify('error', this.lang.t('notebook.openFailed', { file: fileName, message: reason }));
      return;
    }
    // The user's own file: kept beside the open notebook, and run (links and bundles wait).
    await this.#keepPrevious();
    await this.opener.open(notebook);
  }

  /** Tables the notebook expects that are not loaded yet. */
  missingTables(): TableSource[] {
    return this.data.missingTables();
  }
}
