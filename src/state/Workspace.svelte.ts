import type { Engine } from '../engine/types';
import type { Lang } from '../domain/labels';
import { BundleActions } from './BundleActions.svelte';
import { CellFocus } from './CellFocus.svelte';
import { CatalogState } from './CatalogState.svelte';
import { TablePivots } from './TablePivots';
import { CellActions } from './CellActions.svelte';
import { CleaningState } from './CleaningState.svelte';
import { DataActions, type NoticeAction, type NoticeKind } from './DataActions.svelte';
import { DropQuestion } from './DropQuestion.svelte';
import { EngineQueue } from './EngineQueue';
import { EngineState, type EngineStarter } from './EngineState.svelte';
import { CREATED_WITH } from '../io/app-version';
import { LangState } from './LangState.svelte';
import { LastRunOutputs, type ShippedOutputs } from './LastRunOutputs.svelte';
import { LocalStore } from './LocalStore.svelte';
import { NotebookOpener } from './NotebookOpener.svelte';
import type { LocalBackend } from './persist/local-backend';
import type { OutputsBackend } from './persist/outputs-backend';
import { PresentState } from './PresentState.svelte';
import { ShareActions } from './ShareActions.svelte';
import { FeaturesState } from './FeaturesState.svelte';
import type { FitModels } from './PredictActions.svelte';
import { NotebookRunner } from './NotebookRunner.svelte';
import { NotebookSession } from './NotebookSession.svelte';
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
  /** Opens the store of cells' last outputs (IndexedDB); without it none are kept. */
  openOutputs?: () => Promise<OutputsBackend>;
  /** The example notebook's outputs made at build time; without them it waits for DuckDB. */
  exampleOutputs?: (lang: Lang) => Promise<ShippedOutputs>;
}

/**
 * The composition root: builds every part of the app's state, wires them, and starts the first
 * notebook. Components reach the parts directly (`ws.notebook`, `ws.data`, `ws.runner`,
 * `ws.session`, ...). It also holds what all parts share: the notices, and `exclusive`, the one
 * EngineQueue through which work on DuckDB runs a turn at a time (cells, loads and renames never
 * interleave; the data-quality checks wait until the engine is idle).
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
  /** Pivot views of the input tables. */
  readonly tablePivots: TablePivots;
  readonly segments: SegmentActions;
  readonly evaluation: EvaluationActions;
  /** What each segmentation cell's linked charts are narrowed to. */
  readonly focus = new CellFocus();
  /** Loading files, cleaning steps and the data-quality report. */
  readonly data: DataActions;
  readonly cleaning: CleaningState;
  readonly quality: QualityState;
  /** Files and notebooks kept in this browser. */
  readonly local: LocalStore;
  /** Cells' outputs of their last run, shown while a notebook opens. */
  readonly lastRun: LastRunOutputs;
  readonly opener: NotebookOpener;
  /** Which notebook is open and what comes into it: start, new, open, take over, drops. */
  readonly session: NotebookSession;
  readonly share: ShareActions;
  readonly bundles: BundleActions;
  readonly present: PresentState;
  /** Files dropped into the example notebook wait here for "new notebook" or "add". */
  readonly drops = new DropQuestion();
  /** Whether this tab has the open notebook, or another tab does and this one is read-only. */
  readonly tab: TabLock;
  notices = $state<Notice[]>([]);
  readonly #queue: EngineQueue;
  #noticeId = 0;

  constructor(deps: WorkspaceDeps) {
    this.lang = new LangState(deps.storage, deps.browserLangs);
    this.engine = new EngineState(deps.startEngine);
    this.#queue = new EngineQueue(() => this.engine.get());
    this.notebook = new NotebookState(deps.storage, {
      read: () => this.local.notebookText(),
      write: (text) => this.local.writeNotebookText(text),
    });
    this.tab = new TabLock(deps.locks);
    this.lastRun = new LastRunOutputs({
      notebook: this.notebook,
      lang: this.lang,
      // A sample table is the sample of this version; a file, the stored file it was read from.
      fingerprint: (t) => (t.origin === 'sample' ? CREATED_WITH : this.local.keptFile(t.table)),
      ...(deps.openOutputs ? { open: deps.openOutputs } : {}),
      ...(deps.exampleOutputs ? { shipped: deps.exampleOutputs } : {}),
    });
    const lastRun = this.lastRun;
    this.tab.onLost = () => this.session.setReadOnly(true);
    this.features = new FeaturesState(
      this.notebook,
      (work, options) => this.#queue.background(work, options),
      (table) => this.catalog.has(table),
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
      lastRun,
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
    this.tablePivots = new TablePivots({
      notebook: this.notebook,
      exclusive: (work) => this.exclusive(work),
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
      background: (work) => this.#queue.background(work),
      missingTables: () => this.data.missingTables(),
      lastRun,
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
      keep: () => this.session.keepPrevious(),
      lastRun,
    });
    const opener = this.opener;
    this.share = new ShareActions({
      notebook,
      lang,
      notify,
      open: (nb) => this.session.openForeign(nb),
      reopen: (nb) => opener.openKept(nb),
    });
    this.bundles = new BundleActions({
      notebook,
      catalog,
      lang,
      exclusive,
      notify,
      open: (nb, files, results) => this.session.openForeign(nb, files, results),
    });
    this.present = new PresentState(this.notebook);
    this.session = new NotebookSession({
      engine: this.engine,
      notebook,
      lang,
      tab: this.tab,
      local,
      opener,
      share: this.share,
      data,
      runner,
      drops: this.drops,
      lastRun,
      notify,
    });
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

  /** Opens the first notebook (NotebookSession.start); main.ts calls it once. */
  start(hash = ''): Promise<void> {
    return this.session.start(hash);
  }

  /** Until the first notebook is open; read by NotebookView. */
  get starting(): boolean {
    return this.session.starting;
  }

  /** Files being loaded; read by NotebookView (the table panel reads `data.loads`). */
  get loads() {
    return this.data.loads;
  }

  /** Switches the language (NotebookSession.setLang); PresentMode calls it. */
  setLang(lang: Lang): Promise<void> {
    return this.session.setLang(lang);
  }
}
