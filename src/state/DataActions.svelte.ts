import type { Engine } from '../engine/types';
import { rawTableName } from '../sql/cleaning';
import { LoadError } from '../ingest/load-error';
import {
  checkMemory,
  memoryBudget,
  readMemoryEnvironment,
  type MemoryEnvironment,
} from '../ingest/memory-estimate';
import {
  prepareOrChoose,
  type FileInput,
  type LoadChoices,
  type PreparedFile,
} from '../ingest/prepare-file';
import type { ConversionSuggestion } from '../ingest/suggest-conversions';
import type { CleaningStep, ConversionRule } from '../domain/cleaning-step';
import { errorText } from '../model/error-text';
import type { Inputs } from '../model/inputs';
import type { TableSource } from '../model/notebook';
import type { TableMapping } from '../domain/roles';
import { checkTableName, tableNameFor } from '../model/table-name';
import { dropTableSql, memoryUsageSql, renameTableSql } from '../sql/catalog';
import type { CatalogState } from './CatalogState.svelte';
import type { CleaningState } from './CleaningState.svelte';
import type { EngineState } from './EngineState.svelte';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import {
  failureText,
  offerRetry,
  RETRY_ENCODING,
  warningText,
  type NoticeAction,
  type NoticeKind,
} from './load-notices';
import type { NotebookRunner } from './NotebookRunner.svelte';
import type { NotebookState } from './NotebookState.svelte';
import { placeAll, placeTable, type PlacedTable, type TableLoadInfo } from './place-table';
import type { QualityState } from './QualityState.svelte';
import { SAMPLE_FILES } from './sample-files';
import { fileDigest } from './persist/file-digest';
import { ReplaceQuestion } from './ReplaceQuestion.svelte';
import { SheetQuestion } from './SheetQuestion.svelte';

export type { TableLoadInfo } from './place-table';

export interface LoadProgress {
  fileName: string;
  size: number;
  /** Share done, when known; while DuckDB reads, its own percentage is shown instead. */
  fraction: number | null;
  stage: 'reading' | 'loading';
}

export type { NoticeAction, NoticeKind } from './load-notices';

export interface DataContext {
  notebook: NotebookState;
  features: FeaturesState;
  catalog: CatalogState;
  lang: LangState;
  engine: EngineState;
  cleaning: CleaningState;
  quality: QualityState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  notify: (kind: NoticeKind, text: string, action?: NoticeAction) => void;
  fetchFile: (url: string) => Promise<Uint8Array>;
  /** Told when tables change; decides what is rebuilt and runs again (NotebookRunner). */
  runner: Pick<NotebookRunner, 'tablesChanged' | 'prebuild' | 'runAll'>;
  /** What the browser says about memory; defaults to reading `performance` and `navigator`. */
  memory?: () => MemoryEnvironment;
  /** Keeps users' files between visits (LocalStore); without it they live in memory only. */
  store?: {
    keep(table: string, input: FileInput): Promise<void>;
    renamed(from: string, to: string): Promise<void>;
  };
}

/**
 * Loading data: dropped files and the sample, each through the whole ingest pipeline (format and
 * encoding detection, memory check, sheet picker, DuckDB), then parse-rule suggestions and the
 * quality report. Keeps each table's file in memory, so a table can be read again with another
 * encoding or sheet, and every table reloaded after the engine had to restart.
 */
export class DataActions {
  loads = $state<LoadProgress[]>([]);
  info = $state.raw<Record<string, TableLoadInfo>>({});
  suggestions = $state.raw<Record<string, ConversionSuggestion[]>>({});
  /** The sheet picker, when a workbook with several sheets waits for an answer. */
  readonly sheets = new SheetQuestion();
  /** Replace / Keep both, when a dropped file has the name of one already loaded. */
  readonly replaces = new ReplaceQuestion();
  /** Table -> its file, kept for reloads; never shown, so not reactive. */
  #files = new Map<string, FileInput>();

  constructor(private readonly ctx: DataContext) {}

