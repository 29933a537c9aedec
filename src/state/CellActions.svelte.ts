import { tick } from 'svelte';
import type { Engine } from '../engine/types';
import { isOutOfMemory } from '../ingest/memory-estimate';
import { dependentCells } from '../model/cell-dependencies';
import { errorText, messageOf } from '../model/error-text';
import { SqlCellError } from '../model/sql-error';
import {
  defaultPredictCell,
  newCellId,
  type Cell,
  type PredictCell,
  type PresetCell,
  type SqlCell,
} from '../model/notebook';
import { dropViewSql } from '../sql/catalog';
import { dropResultSql } from '../sql/cell-result';
import type { CatalogState } from './CatalogState.svelte';
import type { EngineState } from './EngineState.svelte';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import type { NotebookState } from './NotebookState.svelte';
import { runPredict, type PredictContext } from './PredictActions.svelte';
import { makePresetTable, summarisePresetTable } from './run-preset-cell';
import { EmptyCellError, fetchPage, runSqlCell } from './run-sql-cell';

export interface CellContext {
  notebook: NotebookState;
  features: FeaturesState;
  catalog: CatalogState;
  lang: LangState;
  engine: EngineState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  /** Restarts DuckDB and reloads every table (DataActions.recover). */
  recover: () => Promise<void>;
}

/**
 * Running and editing notebook cells: a cell runs, then the later cells that read its result;
 * adding, renaming and deleting cells keeps DuckDB's views in step.
 */
export class CellActions {
  #recovering = false;
  /** Counts result tables made, for CellRun.made. */
  #made = 0;
  #mappingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Stop was pressed since the last SQL cell started: its turn on the engine ends as it begins. */
  #stopAsked = false;

  constructor(private readonly ctx: CellContext) {}

  /** Runs one SQL cell, then every later cell that reads its result. */
  async runCell(id: string, cascade = true): Promise<void> {
    const ok = await this.runOne(id);
    if (!ok || !cascade) return;
    // New predictions change the features every preset reads.
    if (this.ctx.notebook.cell(id)?.kind === 'predict') {
      for (const cell of [...this.ctx.notebook.notebook.cells]) {
        if (cell.kind === 'preset') await this.runCell(cell.id);
      }
    }
    for (const dep of dependentCells(this.ctx.notebook.notebook.cells, id)) {
      if (!(await this.runOne(dep))) return;
    }
  }

  async runAll(): Promise<void> {
    for (const cell of [...this.ctx.notebook.notebook.cells]) {
      if (cell.kind !== 'markdown' && (cell.kind !== 'sql' || cell.source.trim() !== '')) {
        await this.runOne(cell.id);
      }
    }
  }

