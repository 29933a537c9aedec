import {
  cellInputs,
  dependentCells,
  runOrder,
  type GraphContext,
} from '../model/cell-dependencies';
import type { CatalogState } from './CatalogState.svelte';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LastRunOutputs } from './LastRunOutputs.svelte';
import type { NotebookState } from './NotebookState.svelte';

export interface RunnerContext {
  notebook: NotebookState;
  features: FeaturesState;
  catalog: CatalogState;
  /** Runs one cell and nothing else; false when it did not run or failed (CellActions.execute). */
  execute: (id: string) => Promise<boolean>;
  /** Checks a table's data quality again (QualityState.check). */
  checkQuality?: (table: string) => Promise<void>;
  /** Restarts DuckDB and loads every table again (DataActions.recover). */
  restart?: (options: { review?: boolean }) => Promise<void>;
  /** Whether the notebook is running for the first time after being opened (NotebookOpener). */
  opening?: () => boolean;
  /** Keeps each cell's outputs after a successful run. */
  lastRun?: Pick<LastRunOutputs, 'keyOf' | 'recorded' | 'failed' | 'dropUnconfirmed'>;
}

/** What the notebook had before files were loaded, to tell what the load changed. */
export interface LoadBefore {
  missing: number;
  inputs: string;
}

/** How long after the last change of roles or the analysis date the presets re-run. */
const MAPPING_DEBOUNCE_MS = 300;

/**
 * The one place that decides what runs again after a change, and in which order: a cell and the
 * cells that read it, the whole notebook in dependency order, the presets after their inputs
 * changed. It marks the features table stale when what it is built from changed, and starts its
 * background build. Parts report a change (a table loaded, cleaned, removed, a cell edited, the
 * engine restarted); none of them re-runs cells itself.
 */
export class NotebookRunner {
  #mappingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Re-runs started and not finished, so `settled` can wait for them. */
  #work = new Set<Promise<unknown>>();

  constructor(private readonly ctx: RunnerContext) {}

  /**
   * Runs one cell, then every cell that reads its result, directly or through others. The
   * readers are looked up again after each run: a cell added or pointed at this one while the
   * others ran (Combine set to a preset that Predict is re-running) is not left behind. A reader
   * of a cell that failed is skipped; the others still run.
   */
  runCell(id: string, cascade = true): Promise<void> {
    return this.#track(async () => {
      const ok = await this.#runOne(id);
      if (!ok || !cascade) return;
      const seen = new Set<string>();
      const failed = new Set<string>();
      for (;;) {
        const cells = this.ctx.notebook.notebook.cells;
        const next = dependentCells(cells, id, this.#graph()).find((d) => !seen.has(d));
        if (!next) return;
        seen.add(next);
        const inputs = cellInputs(cells, this.#graph()).get(next) ?? new Set<string>();
        if ([...inputs].some((i) => failed.has(i)) || !(await this.#runOne(next))) {
          failed.add(next);
        }
      }
    });
  }

  /** Runs every cell, each after the cells it reads (`runOrder`), whatever their page order. */
  runAll(): Promise<void> {
    return this.#track(async () => {
      const nb = this.ctx.notebook.notebook;
      const cells = [...nb.cells];
      for (const id of runOrder(cells, this.#graph())) {
        // A notebook put back under review (it ran out of memory while opening) stops here.
        if (this.ctx.notebook.notebook.review) break;
        await this.#runOne(id);
      }
      if (this.ctx.notebook.notebook === nb) this.ctx.lastRun?.dropUnconfirmed();
    });
  }

  /** Re-runs every preset cell (and what reads them), e.g. after roles or the date changed. */
  rerunPresets(): Promise<void> {
    return this.#track(async () => {
      this.tablesChanged();
      const presets = this.ctx.notebook.notebook.cells.filter((c) => c.kind === 'preset');
      // With no preset to re-run, the table is made ready for the first one.
      if (presets.length === 0) this.prebuild();
      for (const cell of presets) await this.runCell(cell.id);
    });
  }

  /** Column roles or the analysis date changed: rebuild features and re-run the presets soon. */
  mappingChanged(): void {
    clearTimeout(this.#mappingTimer);
    this.#mappingTimer = setTimeout(() => void this.rerunPresets(), MAPPING_DEBOUNCE_MS);
  }

  /** A table was loaded, replaced, renamed or removed: what was built from the tables is stale. */
  tablesChanged(): void {
    this.ctx.features.invalidate();
  }

  /** Builds the features table in the background, for the segmentation the analyst picks next. */
  prebuild(): void {
    this.ctx.features.prebuild();
  }

  /** A cleaning step changed a table: its quality report, then the whole notebook, follow. */
  tableCleaned(table: string): Promise<void> {
    return this.#track(async () => {
      this.tablesChanged();
      await this.ctx.checkQuality?.(table);
      await this.runAll();
    });
  }

  /** What `tablesLoaded` compares against: call before the files load. */
  beforeLoad(): LoadBefore {
    return { missing: this.#missing(), inputs: this.#inputsKey() };
  }

  /**
   * Files were loaded. A notebook that waited for them (a shared link) runs; else, when a file
   * became what the analyses read, the presets follow it.
   */
  tablesLoaded(before: LoadBefore): Promise<void> {
    if (before.missing > 0 && this.#missing() < before.missing) return this.runAll();
    if (this.#inputsKey() !== before.inputs) return this.rerunPresets();
    return Promise.resolve();
  }

  /**
   * After a cell ran out of memory: DuckDB restarts and the tables come back. A notebook that
   * did so while opening would do it again on every reload (a cell setting `memory_limit`, say):
   * it waits for review instead, and runs nothing more until the user presses Run.
   */
  recover(): Promise<void> {
    return this.#track(async () => {
      if (!this.ctx.opening?.()) return this.ctx.restart?.({});
      this.ctx.notebook.notebook.review = true;
      this.ctx.notebook.save();
      await this.ctx.restart?.({ review: true });
    });
  }

  /** Resolves once every re-run started so far (and any it started) has finished. */
  async settled(): Promise<void> {
    while (this.#work.size > 0) await Promise.allSettled([...this.#work]);
  }

  async #runOne(id: string): Promise<boolean> {
    // What produced the output is taken before the run: an edit during it is not what ran.
    const key = this.ctx.lastRun?.keyOf(id);
    const ok = await this.ctx.execute(id);
    if (key) void (ok ? this.ctx.lastRun?.recorded(id, key) : this.ctx.lastRun?.failed(id, key));
    // A SQL cell whose result is mapped as an input table changed what the features read.
    const cell = this.ctx.notebook.cell(id);
    if (ok && cell?.kind === 'sql' && cell.name && this.ctx.features.mappingOf(cell.name)) {
      this.tablesChanged();
    }
    return ok;
  }

  #graph(): GraphContext {
    const { chosen } = this.ctx.features.resolved();
    const inputTables = new Set(Object.values(chosen).map((m) => m.table.toLowerCase()));
    return { inputTables };
  }

  #missing(): number {
    const { notebook, catalog } = this.ctx;
    return notebook.notebook.tables.filter((t) => !catalog.has(t.table)).length;
  }

  /** Which table each kind of input reads. */
  #inputsKey(): string {
    return JSON.stringify(this.ctx.features.resolved().chosen, [
      'orders',
      'customers',
      'interactions',
      'campaigns',
      'summary',
      'table',
    ]);
  }

  #track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.#work.add(settled);
    void settled.then(() => this.#work.delete(settled));
    return running;
  }
}