  /** Loads the bundled sample tables (all of them, or the named ones). */
  async loadSample(only?: string[]): Promise<void> {
    const files = SAMPLE_FILES.filter((f) => !only || only.includes(f.table));
    const inputs = await Promise.all(
      files.map(async (f) => ({
        name: f.fileName,
        data: await this.ctx.fetchFile(f.url),
        table: f.table,
      })),
    );
    for (const input of inputs) {
      if (this.ctx.catalog.has(input.table)) continue;
      await this.loadOne(input, input.table, 'sample');
    }
  }

  /**
   * Loads dropped or picked files, one table each; a failure affects only that file. Then the
   * features table is built in the background, for the segmentation the analyst picks next.
   */
  async loadFiles(files: FileInput[]): Promise<void> {
    let loaded = false;
    for (const file of files) {
      const expected = this.ctx.notebook.notebook.tables.find(
        (t) => t.origin === 'file' && t.fileName === file.name && !this.ctx.catalog.has(t.table),
      );
      const taken = this.ctx.catalog.tables.map((t) => t.name);
      let table = expected?.table ?? tableNameFor(file.name, taken);
      const loadedAs = expected ? undefined : this.loadedFrom(file.name);
      if (loadedAs) {
        const answer = await this.replaces.ask({
          fileName: file.name,
          table: loadedAs,
          same: await this.sameBytes(loadedAs, file),
        });
        if (answer === null) continue;
        if (answer === 'replace') table = loadedAs;
      }
      if (await this.loadOne(file, table, 'file')) loaded = true;
    }
    if (loaded) this.ctx.runner.prebuild();
  }

  /** The loaded table read from a dropped file of this name, if there is one. */
  private loadedFrom(fileName: string): string | undefined {
    return this.ctx.notebook.notebook.tables.find(
      (t) => t.origin === 'file' && t.fileName === fileName && this.ctx.catalog.has(t.table),
    )?.table;
  }

  private async sameBytes(table: string, file: FileInput): Promise<boolean> {
    const kept = this.#files.get(table);
    if (!kept) return false;
    const size = (d: FileInput['data']) => (d instanceof Uint8Array ? d.byteLength : d.size);
    if (size(kept.data) !== size(file.data)) return false;
    return (await fileDigest(kept.data)) === (await fileDigest(file.data));
  }

  /** Reads a loaded table's file again, e.g. with another encoding or sheet. */
  async reload(table: string, choices: LoadChoices): Promise<boolean> {
    const source = this.ctx.notebook.notebook.tables.find((t) => t.table === table);
    return this.readAgain(table, { ...source?.choices, ...choices });
  }

  /**
   * Reads a table's file again with the Read options panel's choices: they replace the earlier
   * ones (the sheet stays), and what is left out is detected again. Roles keep their column
   * where it is still there.
   */
  async reread(table: string, options: Omit<LoadChoices, 'sheet'>): Promise<boolean> {
    const source = this.ctx.notebook.notebook.tables.find((t) => t.table === table);
    const sheet = source?.choices?.sheet;
    return this.readAgain(table, { ...(sheet ? { sheet } : {}), ...options });
  }

  private async readAgain(table: string, choices: LoadChoices): Promise<boolean> {
    const file = this.#files.get(table);
    const source = this.ctx.notebook.notebook.tables.find((t) => t.table === table);
    if (!file || !source) {
      const fileName = source?.fileName ?? table;
      this.ctx.notify('error', this.ctx.lang.t('load.noFile', { table, file: fileName }));
      return false;
    }
    return this.loadOne(file, table, source.origin, choices);
  }

  /** Whether the table's file is at hand (so it can be read again with other choices). */
  hasFile(table: string): boolean {
    return this.#files.has(table);
  }

