import { newCellId, type Cell, type Notebook } from '../model/notebook';
import { NotebookFileError, parseNotebook, serializeNotebook } from '../io/notebook-file';
import type { PredictProgress } from '../model/clv/predict';
import type { SqlErrorView } from '../model/sql-error';
import type { PredictView } from './predict-view';
import type { PresetResult } from './run-preset-cell';
import type { CellResult } from './run-sql-cell';

const KEY = 'seglab.notebook';
/**
 * Notebooks longer than this (in UTF-16 units) are saved in IndexedDB: localStorage holds about
 * 5 M units for the whole origin, and the language and other settings live there too.
 */
export const INLINE_LIMIT = 1_000_000;

/** Where a notebook too large for localStorage (or when it is full) is saved: IndexedDB. */
export interface NotebookSpill {
  write(text: string): Promise<void>;
  read(): Promise<string | null>;
}

/** Why the autosave failed: storage refused it, or the notebook is past the notebook limits. */
export interface SaveError {
  tooLarge: boolean;
  message: string;
}

const failed = (e: unknown): SaveError => ({
  tooLarge: false,
  message: e instanceof Error ? e.message : String(e),
});

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
  /**
   * The result is the one kept from the last run, shown until the cell has run again (its
   * quadrant, outside this reactive state: `LastRunOutputs.keptQuadrant`).
   */
  lastRun?: true;
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
  /** Why the last autosave failed; null once a save succeeds. */
  saveError = $state.raw<SaveError | null>(null);
  /** Another tab has the open notebook (TabLock): this one never writes its autosave. */
  readOnly = $state(false);
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<unknown> = Promise.resolve();
  /** Whether IndexedDB holds a copy of the notebook (it was too large for localStorage). */
  #spilled = false;

  constructor(
    private readonly storage: Storage | null,
    private readonly spill?: NotebookSpill,
  ) {}

  /**
   * The autosaved notebook, if there is one and it can be read: from localStorage, or from
   * IndexedDB when it was too large for localStorage.
   */
  async restore(): Promise<Notebook | null> {
    let text = this.storage?.getItem(KEY);
    if (!text) {
      text = await this.spill?.read().catch(() => null);
      this.#spilled = !!text;
    }
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

  /**
   * Saves now: to localStorage, or to IndexedDB when the notebook is too large for it or it is
   * full. A failure is kept in `saveError` (shown until a save succeeds), never thrown.
   * `leaving`: the page is being left or hidden, so no part of the save may wait for a task.
   */
  saveNow(leaving = false): void {
    clearTimeout(this.#saveTimer);
    if (this.readOnly) return;
    const text = this.toFileText();
    if (text.length > INLINE_LIMIT && this.spill) {
      this.#spill(text, this.spill, leaving);
      return;
    }
    if (!this.#reopens(text)) return;
    let failure: unknown = null;
    try {
      this.storage?.setItem(KEY, text);
      this.saveError = null;
      // The large version kept in IndexedDB is out of date now: free its space.
      if (this.#spilled && this.spill) void this.spill.write('').catch(() => {});
      this.#spilled = false;
      return;
    } catch (e) {
      failure = e;
    }
    if (this.spill) this.#spill(text, this.spill);
    else this.saveError = failed(failure);
  }

  /** A notebook that could not be opened again is not saved over the last one that can. */
  #reopens(text: string): boolean {
    try {
      parseNotebook(text);
    } catch (e) {
      if (e instanceof NotebookFileError && e.code === 'too-large') {
        this.saveError = { tooLarge: true, message: e.message };
        return false;
      }
    }
    return true;
  }

  /**
   * Saves to IndexedDB. Checking and storing megabytes of JSON wait for a task of their own,
   * so a save never holds the page for long; a newer save supersedes one still waiting. A page
   * being left cannot wait: its write starts in this task.
   */
  #spill(text: string, spill: NotebookSpill, leaving = false): void {
    const turn = leaving ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 0));
    const saving = turn.then(async () => {
      if (this.#saving !== saving || !this.#reopens(text)) return false;
      // localStorage must not keep an older version that would be restored instead.
      this.storage?.removeItem(KEY);
      this.#spilled = true;
      await spill.write(text);
      return true;
    });
    this.#saving = saving;
    saving.then(
      (stored) => {
        if (this.#saving === saving && stored) this.saveError = null;
      },
      (e: unknown) => {
        if (this.#saving === saving) this.saveError = failed(e);
      },
    );
  }

  /** The save to IndexedDB under way, if any (tests wait for it). */
  get saving(): Promise<void> {
    return this.#saving.then(
      () => {},
      () => {},
    );
  }

  toFileText(): string {
    return serializeNotebook($state.snapshot(this.notebook) as Notebook);
  }
}
