import type { Engine } from '../engine/types';
import { rawTableName } from '../sql/cleaning';
import type { FileInput } from '../ingest/prepare-file';
import type { Notebook, TableSource } from '../model/notebook';
import { parseNotebook } from '../io/notebook-file';
import { staleTables } from '../model/stale-tables';
import { dropTableSql, dropViewSql } from '../sql/catalog';
import type { CatalogState } from './CatalogState.svelte';
import type { DataActions } from './DataActions.svelte';
import type { FeaturesState, ProvidedFeatures } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import type { LastRunOutputs } from './LastRunOutputs.svelte';
import type { NoticeKind } from './load-notices';
import type { LocalStore } from './LocalStore.svelte';
import type { NotebookRunner } from './NotebookRunner.svelte';
import type { NotebookState } from './NotebookState.svelte';
import { placeBundleFeatures } from './place-bundle-features';

/** A results-only bundle's features table (Parquet) and what it was built for. */
export type BundleResults = ProvidedFeatures & { parquet: Uint8Array };

export interface OpenerContext {
  notebook: NotebookState;
  catalog: CatalogState;
  data: DataActions;
  features: FeaturesState;
  local: LocalStore;
  lang: LangState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  notify: (kind: NoticeKind, text: string) => void;
  /** Marks what was built from the old tables stale and runs the notebook (NotebookRunner). */
  runner: Pick<NotebookRunner, 'tablesChanged' | 'runAll'>;
  /** Keeps the open notebook in this browser before another replaces it. */
  keep: () => Promise<void>;
  /** Shows the cells' outputs of their last run while the notebook opens. */
  lastRun?: Pick<LastRunOutputs, 'show'>;
}

/**
 * Puts another notebook in place of the open one (a file, a link, a bundle, a saved notebook,
 * the last one on start): with its data where it comes with it, and never running it on data
 * it did not ask for.
 */
export class NotebookOpener {
  /** Whether a notebook is running for the first time after being opened. */
  opening = false;
  /** Whether the tables of the notebook just opened are still loading: its Run waits. */
  loadingTables = $state(false);
  #tablesLoaded: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: OpenerContext) {}

  /**
   * Opens `notebook`: drops loaded tables that came from other files than it expects, loads its
   * sample tables and the `files` given for its tables (through the normal ingest path), and
   * runs it. Tables still missing are asked for (NeededFiles). With `results` (a results-only
   * bundle), the features table they carry is what the segmentations read until the orders are
   * loaded.
   */
  async open(
    notebook: Notebook,
    files = new Map<string, FileInput>(),
    results?: BundleResults,
  ): Promise<void> {
    const { ctx } = this;
    const previous = $state.snapshot(ctx.notebook.notebook.tables) as TableSource[];
    const given = new Set(files.keys());
    const stale = staleTables(
      previous,
      notebook.tables,
      given,
      (t) => ctx.catalog.has(t),
      notebook.review === true,
    );
    // A sample table is kept only where what is loaded under its name is the sample.
    const wasSample = (table: string) =>
      previous.some((p) => p.table === table && p.origin === 'sample');
    const declared = new Set(
      notebook.tables
        .filter((t) => t.origin === 'file' || wasSample(t.table))
        .map((t) => t.table.toLowerCase()),
    );
    // From here until its tables are in, Run (on a notebook under review) waits: clicked while
    // the old tables were still being dropped, it ran the cells on none.
    let opened!: () => void;
    this.#tablesLoaded = new Promise<void>((resolve) => (opened = resolve));
    this.loadingTables = true;
    try {
      await this.#replaceAndLoad(notebook, files, stale, declared);
      if (results) await this.#placeResults(results);
    } finally {
      this.loadingTables = false;
      opened();
    }
    // A notebook under review (from a link or bundle) waits for the user's Run.
    if (notebook.review) return;
    this.opening = true;
    try {
      await ctx.runner.runAll();
    } finally {
      this.opening = false;
    }
  }