  async loadOne(
    input: FileInput,
    table: string,
    origin: TableSource['origin'],
    choices?: LoadChoices,
    /** Leave out the "loaded" notice, e.g. when tables come back on start. */
    quiet = false,
  ): Promise<boolean> {
    // DuckDB's worker takes the bytes it is given (they are transferred to it): what is kept
    // for a reload after running out of memory is a File of its own.
    if (input.data instanceof Uint8Array) {
      input = { ...input, data: new File([input.data as Uint8Array<ArrayBuffer>], input.name) };
    }
    const size = input.data instanceof Uint8Array ? input.data.byteLength : input.data.size;
    this.loads.push({ fileName: input.name, size, fraction: null, stage: 'reading' });
    const entry = this.loads[this.loads.length - 1]!;
    const source = this.ctx.notebook.notebook.tables.find((t) => t.table === table);
    const wanted = choices ?? $state.snapshot(source?.choices) ?? {};
    try {
      const prepared = await this.prepare(input, wanted, (f) => (entry.fraction = f));
      if (!prepared) {
        this.ctx.notify('info', this.ctx.lang.t('load.cancelled', { file: input.name }));
        return false;
      }
      Object.assign(entry, { fraction: null, stage: 'loading' });
      this.ctx.engine.queryProgress = null;
      const steps = $state.snapshot(source?.steps ?? []) as CleaningStep[];
      const placed = await this.ctx.exclusive(async (engine) => {
        const result = await placeTable(engine, prepared, table, steps, (e, t, s) =>
          this.ctx.cleaning.build(e, t, s),
        );
        await this.ctx.catalog.refresh(engine);
        return result;
      });
      this.#files.set(table, input);
      if (origin === 'file') void this.ctx.store?.keep(table, input);
      this.record(table, origin, prepared, placed, wanted);
      this.announce(table, origin === 'file' && !quiet, placed);
      void this.ctx.quality.check(table);
      return true;
    } catch (e) {
      const text = failureText(e, input.name, this.ctx.lang);
      const retry = { ...wanted, encoding: RETRY_ENCODING };
      const action = offerRetry(e, wanted.encoding)
        ? {
            label: this.ctx.lang.t('load.retryEncoding', { encoding: 'GB18030' }),
            run: () => void this.loadOne(input, table, origin, retry),
          }
        : undefined;
      this.ctx.notify('error', text, action);
      if (e instanceof LoadError && e.code === 'out-of-memory') await this.recover();
      return false;
    } finally {
      this.loads = this.loads.filter((l) => l !== entry);
    }
  }

  /** Reads the file up to DuckDB, after checking it fits in what memory is left. */
  private async prepare(
    input: FileInput,
    choices: LoadChoices,
    onProgress: (fraction: number | null) => void,
  ): Promise<PreparedFile | null> {
    const used = await this.ctx.exclusive(async (engine) => {
      const { rows } = await engine.query(memoryUsageSql());
      return Number(rows[0]?.bytes ?? 0);
    });
    const env = this.ctx.memory?.() ?? readMemoryEnvironment(globalThis);
    const prepared = await prepareOrChoose(input, {
      ...choices,
      checkMemory: (need, _format, bytes) =>
        checkMemory(input.name, bytes, need, memoryBudget(env, used)),
      onProgress,
    });
    if (prepared.kind !== 'choose-sheet') return prepared;
    // A workbook with several sheets: the user picks one while the database does other work.
    const { fileName, sheets, suggested } = prepared;
    let sheet: string | null = null;
    try {
      sheet = await this.sheets.ask(fileName, sheets, suggested);
    } finally {
      if (sheet === null) await prepared.read(null);
    }
    return sheet === null ? null : prepared.read(sheet);
  }

