import { LocalizedError } from '../domain/localized-error';
import { tick } from 'svelte';
import type { Engine, Row } from '../engine/types';
import { isOutOfMemory } from '../ingest/memory-estimate';
import {
  cellInputs,
  dependentCells,
  runOrder,
  type GraphContext,
} from '../model/cell-dependencies';
import { errorText, messageOf } from '../model/error-text';
import { presetParams } from '../model/preset-params';
import { presetById } from '../model/presets';
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
import { dropResultSql, resultColumnsSql } from '../sql/cell-result';
import type { CatalogState } from './CatalogState.svelte';
import type { EngineState } from './EngineState.svelte';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import type { NotebookState } from './NotebookState.svelte';
import { fitInWorker } from './fit-in-worker';
import { runPredict, type FitModels, type PredictContext } from './PredictActions.svelte';
import { makePresetTable, summarisePresetTable } from './run-preset-cell';
import { EmptyCellError, fetchPage, runSqlCell } from './run-sql-cell';

/** A cell's turn came after the cell left the notebook: nothing runs. */
class GoneError extends Error {}

export interface CellContext {
  notebook: NotebookState;
  features: FeaturesState;
  catalog: CatalogState;
  lang: LangState;
  engine: EngineState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  /** Restarts DuckDB and reloads every table (DataActions.recover). */
  recover: () => Promise<void>;
  /** Fits the CLV models of a Predict cell; `fitInWorker` unless given. */
  fit?: FitModels;
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

  /**
   * Runs one cell, then every cell that reads its result, directly or through others. The
   * readers are looked up again after each run: a cell added or pointed at this one while the
   * others ran (Combine set to a preset that Predict is re-running) is not left behind. A reader
   * of a cell that failed is skipped; the others still run.
   */
  async runCell(id: string, cascade = true): Promise<void> {
    const ok = await this.runOne(id);
    if (!ok || !cascade) return;
    const seen = new Set<string>();
    const failed = new Set<string>();
    for (;;) {
      const cells = this.ctx.notebook.notebook.cells;
      const next = dependentCells(cells, id, this.graph()).find((d) => !seen.has(d));
      if (!next) return;
      seen.add(next);
      const inputs = cellInputs(cells, this.graph()).get(next) ?? new Set<string>();
      if ([...inputs].some((i) => failed.has(i)) || !(await this.runOne(next))) failed.add(next);
    }
  }

  /** Runs every cell, each after the cells it reads (`runOrder`), whatever their page order. */
  async runAll(): Promise<void> {
    for (const id of runOrder([...this.ctx.notebook.notebook.cells], this.graph())) {
      // A notebook put back under review (it ran out of memory while opening) stops here.
      if (this.ctx.notebook.notebook.review) return;
      await this.runOne(id);
    }
  }

