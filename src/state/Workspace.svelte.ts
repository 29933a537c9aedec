import type { Engine } from '../engine/types';
import { loadFile, UnsupportedFormatError, type FileInput } from '../ingest/load-file';
import { dependentCells } from '../model/cell-dependencies';
import { exampleNotebook } from '../model/example-notebook';
import { errorText } from '../model/error-text';
import type { Cell, Notebook, PresetCell, SqlCell, TableSource } from '../model/notebook';
import { NotebookFileError, parseNotebook } from '../model/notebook-file';
import { checkTableName, tableNameFor } from '../model/table-name';
import { dropViewSql, renameTableSql } from '../sql/catalog';
import { dropResultSql } from '../sql/cell-result';
import { CatalogState } from './CatalogState.svelte';
import { EngineState, type EngineStarter } from './EngineState.svelte';
import { LangState } from './LangState.svelte';
import { FeaturesState } from './FeaturesState.svelte';
import { NotebookState } from './NotebookState.svelte';
import { runPresetCell } from './run-preset-cell';
import { SegmentActions } from './SegmentActions.svelte';
import { EmptyCellError, fetchPage, runSqlCell } from './run-sql-cell';
import { SAMPLE_FILES } from './sample-files';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface LoadProgress {
  fileName: string;
  fraction: number | null;
}

export interface WorkspaceDeps {
  startEngine: EngineStarter;
  storage: Storage | null;
  browserLangs: readonly string[];
  fetchFile: (url: string) => Promise<Uint8Array>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Everything the app does, as actions the components call. Work that touches DuckDB runs one
 * at a time through `exclusive`, so cells, loads and renames never interleave on the connection.
 */
export class Workspace {
  readonly lang: LangState;
  readonly engine: EngineState;
  readonly catalog = new CatalogState();
  readonly notebook: NotebookState;
  readonly features: FeaturesState;
  readonly segments: SegmentActions;
  notices = $state<Notice[]>([]);
  loads = $state<LoadProgress[]>([]);
  #queue: Promise<unknown> = Promise.resolve();
  #noticeId = 0;

  constructor(private readonly deps: WorkspaceDeps) {
    this.lang = new LangState(deps.storage, deps.browserLangs);
    this.engine = new EngineState(deps.startEngine);
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
  }