  private record(
    table: string,
    origin: TableSource['origin'],
    prepared: PreparedFile,
    placed: PlacedTable,
    wanted: LoadChoices,
  ): void {
    const tables = this.ctx.notebook.notebook.tables;
    const old = tables.find((t) => t.table === table);
    const columns = placed.loaded.columns.map((c) => c.name);
    const choices: LoadChoices = Object.fromEntries(
      Object.entries({
        ...$state.snapshot(wanted),
        ...(prepared.kind === 'sheet' ? { sheet: prepared.sheet } : {}),
      }).filter(([, v]) => v !== undefined),
    );
    const source: TableSource = { table, fileName: prepared.fileName, origin, columns };
    if (Object.keys(choices).length > 0) source.choices = choices;
    if (placed.stepsError === null && old?.steps?.length) {
      source.steps = $state.snapshot(old.steps) as CleaningStep[];
    }
    this.ctx.notebook.notebook.tables = [...tables.filter((t) => t.table !== table), source];
    this.info = { ...this.info, [table]: placed.info };
    this.suggestions = { ...this.suggestions, [table]: placed.suggestions };
    if (old) this.ctx.features.refit(table, old.columns, columns);
    this.ctx.features.autoMap(table, columns);
    this.ctx.runner.tablesChanged();
    this.ctx.notebook.save();
  }

  private announce(table: string, loud: boolean, placed: PlacedTable): void {
    const { t, lang } = this.ctx.lang;
    if (placed.stepsError !== null) {
      const message = errorText(placed.stepsError, lang);
      this.ctx.notify('warning', t('load.stepsDropped', { table, message }));
    }
    if (!loud) return;
    const { loaded, info } = placed;
    const cols = loaded.columns.length;
    this.ctx.notify(
      'info',
      t('load.loaded', { file: info.fileName, table, rows: loaded.rowCount, cols }),
    );
    const warnings = warningText(loaded, lang);
    if (warnings) this.ctx.notify('warning', warnings);
  }

  /**
   * After DuckDB ran out of memory: restarts the engine (WASM memory never shrinks), loads every
   * table again from the file kept in memory, re-applies its cleaning steps and re-runs the
   * notebook. Tables whose file is not at hand (a restored notebook) stay marked as missing in
   * the panel. The notebook itself is never touched.
   */
  async recover(options: { review?: boolean } = {}): Promise<void> {
    const sources = $state.snapshot(this.ctx.notebook.notebook.tables) as TableSource[];
    const { reloaded, missing } = await this.ctx.exclusive(async () => {
      const engine = await this.ctx.engine.restart();
      const result = await placeAll(engine, sources, this.#files, (e, t, s) =>
        this.ctx.cleaning.build(e, t, s),
      );
      await this.ctx.catalog.refresh(engine);
      return result;
    });
    this.ctx.runner.tablesChanged();
    const t = this.ctx.lang.t;
    const restarted = options.review ? 'load.restartedReview' : 'load.restarted';
    this.ctx.notify('warning', t(restarted, { count: reloaded }));
    if (missing.length > 0) {
      this.ctx.notify('warning', t('load.restartedMissing', { files: missing.join(', ') }));
    }
    if (!options.review) await this.ctx.runner.runAll();
  }

  /** Applies a suggested conversion (with the user's edits to its rule) as a cleaning step. */
  async convert(table: string, column: string, rule: ConversionRule): Promise<boolean> {
    const ok = await this.ctx.cleaning.apply(table, { kind: 'convert', column, rule });
    if (ok) this.dismissSuggestion(table, column);
    return ok;
  }

  /**
   * Applies every suggested conversion of a table (with the user's edits to their rules) in one
   * step of work: one rebuild of the table instead of one per column.
   */
  async convertAll(
    table: string,
    conversions: readonly { column: string; rule: ConversionRule }[],
  ): Promise<boolean> {
    if (conversions.length === 0) return true;
    const steps = conversions.map(({ column, rule }) => ({
      kind: 'convert' as const,
      column,
      rule,
    }));
    const ok = await this.ctx.cleaning.applyAll(table, steps);
    if (ok) for (const { column } of conversions) this.dismissSuggestion(table, column);
    return ok;
  }

  dismissSuggestion(table: string, column: string): void {
    const rest = (this.suggestions[table] ?? []).filter((s) => s.column !== column);
    this.suggestions = { ...this.suggestions, [table]: rest };
  }