  private graph(): GraphContext {
    const { chosen } = this.ctx.features.resolved();
    const inputTables = new Set(Object.values(chosen).map((m) => m.table.toLowerCase()));
    return { inputTables };
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

  /**
   * A preset that reads a Predict cell's scores says which cell to add or run, rather than
   * filing every customer under "Not scored".
   */
  private checkPredictions(cell: PresetCell): void {
    const preset = presetById(cell.presetId);
    if (!preset.readsPredictions?.(presetParams(preset, cell))) return;
    const predicts = this.ctx.notebook.notebook.cells.filter((c) => c.kind === 'predict');
    if (predicts.length === 0) {
      throw new LocalizedError({
        en: 'This segmentation reads the scores of a Predict cell (P(alive), predicted CLV). Add one with “+ Segmentation…” → Predicted customer value; it runs before this cell.',
        zh: '此分群读取预测单元的评分（存活概率、预测客户价值）。请通过“+ 分群…”→“预测客户价值”添加预测单元，它会先于本单元运行。',
      });
    }
    const runs = this.ctx.notebook.runs;
    if (!predicts.some((c) => runs[c.id]?.status === 'done')) {
      const name = predicts.map((c) => c.name).join(', ');
      throw new LocalizedError({
        en: `This segmentation reads the scores of the Predict cell “${name}”, which has not run successfully: run it first.`,
        zh: `此分群读取预测单元“${name}”的评分，但该单元尚未成功运行：请先运行它。`,
      });
    }
  }

  private feedsFeatures(id: string): boolean {
    const cell = this.ctx.notebook.cell(id);
    if (cell?.kind === 'predict') return true;
    return cell?.kind === 'sql' && Boolean(cell.name && this.ctx.features.mappingOf(cell.name));
  }

  private async runOne(id: string): Promise<boolean> {
    const { notebook, catalog } = this.ctx;
    const cell = notebook.cell(id);
    if (!cell || cell.kind === 'markdown') return false;
    // Opened from a link or bundle: nothing runs before the user has reviewed it.
    if (notebook.notebook.review) return false;
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
          if (!notebook.cell(id)) throw new GoneError();
          const r = await runSqlCell(engine, snapshot);
          await catalog.refresh(engine);
          return r;
        });
        notebook.setRun(id, { status: 'done', result });
        if (this.feedsFeatures(id)) this.ctx.features.invalidate();
        return true;
      }
      this.checkPredictions(snapshot);
      await this.ctx.features.prebuilt();
      const builds = this.ctx.features.builds;
      const table = await this.ctx.exclusive(async (engine) => {
        if (!notebook.cell(id)) throw new GoneError();
        const asOf = await this.ctx.features.ensure(engine);
        return makePresetTable(engine, snapshot, asOf, lang, this.ctx.features.churnDays);
      });
      // Two turns on the engine: charts reading the table (the quadrant) queue their queries as
      // soon as it is made, ahead of the counts and the summary, so what the user watches after
      // a change is redrawn first; it draws while DuckDB summarises.
      const made = ++this.#made;
      notebook.setRun(id, { ...notebook.runs[id], status: 'running', made });
      await tick();
      const result = await this.ctx.exclusive(async (engine) => {
        if (!notebook.cell(id)) throw new GoneError();
        const r = await summarisePresetTable(
          engine,
          snapshot,
          table,
          this.ctx.features.predictions !== null,
        );
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
      // The cell went (another notebook opened, or it was deleted) while its turn waited.
      if (e instanceof GoneError) return false;
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
      fit: this.ctx.fit ?? fitInWorker,
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

  /** The rows a SQL cell's chart draws: its x and y columns, up to `limit` rows. */
  async chartRows(id: string, x: string, y: string, limit: number): Promise<Row[]> {
    const run = this.ctx.notebook.runs[id];
    if (run?.result?.allRows) return run.result.allRows.slice(0, limit);
    const { rows } = await this.ctx.exclusive((engine) =>
      engine.query(resultColumnsSql(id, x, y, limit)),
    );
    return rows;
  }

  async renameResult(id: string, name: string): Promise<void> {
    const cell = this.ctx.notebook.cell(id);
    if (!cell || cell.kind !== 'sql') return;
    const old = cell.name;
    const next = name.trim();
    if ((old ?? '') === next) return;
    if (next === '') delete cell.name;
    else cell.name = next;
    // A result mapped as a table kind keeps its mapping under the new name.
    if (old && next) this.ctx.features.renameTable(old, next);
    this.ctx.notebook.save();
    if (old) await this.ctx.exclusive((engine) => engine.exec(dropViewSql(old))).catch(() => {});
    if (next) await this.runCell(id);
  }

  async deleteCell(id: string): Promise<void> {
    const cell = this.ctx.notebook.deleteCell(id);
    if (!cell || cell.kind === 'markdown') return;
    const name = cell.name;
    // A deleted Predict cell's scores leave the features (its table goes below).
    if (cell.kind === 'predict' && this.ctx.features.predictions === name) {
      this.ctx.features.setPredictions(null);
    }
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
