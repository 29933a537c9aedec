import type { Lang } from '../../src/domain/labels';
import type { Engine, Row } from '../../src/engine/types';
import type { MessageKey, MessageParams } from '../../src/i18n/translate';
import { cellInputs, runOrder } from '../../src/model/cell-dependencies';
import { predictRequest } from '../../src/model/clv/predict-request';
import { errorText } from '../../src/model/error-text';
import type { Notebook, PresetCell } from '../../src/model/notebook';
import { presetParams } from '../../src/model/preset-params';
import { presetById } from '../../src/model/presets';
import { FeaturesState } from '../../src/state/FeaturesState.svelte';
import { NotebookState } from '../../src/state/NotebookState.svelte';
import { runPredict } from '../../src/state/PredictActions.svelte';
import { makePresetTable, summarisePresetTable } from '../../src/state/run-preset-cell';
import { runSqlCell } from '../../src/state/run-sql-cell';
import type { DerivedChurn } from '../../src/sql/churn-days';
import { countRowsSql } from '../../src/sql/read-file-sql';
import { FEATURES_TABLE } from '../../src/model/features-table';
import { cliError, loadSource, type LoadedSource } from './load-tables';
import type { NativeEngine } from './native-engine';

export interface CellOutcome {
  id: string;
  kind: 'sql' | 'preset' | 'predict';
  /** The result's name (unnamed SQL cells: their place on the page, `#3`). */
  name: string;
  status: 'done' | 'error' | 'skipped';
  error?: string;
  rows?: number;
  /** Preset cells: customers and revenue per segment, as the app's summary shows them. */
  summary?: Row[];
}

export interface RunReport {
  sources: LoadedSource[];
  cells: CellOutcome[];
  asOf: string;
  churnDays: number;
  /** The churn threshold the orders gave (null: none derived, or not built from orders). */
  derivedChurn: DerivedChurn | null;
  /** The predictions table joined into the features table, if a Predict cell ran. */
  predictions: string | null;
  /** Whether the features table was built (a segmentation or prediction ran). */
  features: boolean;
}

/** A line of progress, as a message of the catalogue. */
export type Progress = (event: { key: MessageKey; params: MessageParams }) => void;

/**
 * Runs a notebook as the app does (NotebookRunner.runAll with CellActions.execute): its tables
 * loaded and cleaned, then every cell after the cells it reads, through the app's own state/
 * functions on the given engine. A cell that reads a failed cell is skipped; the rest still run.
 * A table that does not load stops the run (its error names the file).
 */
export async function runNotebook(
  engine: NativeEngine,
  notebook: Notebook,
  dataDir: string,
  lang: Lang,
  progress: Progress = () => {},
): Promise<RunReport> {
  const sources: LoadedSource[] = [];
  for (const source of notebook.tables) {
    progress({ key: 'cli.loading', params: { file: source.fileName, table: source.table } });
    const loaded = await loadSource(engine, notebook, source, dataDir);
    progress({ key: 'cli.loaded', params: { rows: loaded.rows, columns: loaded.columns.length } });
    sources.push(loaded);
  }
  const state = new NotebookState(null);
  state.notebook = structuredClone(notebook);
  const features = new FeaturesState(state);
  const predictContext = {
    features,
    exclusive: <T>(work: (e: Engine) => Promise<T>) => work(engine),
    onProgress: () => {},
    fit: async (request: Parameters<typeof predictRequest>[0]) => predictRequest(request),
  };
  const cells = notebook.cells;
  const graph = () => ({
    inputTables: new Set(
      Object.values(features.resolved().chosen).map((m) => m.table.toLowerCase()),
    ),
  });
  const inputs = cellInputs(cells, graph());
  const outcomes: CellOutcome[] = [];
  const failed = new Set<string>();
  const predicted = new Set<string>();
  for (const id of runOrder(cells, graph())) {
    const cell = cells.find((c) => c.id === id);
    if (!cell || cell.kind === 'markdown') continue;
    const name = cell.name ?? `#${cells.indexOf(cell) + 1}`;
    const base = { id, kind: cell.kind, name } as const;
    const from = [...(inputs.get(id) ?? [])].filter((i) => failed.has(i));
    if (from.length > 0) {
      const names = from.map((i) => {
        const c = cells.find((x) => x.id === i);
        return c && c.kind !== 'markdown' ? (c.name ?? `#${cells.indexOf(c) + 1}`) : i;
      });
      progress({ key: 'cli.skipped', params: { name, from: names.join(', ') } });
      failed.add(id);
      outcomes.push({ ...base, status: 'skipped' });
      continue;
    }
    progress({ key: `cli.kind.${cell.kind}`, params: { name } });
    try {
      if (cell.kind === 'sql') {
        const result = await runSqlCell(engine, cell);
        // A SQL cell's result mapped as an input table changes what the features read.
        if (cell.name && features.mappingOf(cell.name)) features.invalidate();
        outcomes.push({ ...base, status: 'done', rows: result.rowCount });
      } else if (cell.kind === 'predict') {
        const view = await runPredict(predictContext, cell);
        predicted.add(id);
        outcomes.push({ ...base, status: 'done', rows: view.scored });
      } else {
        checkPredictions(cell, predicted.size > 0);
        const builds = features.builds;
        const asOf = await features.ensure(engine);
        if (features.builds !== builds) {
          const count = await engine.query(countRowsSql(FEATURES_TABLE));
          const customers = Number(count.rows[0]?.n ?? 0);
          progress({ key: 'cli.featuresBuilt', params: { customers, asOf } });
        }
        const table = await makePresetTable(engine, cell, asOf, lang, features.churnDays);
        const result = await summarisePresetTable(
          engine,
          cell,
          table,
          features.predictions !== null,
        );
        outcomes.push({ ...base, status: 'done', rows: result.rowCount, summary: result.summary });
      }
      progress({ key: 'cli.done', params: { rows: outcomes.at(-1)!.rows ?? 0 } });
    } catch (e) {
      failed.add(id);
      const message = errorText(e, lang);
      progress({ key: 'cli.failed', params: { message } });
      outcomes.push({ ...base, status: 'error', error: message });
    }
  }
  return {
    sources,
    cells: outcomes,
    asOf: features.asOfUsed,
    churnDays: features.churnDays,
    derivedChurn: features.derivedChurn,
    predictions: features.predictions,
    features: features.builds > 0,
  };
}

/** A segmentation that reads predicted scores needs a Predict cell that ran (CellActions). */
function checkPredictions(cell: PresetCell, predicted: boolean): void {
  const preset = presetById(cell.presetId);
  if (predicted || !preset.readsPredictions?.(presetParams(preset, cell))) return;
  throw cliError('cli.noPredictions', { name: cell.name });
}
