import { missingFileMessage } from '../model/missing-file';
import { referencedNames } from '../sql/referenced-names';
import { LocalizedError } from '../domain/localized-error';
import { tick } from 'svelte';
import type { Engine, Row } from '../engine/types';
import { isOutOfMemory } from '../ingest/memory-estimate';
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
import { cellResultTable, dropResultSql, resultColumnsSql } from '../sql/cell-result';
import type { PivotSpec } from '../sql/pivot';
import type { CatalogState } from './CatalogState.svelte';
import type { EngineState } from './EngineState.svelte';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import type { NotebookRunner } from './NotebookRunner.svelte';
import type { NotebookState } from './NotebookState.svelte';
import { CLUSTERS_ID } from '../model/presets/clusters';
import { refitClusters, type FitClusters } from './cluster-fit-step';
import { fitClustersInWorker } from './fit-clusters-in-worker';
import { fitInWorker } from './fit-in-worker';
import { runPredict, type FitModels, type PredictContext } from './PredictActions.svelte';
import { makePresetTable, presetCellSql, summarisePresetTable } from './run-preset-cell';
import { runPivot, type PivotTable } from './run-pivot';
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
  /** Decides what runs after a cell (its readers, the whole notebook). */
  runner: Pick<NotebookRunner, 'runCell' | 'runAll' | 'mappingChanged'>;
  /** Restarts DuckDB and reloads every table (NotebookRunner.recover). */
  recover: () => Promise<void>;
  /** Fits the CLV models of a Predict cell; `fitInWorker` unless given. */
  fit?: FitModels;
  /** Fits a clusters cell's k-means; `fitClustersInWorker` unless given. */
  fitClusters?: FitClusters;
}

/**
 * Running and editing notebook cells: one cell runs at a time (what runs after it is the
 * NotebookRunner's to decide); adding, renaming and deleting cells keeps DuckDB's views in step.
 */
export class CellActions {
  #recovering = false;
  /** Counts result tables made, for CellRun.made. */
  #made = 0;
  /** Stop was pressed since the last SQL cell started: its turn on the engine ends as it begins. */
  #stopAsked = false;

  constructor(private readonly ctx: CellContext) {}

  /** Runs a cell and the cells that read it (NotebookRunner.runCell). */
  runCell(id: string): Promise<void> {
    return this.ctx.runner.runCell(id);
  }

  /** Runs every cell in dependency order (NotebookRunner.runAll). */
  runAll(): Promise<void> {
    return this.ctx.runner.runAll();
  }

  /** Column roles or the analysis date changed (NotebookRunner.mappingChanged). */
  mappingChanged(): void {
    this.ctx.runner.mappingChanged();
  }

  /**
   * A preset that reads a Predict cell's scores says which cell to add or run, rather than
   * filing every customer under "Not scored".
   */
  private checkPredictions(cell: PresetCell): void {
    const preset = presetById(cell.presetId);
    if (!preset.readsPredictions?.(presetParams(preset, cell))) return;
    // A results-only bundle's features carry the scores its Predict cells made.
    const { features } = this.ctx;
    if (features.provided?.predictions && features.missingOrders()) return;
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

  /**
   * Runs this one cell and nothing else; false when it did not run (gone, markdown, under
   * review) or failed. What runs after it is the NotebookRunner's to decide.
   */
  async execute(id: string): Promise<boolean> {
    const { notebook, catalog } = this.ctx;
    const cell = notebook.cell(id);
    if (!cell || cell.kind === 'markdown') return false;
    // Opened from a link or bundle: nothing runs before the user has reviewed it.
    if (notebook.notebook.review) return false;
    // From a customer summary the cell says it needs orders (NeedsOrders), rather than fail.
    if (cell.kind === 'predict' && this.ctx.features.withoutOrders) {
      notebook.setRun(id, { status: 'idle' });
      return false;
    }
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
        const reads = referencedNames(snapshot.source);
        const missing = notebook.notebook.tables.find(
          (t) => reads.has(t.table.toLowerCase()) && !catalog.has(t.table),
        );
        if (missing) throw new LocalizedError(missingFileMessage(missing));
        this.#stopAsked = false;
        const result = await this.ctx.exclusive(async (engine) => {
          if (this.#stopAsked) throw new Error('query was canceled');
          if (!notebook.cell(id)) throw new GoneError();
          const r = await runSqlCell(engine, snapshot);
          await catalog.refresh(engine);
          return r;
        });
        notebook.setRun(id, { status: 'done', result });
        return true;
      }
      this.checkPredictions(snapshot);
      await this.ctx.features.prebuilt();
      if (snapshot.presetId === CLUSTERS_ID) await this.refitClusters(id, snapshot);
      const builds = this.ctx.features.builds;
      const table = await this.ctx.exclusive(async (engine) => {
        if (!notebook.cell(id)) throw new GoneError();
        const asOf = await this.ctx.features.ensure(engine);
        const churnDays = this.ctx.features.churnDays;
        this.ctx.features.checkPresetSql(presetCellSql(snapshot, asOf, lang, churnDays));
        return makePresetTable(engine, snapshot, asOf, lang, churnDays);
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

  /** Fits a clusters cell again when its fit is missing or stale, and keeps the new fit. */
  private async refitClusters(id: string, snapshot: PresetCell): Promise<void> {
    const fit = await refitClusters(snapshot, {
      exclusive: (work) => this.ctx.exclusive(work),
      ensureFeatures: (engine) => this.ctx.features.ensure(engine),
      fit: this.ctx.fitClusters ?? fitClustersInWorker,
    });
    if (!fit) return;
    snapshot.params.fit = fit;
    const live = this.ctx.notebook.cell(id);
    if (live?.kind === 'preset') live.params.fit = fit;
    this.ctx.notebook.save();
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
    await this.ctx.runner.runCell(cell.id);
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
    // Outputs kept from the last run have only their first page.
    if (!run?.result || run.lastRun) return;
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

  /** A SQL cell's stored result pivoted in DuckDB, at most `maxRows` row groups. */
  pivot(id: string, spec: PivotSpec, maxRows?: number): Promise<PivotTable> {
    return this.ctx.exclusive((engine) => runPivot(engine, cellResultTable(id), spec, maxRows));
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
    if (next) await this.ctx.runner.runCell(id);
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
      await this.ctx.runner.runCell(cell.id);
    }
  }

  addCell(kind: 'sql' | 'markdown', index?: number): Cell {
    return this.ctx.notebook.addCell(kind, index);
  }
}
