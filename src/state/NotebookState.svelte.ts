import { newCellId, type Cell, type Notebook } from '../model/notebook';
import { parseNotebook, serializeNotebook } from '../model/notebook-file';
import type { PredictProgress } from '../model/clv/predict';
import type { SqlErrorView } from '../model/sql-error';
import type { PredictView } from './PredictActions.svelte';
import type { PresetResult } from './run-preset-cell';
import type { CellResult } from './run-sql-cell';

const KEY = 'seglab.notebook';

export type CellStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface CellRun {
  status: CellStatus;
  result?: CellResult | PresetResult;
  /**
   * Changes each time a preset cell's result table is made again, before the run has counted
   * and summarised it: charts that read the table reload on it.
   */
  made?: number;
  predict?: PredictView;
  /** Model-fitting progress of a running Predict cell. */
  progress?: PredictProgress & { fit: 'check' | 'forecast' };
  error?: string;
  /** A SQL cell's DuckDB error, with the line and column of the cell's SQL it points at. */
  sqlError?: SqlErrorView;
}

/** The open notebook: its cells (edited in place), their last runs, and local autosave. */
export class NotebookState {
  notebook = $state<Notebook>({
    version: 1,
    title: '',
    cells: [],
    tables: [],
    mappings: [],
    asOf: '',
  });
  runs = $state<Record<string, CellRun>>({});
  /** Deleted cells, most recent last, so a delete can be undone. */
  deleted = $state<{ cell: Cell; index: number }[]>([]);
  saveError = $state<string | null>(null);
  #saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly storage: Storage | null) {}

  /** The autosaved notebook, if there is one and it can be read. */
  restore(): Notebook | null {
    const text = this.storage?.getItem(KEY);
    if (!text) return null;
    return parseNotebook(text);
  }

  replace(notebook: Notebook): void {
    this.notebook = notebook;
    this.runs = {};
    this.deleted = [];
    this.save();
  }

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  addCell(kind: 'sql' | 'markdown', index = this.notebook.cells.length, source = ''): Cell {
    return this.insertCell({ id: newCellId(), kind, source }, index);
  }

  insertCell(cell: Cell, index = this.notebook.cells.length): Cell {
    this.notebook.cells.splice(index, 0, cell);
    this.save();
    return this.notebook.cells[index]!;
  }

  /** Puts `next` where the cell `id` is (e.g. a preset turned into SQL). */
  replaceCell(id: string, next: Cell): void {
    const index = this.notebook.cells.findIndex((c) => c.id === id);
    if (index === -1) return;
    this.notebook.cells[index] = next;
    delete this.runs[id];
    this.save();
  }

  moveCell(id: string, delta: -1 | 1): void {
    const cells = this.notebook.cells;
    const i = cells.findIndex((c) => c.id === id);
    const j = i + delta;
    if (i === -1 || j < 0 || j >= cells.length) return;
    const [cell] = cells.splice(i, 1);
    cells.splice(j, 0, cell!);
    this.save();
  }

  deleteCell(id: string): Cell | undefined {
    const index = this.notebook.cells.findIndex((c) => c.id === id);
    if (index === -1) return undefined;
    const [cell] = this.notebook.cells.splice(index, 1);
    this.deleted.push({ cell: $state.snapshot(cell!), index });
    this.save();
    return cell;
  }

  undoDelete(): Cell | undefined {
    const last = this.deleted.pop();
    if (!last) return undefined;
    this.notebook.cells.splice(Math.min(last.index, this.notebook.cells.length), 0, last.cell);
    this.save();
    return last.cell;
  }

  setRun(id: string, run: CellRun): void {
    this.runs[id] = run;
  }

  /** Saves to local storage soon (edits arrive per keystroke). */
  save(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.saveNow(), 250);
  }

  saveNow(): void {
    clearTimeout(this.#saveTimer);
    try {
      this.storage?.setItem(KEY, this.toFileText());
      this.saveError = null;
    } catch (e) {
      this.saveError = e instanceof Error ? e.message : String(e);
    }
  }

  toFileText(): string {
    return serializeNotebook($state.snapshot(this.notebook) as Notebook);
  }
}