  async renameTable(from: string, to: string): Promise<string | null> {
    const { t, lang } = this.ctx.lang;
    const name = to.trim();
    if (name === from) return null;
    const problem = checkTableName(name);
    if (problem) return t(`tables.badName.${problem}`);
    const taken = this.ctx.catalog.has(name) || this.ctx.catalog.has(rawTableName(name));
    if (taken && name.toLowerCase() !== from.toLowerCase()) {
      return t('tables.badName.taken', { name });
    }
    try {
      await this.ctx.exclusive(async (engine) => {
        await engine.exec(renameTableSql(from, name));
        await this.ctx.cleaning.renamed(engine, from, name);
        await this.ctx.catalog.refresh(engine);
      });
    } catch (e) {
      return t('tables.renameFailed', { from, to: name, message: errorText(e, lang) });
    }
    this.ctx.notebook.notebook.tables = this.ctx.notebook.notebook.tables.map((s) =>
      s.table === from ? { ...s, table: name } : s,
    );
    const file = this.#files.get(from);
    this.#files.delete(from);
    if (file) this.#files.set(name, file);
    void this.ctx.store?.renamed(from, name);
    this.info = moveKey(this.info, from, name);
    this.suggestions = moveKey(this.suggestions, from, name);
    this.ctx.quality.renamed(from, name);
    this.ctx.features.renameTable(from, name);
    this.ctx.runner.tablesChanged();
    this.ctx.notebook.save();
    return null;
  }

  /**
   * Removes a table from the notebook: DuckDB drops it (and its original, when cleaned), its
   * mapping and input choice go. The file stays in memory, so an Undo puts everything back.
   */
  async removeTable(table: string): Promise<boolean> {
    const nb = this.ctx.notebook.notebook;
    const source = $state.snapshot(nb.tables.find((t) => t.table === table)) as
      TableSource | undefined;
    const inputs = this.ctx.features.inputs();
    try {
      await this.ctx.exclusive(async (engine) => {
        await engine.exec(dropTableSql(table));
        await engine.exec(dropTableSql(rawTableName(table)));
        await this.ctx.catalog.refresh(engine);
      });
    } catch (e) {
      const message = errorText(e, this.ctx.lang.lang);
      this.ctx.notify('error', this.ctx.lang.t('tables.removeFailed', { table, message }));
      return false;
    }
    nb.tables = nb.tables.filter((t) => t.table !== table);
    const mapping = this.ctx.features.removeTable(table);
    const file = this.#files.get(table);
    this.forget([table]);
    this.ctx.runner.tablesChanged();
    this.ctx.notebook.save();
    const undo =
      source && file
        ? {
            label: this.ctx.lang.t('tables.undoRemove'),
            run: () => void this.restoreTable(source, file, mapping, inputs),
          }
        : undefined;
    this.ctx.notify('info', this.ctx.lang.t('tables.removed', { table }), undo);
    await this.ctx.runner.runAll();
    return true;
  }

  private async restoreTable(
    source: TableSource,
    file: FileInput,
    mapping: TableMapping | undefined,
    inputs: Inputs,
  ): Promise<void> {
    const nb = this.ctx.notebook.notebook;
    if (this.ctx.catalog.has(source.table)) return;
    nb.tables = [...nb.tables.filter((t) => t.table !== source.table), source];
    this.ctx.features.restoreTable(mapping, inputs);
    if (await this.loadOne(file, source.table, source.origin, source.choices ?? {}, true)) {
      await this.ctx.runner.runAll();
    }
  }

  /** Forgets what was kept for tables that are gone (their file, load details, report). */
  forget(tables: string[]): void {
    for (const table of tables) {
      this.#files.delete(table);
      this.ctx.quality.forget(table);
    }
    const gone = new Set(tables);
    const keep = <T>(r: Record<string, T>) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !gone.has(k)));
    this.info = keep(this.info);
    this.suggestions = keep(this.suggestions);
  }

  /** Tables the notebook expects that are not loaded yet. */
  missingTables(): TableSource[] {
    return this.ctx.notebook.notebook.tables.filter((t) => !this.ctx.catalog.has(t.table));
  }
}

function moveKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  const { [from]: value, ...rest } = record;
  return value === undefined ? rest : { ...rest, [to]: value };
}