  exclusive<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => work(await this.engine.get()));
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Shows a message; information fades after a while, errors stay until dismissed. */
  notify(kind: Notice['kind'], text: string): void {
    const id = ++this.#noticeId;
    this.notices.push({ id, kind, text });
    if (kind === 'info') setTimeout(() => this.dismiss(id), 8000);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Opens the last notebook, or on a first visit the example notebook on the sample data. */
  async start(): Promise<void> {
    let restored: Notebook | null = null;
    try {
      restored = this.notebook.restore();
    } catch (e) {
      this.notify('error', this.lang.t('notebook.restoreFailed', { message: message(e) }));
    }
    if (restored) {
      this.notebook.replace(restored);
      await this.reloadSampleTables(restored.tables);
      await this.runAll();
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

  private async reloadSampleTables(tables: TableSource[]): Promise<void> {
    const samples = tables.filter((t) => t.origin === 'sample');
    if (samples.length > 0) await this.loadSample(samples.map((s) => s.table));
  }

  /** Loads the bundled sample tables (all of them, or the named ones). */
  async loadSample(only?: string[]): Promise<void> {
    const files = SAMPLE_FILES.filter((f) => !only || only.includes(f.table));
    const inputs = await Promise.all(
      files.map(async (f) => ({
        name: f.fileName,
        data: await this.deps.fetchFile(f.url),
        table: f.table,
      })),
    );
    for (const input of inputs) {
      if (this.catalog.has(input.table)) continue;
      await this.loadOne(input, input.table, 'sample');
    }
  }

  /** Loads dropped or picked files, one table each; a failure affects only that file. */
  async loadFiles(files: FileInput[]): Promise<void> {
    for (const file of files) {
      const expected = this.notebook.notebook.tables.find(
        (t) => t.origin === 'file' && t.fileName === file.name && !this.catalog.has(t.table),
      );
      const taken = this.catalog.tables.map((t) => t.name);
      await this.loadOne(file, expected?.table ?? tableNameFor(file.name, taken), 'file');
    }
  }

  private async loadOne(
    input: FileInput,
    table: string,
    origin: TableSource['origin'],
  ): Promise<boolean> {
    const progress: LoadProgress = { fileName: input.name, fraction: null };
    this.loads.push(progress);
    const entry = this.loads[this.loads.length - 1]!;
    try {
      const loaded = await this.exclusive(async (engine) => {
        const result = await loadFile(engine, input, table, (f) => (entry.fraction = f));
        await this.catalog.refresh(engine);
        return result;
      });
      const tables = this.notebook.notebook.tables.filter((t) => t.table !== table);
      const columns = loaded.columns.map((c) => c.name);
      tables.push({ table, fileName: input.name, origin, columns });
      this.notebook.notebook.tables = tables;
      this.features.autoMap(table, columns);
      this.features.invalidate();
      this.notebook.save();
      if (origin === 'file') {
        this.notify(
          'info',
          this.lang.t('load.loaded', {
            file: input.name,
            table,
            rows: loaded.rowCount,
            cols: loaded.columns.length,
          }),
        );
      }
      return true;
    } catch (e) {
      const text =
        e instanceof UnsupportedFormatError
          ? this.lang.t('load.unsupported', { file: input.name })
          : this.lang.t('load.failed', { file: input.name, message: message(e) });
      this.notify('error', text);
      return false;
    } finally {
      this.loads = this.loads.filter((l) => l !== entry);
    }
  }

  async renameTable(from: string, to: string): Promise<string | null> {
    const name = to.trim();
    if (name === from) return null;
    const problem = checkTableName(name);
    if (problem) return this.lang.t(`tables.badName.${problem}`);
    if (this.catalog.has(name) && name.toLowerCase() !== from.toLowerCase()) {
      return this.lang.t('tables.badName.taken', { name });
    }
    try {
      await this.exclusive(async (engine) => {
        await engine.exec(renameTableSql(from, name));
        await this.catalog.refresh(engine);
      });
    } catch (e) {
      return this.lang.t('tables.renameFailed', { from, to: name, message: message(e) });
    }
    this.notebook.notebook.tables = this.notebook.notebook.tables.map((t) =>
      t.table === from ? { ...t, table: name } : t,
    );
    this.features.renameTable(from, name);
    this.features.invalidate();
    this.notebook.save();
    return null;
  }

  /** Runs one SQL cell, then every later cell that reads its result. */
  async runCell(id: string, cascade = true): Promise<void> {
    const ok = await this.runOne(id);
    if (!ok || !cascade) return;
    for (const dep of dependentCells(this.notebook.notebook.cells, id)) {
      if (!(await this.runOne(dep))) return;
    }
  }

  async runAll(): Promise<void> {
    for (const cell of [...this.notebook.notebook.cells]) {
      if (cell.kind === 'preset' || (cell.kind === 'sql' && cell.source.trim() !== '')) {
        await this.runOne(cell.id);
      }
    }
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
    const snapshot = $state.snapshot(cell) as SqlCell | PresetCell;
    const lang = this.lang.lang;
    this.notebook.setRun(id, { ...this.notebook.runs[id], status: 'running' });
    try {
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
      return false;
    }
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
    this.notebook.replace(notebook);
    await this.reloadSampleTables(notebook.tables);
    await this.runAll();
  }

  /** Tables the notebook expects that are not loaded yet. */
  missingTables(): TableSource[] {
    return this.notebook.notebook.tables.filter((t) => !this.catalog.has(t.table));
  }
}