  /** Column roles or the analysis date changed: rebuild features and re-run the presets soon. */
  mappingChanged(): void {
    clearTimeout(this.#mappingTimer);
    this.#mappingTimer = setTimeout(() => void this.rerunPresets(), 300);
  }

  /** Re-runs every preset cell (and what reads them), e.g. after roles or the date changed. */
  async rerunPresets(): Promise<void> {
    this.ctx.features.invalidate();
    const presets = this.ctx.notebook.notebook.cells.filter((c) => c.kind === 'preset');
    // With no preset to re-run, the table is made ready for the first one.
    if (presets.length === 0) this.ctx.features.prebuild();
    for (const cell of presets) await this.runCell(cell.id);
  }

  private async runOne(id: string): Promise<boolean> {
    const { notebook, catalog } = this.ctx;
    const cell = notebook.cell(id);
    if (!cell || cell.kind === 'markdown') return false;
    const snapshot = $state.snapshot(cell) as SqlCell | PresetCell | PredictCell;
    const lang = this.ctx.lang.lang;
    notebook.setRun(id, { ...notebook.runs[id], status: 'running' });
    try {
      if (snapshot.kind === 'predict') {
        const predict = await runPredict(this.predictContext(), snapshot);
        await this.ctx.exclusive((engine) => catalog.refresh(engine));
        notebook.setRun(id, { status: 'done', predict });
        return true;
      }
      if (snapshot.kind === 'sql') {
        this.#stopAsked = false;
        const result = await this.ctx.exclusive(async (engine) => {
          if (this.#stopAsked) throw new Error('query was canceled');
          const r = await runSqlCell(engine, snapshot);
          await catalog.refresh(engine);
          return r;
        });
        notebook.setRun(id, { status: 'done', result });
        return true;
      }
      await this.ctx.features.prebuilt();
      const builds = this.ctx.features.builds;
      const table = await this.ctx.exclusive(async (engine) =>
        makePresetTable(engine, snapshot, await this.ctx.features.ensure(engine), lang),
      );
      // Two turns on the engine: charts reading the table (the quadrant) queue their queries as
      // soon as it is made, ahead of the counts and the summary, so what the user watches after
      // a change is redrawn first; it draws while DuckDB summarises.
      const made = ++this.#made;
      notebook.setRun(id, { ...notebook.runs[id], status: 'running', made });
      await tick();
      const result = await this.ctx.exclusive(async (engine) => {
        const r = await summarisePresetTable(engine, snapshot, table);
        // A preset replaces only its own view, unless the features table was rebuilt for it.
        const onlyItsView =
          this.ctx.features.builds === builds &&
          (await catalog.refreshView(engine, snapshot.name, r.rowCount));
        if (!onlyItsView) await catalog.refresh(engine);
        return r;
      });
      notebook.setRun(id, { status: 'done', result, made });
      return true;
    } catch (e) {
      const cancelled = /interrupt|query was cancel/i.test(messageOf(e));
      notebook.setRun(id, {
        status: cancelled ? 'cancelled' : 'error',
        error: e instanceof EmptyCellError ? this.ctx.lang.t('cell.emptySql') : errorText(e, lang),
        ...(e instanceof SqlCellError ? { sqlError: e.view } : {}),
      });
      // DuckDB may be unusable after running out of memory: restart it and reload the tables,
      // once: a cell that runs out of memory again during the recovery just shows its error.
      if (isOutOfMemory(e) && !this.#recovering) {
        this.#recovering = true;
        void this.ctx.recover().finally(() => (this.#recovering = false));
      }
      return false;
    }
  }

  private predictContext(): PredictContext {
    const { notebook } = this.ctx;
    return {
      features: this.ctx.features,
      exclusive: (work) => this.ctx.exclusive(work),
      onProgress: (id, progress) =>
        notebook.setRun(id, { ...notebook.runs[id], status: 'running', progress }),
    };
  }

  /** Adds a Predict cell (customer lifetime value) and runs it. */
  async addPredictCell(index?: number): Promise<void> {
    const taken = new Set(this.ctx.catalog.tables.map((t) => t.name.toLowerCase()));
    let name = 'clv_predictions';
    for (let i = 2; taken.has(name); i++) name = `clv_predictions_${i}`;
    const cell = this.ctx.notebook.insertCell(defaultPredictCell(newCellId(), name), index);
    await this.runCell(cell.id);
  }

  /**
   * Stops the running SQL cell. Its turn may still wait while background work (e.g. the features
   * table) is cancelled to let it in; then DuckDB has nothing of the user's to cancel yet, and the
   * turn ends as soon as it begins.
   */
  async cancel(): Promise<void> {
    this.#stopAsked = true;
    const engine = await this.ctx.engine.get();
    await engine.cancel();
  }

  async showPage(id: string, offset: number): Promise<void> {
    const run = this.ctx.notebook.runs[id];
    if (!run?.result) return;
    const result = $state.snapshot(run.result);
    const page = await this.ctx.exclusive((engine) => fetchPage(engine, id, result, offset));
    this.ctx.notebook.setRun(id, { ...this.ctx.notebook.runs[id], status: 'done', result: page });
  }

  async renameResult(id: string, name: string): Promise<void> {
    const cell = this.ctx.notebook.cell(id);
    if (!cell || cell.kind !== 'sql') return;
    const old = cell.name;
    const next = name.trim();
    if ((old ?? '') === next) return;
    if (next === '') delete cell.name;
    else cell.name = next;
    this.ctx.notebook.save();
    if (old) await this.ctx.exclusive((engine) => engine.exec(dropViewSql(old))).catch(() => {});
    if (next) await this.runCell(id);
  }

  async deleteCell(id: string): Promise<void> {
    const cell = this.ctx.notebook.deleteCell(id);
    if (!cell || cell.kind === 'markdown') return;
    const name = cell.name;
    await this.ctx
      .exclusive(async (engine) => {
        if (name) await engine.exec(dropViewSql(name));
        await engine.exec(dropResultSql(cell.id));
        await this.ctx.catalog.refresh(engine);
      })
      .catch(() => {});
  }

  async undoDelete(): Promise<void> {
    const cell = this.ctx.notebook.undoDelete();
    if (cell?.kind === 'preset' || (cell?.kind === 'sql' && cell.source.trim() !== '')) {
      await this.runCell(cell.id);
    }
  }

  addCell(kind: 'sql' | 'markdown', index?: number): Cell {
    return this.ctx.notebook.addCell(kind, index);
  }
}