  async #replaceAndLoad(
    notebook: Notebook,
    files: Map<string, FileInput>,
    stale: string[],
    declared: Set<string>,
  ): Promise<void> {
    const { ctx } = this;
    ctx.notebook.replace(notebook);
    // The notebook's language: its segment names and text are in it.
    if (notebook.lang) ctx.lang.set(notebook.lang);
    // Not waited for: a cell that runs before its output is read shows its own.
    void ctx.lastRun?.show();
    // With nothing loaded (a start), the engine is not asked for: its warm-up goes on.
    const loaded = ctx.catalog.tables.length > 0 || stale.length > 0;
    const dropped = !loaded
      ? []
      : await ctx.exclusive(async (engine) => {
          // Tables and results of the notebook open until now that this one does not declare (as
          // DuckDB holds them now, after any turn of the old notebook still under way): a notebook
          // sees only its own tables.
          await ctx.catalog.refresh(engine);
          const leftover = ctx.catalog.tables.filter((t) => !declared.has(t.name.toLowerCase()));
          for (const view of leftover.filter((t) => t.kind === 'view')) {
            await engine.exec(dropViewSql(view.name));
          }
          const tables = [
            ...stale,
            ...leftover.filter((t) => t.kind === 'table').map((t) => t.name),
          ];
          for (const table of tables) {
            await engine.exec(dropTableSql(table));
            await engine.exec(dropTableSql(rawTableName(table)));
          }
          await ctx.catalog.refresh(engine);
          return [...tables, ...leftover.map((t) => t.name)];
        });
    ctx.data.forget(dropped);
    // The predictions of the notebook before are gone with its tables.
    ctx.features.setPredictions(null);
    ctx.features.provide(null);
    ctx.features.asOfUsed = '';
    ctx.runner.tablesChanged();
    const samples = notebook.tables.filter((t) => t.origin === 'sample').map((t) => t.table);
    const loading = (async () => {
      if (samples.length > 0) await ctx.data.loadSample(samples);
      for (const [table, input] of files) {
        await ctx.data.loadOne(input, table, 'file', undefined, true);
      }
    })();
    await loading;
  }

  async #placeResults({ parquet, ...features }: BundleResults): Promise<void> {
    const { ctx } = this;
    try {
      await ctx.exclusive(async (engine) => {
        await placeBundleFeatures(engine, parquet);
        await ctx.catalog.refresh(engine);
      });
      ctx.features.provide(features);
    } catch (e) {
      // The notebook is open and asks for its files: the results alone are lost, and said so.
      const message = e instanceof Error ? e.message : String(e);
      ctx.notify('error', ctx.lang.t('bundle.resultsFailed', { message }));
    }
  }

  /** Resolves once the tables of the notebook being opened have loaded (or failed to). */
  tablesLoaded(): Promise<void> {
    return this.#tablesLoaded;
  }

  /** Opens a notebook with the files this browser kept for its tables. */
  async openKept(notebook: Notebook): Promise<void> {
    const files = await this.ctx.local.files(notebook.tables.filter((t) => t.origin === 'file'));
    await this.open(notebook, files);
    if (files.size > 0) {
      this.ctx.notify('info', this.ctx.lang.t('store.restored', { count: files.size }));
    }
  }

  /** Opens a notebook saved in this browser, with its files. */
  async openSaved(id: string, name: string): Promise<void> {
    const saved = await this.ctx.local.open(id);
    let notebook: Notebook | null = null;
    try {
      notebook = saved ? parseNotebook(saved.text) : null;
    } catch {
      notebook = null;
    }
    if (!saved || !notebook) {
      this.ctx.notify('error', this.ctx.lang.t('store.openFailed', { name }));
      return;
    }
    await this.ctx.keep();
    await this.open(notebook, saved.files);
    this.ctx.notify('info', this.ctx.lang.t('store.opened', { name }));
  }
}
