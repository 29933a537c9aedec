import type { Engine } from '../engine/types';
import type { Lang } from '../model/labels';
import type { FileInput } from '../ingest/prepare-file';
import { dependentCells } from '../model/cell-dependencies';
import { exampleNotebook } from '../model/example-notebook';
import { errorText } from '../model/error-text';
import {
  defaultPredictCell,
  newCellId,
  type Cell,
  type Notebook,
  type PredictCell,
  type PresetCell,
  type SqlCell,
  type TableSource,
} from '../model/notebook';
import { NotebookFileError, parseNotebook } from '../model/notebook-file';
import { isShareFragment } from '../model/share-fragment';
import { dropViewSql } from '../sql/catalog';
import { dropResultSql } from '../sql/cell-result';
import { BundleActions } from './BundleActions.svelte';
import { CatalogState } from './CatalogState.svelte';
import { CleaningState } from './CleaningState.svelte';
import { DataActions, type NoticeAction, type NoticeKind } from './DataActions.svelte';
import { EngineQueue } from './EngineQueue';
import { EngineState, type EngineStarter } from './EngineState.svelte';
import { LangState } from './LangState.svelte';
import { LocalStore } from './LocalStore.svelte';
import { NotebookOpener } from './NotebookOpener.svelte';
import type { LocalBackend } from './persist/local-backend';
import { PresentState } from './PresentState.svelte';
import { ShareActions } from './ShareActions.svelte';
import { FeaturesState } from './FeaturesState.svelte';
import { NotebookState } from './NotebookState.svelte';
import { QualityState } from './QualityState.svelte';
import { runPredict, type PredictContext } from './PredictActions.svelte';
import { isOutOfMemory } from '../ingest/memory-estimate';
import { runPresetCell } from './run-preset-cell';
import { EvaluationActions } from './EvaluationActions.svelte';
import { SegmentActions } from './SegmentActions.svelte';
import { EmptyCellError, fetchPage, runSqlCell } from './run-sql-cell';

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
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
  notices = $state<Notice[]>([]);
  readonly #queue: EngineQueue;
  #recovering = false;
  #noticeId = 0;

  constructor(deps: WorkspaceDeps) {
    this.lang = new LangState(deps.storage, deps.browserLangs);
    this.engine = new EngineState(deps.startEngine);
    this.#queue = new EngineQueue(() => this.engine.get());
    this.notebook = new NotebookState(deps.storage);
    this.features = new FeaturesState(this.notebook);
    this.segments = new SegmentActions({
      notebook: this.notebook,
      features: this.features,
      catalog: this.catalog,
      lang: this.lang,
      runCell: (id) => this.runCell(id),
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
      changed: async (table) => {
        this.features.invalidate();
        await this.quality.check(table);
        await this.runAll();
      },
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
      runAll: () => this.runAll(),
      store: this.local,
    });
    const notify = (kind: NoticeKind, text: string, action?: NoticeAction) =>
      this.notify(kind, text, action);
    const { notebook, catalog, lang, data, local } = this;
    const runAll = () => this.runAll();
    this.opener = new NotebookOpener({
      notebook,
      catalog,
      data,
      local,
      lang,
      exclusive,
      notify,
      runAll,
    });
    const opener = this.opener;
    this.share = new ShareActions({
      notebook,
      lang,
      notify,
      open: (nb) => opener.open(nb),
      reopen: (nb) => opener.openKept(nb),
    });
    this.bundles = new BundleActions({
      notebook,
      catalog,
      lang,
      exclusive,
      notify,
      open: (nb, files) => opener.open(nb, files),
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
    // DuckDB starts now, while the user is still choosing a file; a failure shows on the badge.
    this.engine.get().catch(() => {});
    await this.local.init();
    if (isShareFragment(hash) && (await this.share.open(hash))) return;
    let restored: Notebook | null = null;
    try {
      restored = this.notebook.restore();
    } catch (e) {
      this.notify('error', this.lang.t('notebook.restoreFailed', { message: message(e) }));
    }
    if (restored) {
      await this.opener.openKept(restored);
      return;
    }
    await this.loadSample();
    const loaded = $state.snapshot(this.notebook.notebook);
    this.notebook.replace({
      ...exampleNotebook(this.lang.lang, loaded.tables),
      mappings: loaded.mappings,
    });
    await this.runAll();
  }

  /** Loads the bundled sample tables (all of them, or the named ones). */
  loadSample(only?: string[]): Promise<void> {
    return this.data.loadSample(only);
  }

  /**
   * Loads dropped or picked files, one table each; a failure affects only that file. When they
   * were tables the notebook waited for (a shared link), the notebook runs.
   */
  async loadFiles(files: FileInput[]): Promise<void> {
    const waiting = this.missingTables().length;
    await this.data.loadFiles(files);
    if (waiting > 0 && this.missingTables().length < waiting) await this.runAll();
  }

  /** Loads a picked file as a table the notebook waits for, whatever the file is called. */
  async loadFileAs(table: string, file: FileInput): Promise<void> {
    if (await this.data.loadOne(file, table, 'file')) await this.runAll();
  }

  renameTable(from: string, to: string): Promise<string | null> {
    return this.data.renameTable(from, to);
  }

  /** Runs one SQL cell, then every later cell that reads its result. */
  async runCell(id: string, cascade = true): Promise<void> {
    const ok = await this.runOne(id);
    if (!ok || !cascade) return;
    // New predictions change the features every preset reads.
    if (this.notebook.cell(id)?.kind === 'predict') {
      for (const cell of [...this.notebook.notebook.cells]) {
        if (cell.kind === 'preset') await this.runCell(cell.id);
      }
    }
    for (const dep of dependentCells(this.notebook.notebook.cells, id)) {
      if (!(await this.runOne(dep))) return;
    }
  }

  async runAll(): Promise<void> {
    for (const cell of [...this.notebook.notebook.cells]) {
      if (cell.kind !== 'markdown' && (cell.kind !== 'sql' || cell.source.trim() !== '')) {
        await this.runOne(cell.id);
      }
    }
  }

  /** Switches the interface language; segment names are generated in it, so presets re-run. */
  async setLang(lang: Lang): Promise<void> {
    if (lang === this.lang.lang) return;
    this.lang.set(lang);
    this.notebook.notebook.lang = lang;
    this.notebook.save();
    await this.rerunPresets();
  }

  /** Column roles or the analysis date changed: rebuild features and re-run the presets soon. */
  mappingChanged(): void {
    clearTimeout(this.#mappingTimer);
    this.#mappingTimer = setTimeout(() => void this.rerunPresets(), 300);
  }
  #mappingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Re-runs every preset cell (and what reads them), e.g. after roles or the date changed. */
  async rerunPresets(): Promise<void> {
    this.features.invalidate();
    for (const cell of [...this.notebook.notebook.cells]) {
      if (cell.kind === 'preset') await this.runCell(cell.id);
    }
  }

  private async runOne(id: string): Promise<boolean> {
    const cell = this.notebook.cell(id);
    if (!cell || cell.kind === 'markdown') return false;
    const snapshot = $state.snapshot(cell) as SqlCell | PresetCell | PredictCell;
    const lang = this.lang.lang;
    this.notebook.setRun(id, { ...this.notebook.runs[id], status: 'running' });
    try {
      if (snapshot.kind === 'predict') {
        const predict = await runPredict(this.predictContext(), snapshot);
        await this.exclusive((engine) => this.catalog.refresh(engine));
        this.notebook.setRun(id, { status: 'done', predict });
        return true;
      }
      const result = await this.exclusive(async (engine) => {
        const r =
          snapshot.kind === 'sql'
            ? await runSqlCell(engine, snapshot)
            : await runPresetCell(engine, snapshot, await this.features.ensure(engine), lang);
        await this.catalog.refresh(engine);
        return r;
      });
      this.notebook.setRun(id, { status: 'done', result });
      return true;
    } catch (e) {
      const cancelled = /interrupt|query was cancel/i.test(message(e));
      this.notebook.setRun(id, {
        status: cancelled ? 'cancelled' : 'error',
        error: e instanceof EmptyCellError ? this.lang.t('cell.emptySql') : errorText(e, lang),
      });
      // DuckDB may be unusable after running out of memory: restart it and reload the tables,
      // once: a cell that runs out of memory again during the recovery just shows its error.
      if (isOutOfMemory(e) && !this.#recovering) {
        this.#recovering = true;
        void this.data.recover().finally(() => (this.#recovering = false));
      }
      return false;
    }
  }

  private predictContext(): PredictContext {
    return {
      features: this.features,
      exclusive: (work) => this.exclusive(work),
      onProgress: (id, progress) =>
        this.notebook.setRun(id, { ...this.notebook.runs[id], status: 'running', progress }),
    };
  }

  /** Adds a Predict cell (customer lifetime value) and runs it. */
  async addPredictCell(index?: number): Promise<void> {
    const taken = new Set(this.catalog.tables.map((t) => t.name.toLowerCase()));
    let name = 'clv_predictions';
    for (let i = 2; taken.has(name); i++) name = `clv_predictions_${i}`;
    const cell = this.notebook.insertCell(defaultPredictCell(newCellId(), name), index);
    await this.runCell(cell.id);
  }

  async cancel(): Promise<void> {
    const engine = await this.engine.get();
    await engine.cancel();
  }

  async showPage(id: string, offset: number): Promise<void> {
    const run = this.notebook.runs[id];
    if (!run?.result) return;
    const result = $state.snapshot(run.result);
    const page = await this.exclusive((engine) => fetchPage(engine, id, result, offset));
    this.notebook.setRun(id, { status: 'done', result: page });
  }

  async renameResult(id: string, name: string): Promise<void> {
    const cell = this.notebook.cell(id);
    if (!cell || cell.kind !== 'sql') return;
    const old = cell.name;
    const next = name.trim();
    if ((old ?? '') === next) return;
    if (next === '') delete cell.name;
    else cell.name = next;
    this.notebook.save();
    if (old) await this.exclusive((engine) => engine.exec(dropViewSql(old))).catch(() => {});
    if (next) await this.runCell(id);
  }

  async deleteCell(id: string): Promise<void> {
    const cell = this.notebook.deleteCell(id);
    if (!cell || cell.kind === 'markdown') return;
    const name = cell.name;
    await this.exclusive(async (engine) => {
      if (name) await engine.exec(dropViewSql(name));
      await engine.exec(dropResultSql(cell.id));
      await this.catalog.refresh(engine);
    }).catch(() => {});
  }

  async undoDelete(): Promise<void> {
    const cell = this.notebook.undoDelete();
    if (cell?.kind === 'preset' || (cell?.kind === 'sql' && cell.source.trim() !== '')) {
      await this.runCell(cell.id);
    }
  }

  addCell(kind: 'sql' | 'markdown', index?: number): Cell {
    return this.notebook.addCell(kind, index);
  }

  /** Opens a `.seglab.json` file; the current notebook stays if the file cannot be read. */
  async openNotebook(fileName: string, text: string): Promise<void> {
    let notebook: Notebook;
    try {
      notebook = parseNotebook(text);
    } catch (e) {
      const reason =
        e instanceof NotebookFileError
          ? this.lang.t(`notebook.openError.${e.code}`, { detail: e.message })
          : message(e);
      this.notify('error', this.lang.t('notebook.openFailed', { file: fileName, message: reason }));
      return;
    }
    await this.opener.open(notebook);
  }

  /** Tables the notebook expects that are not loaded yet. */
  missingTables(): TableSource[] {
    return this.data.missingTables();
  }
}
