import type { ColumnInfo } from '../domain/result';
import type { Engine } from '../engine/types';
import type { PivotChoice } from '../model/pivot-view';
import type { PivotSpec } from '../sql/pivot';
import type { NotebookState } from './NotebookState.svelte';
import { pivotColumns, runPivot, type PivotTable } from './run-pivot';

export interface TablePivotsContext {
  notebook: NotebookState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
}

/**
 * Pivots of the input tables (loaded files), run in DuckDB like a SQL cell's; each table's
 * choices are saved with its entry in the notebook, so they travel with a link or a bundle.
 */
export class TablePivots {
  constructor(private readonly ctx: TablePivotsContext) {}

  columns(table: string): Promise<ColumnInfo[]> {
    return this.ctx.exclusive((engine) => pivotColumns(engine, table));
  }

  run(table: string, spec: PivotSpec, maxRows?: number): Promise<PivotTable> {
    return this.ctx.exclusive((engine) => runPivot(engine, table, spec, maxRows));
  }

  choice(table: string): PivotChoice | undefined {
    return this.ctx.notebook.notebook.tables.find((s) => s.table === table)?.pivot;
  }

  choose(table: string, pivot: PivotChoice): void {
    const nb = this.ctx.notebook.notebook;
    nb.tables = nb.tables.map((s) => (s.table === table ? { ...s, pivot } : s));
    this.ctx.notebook.save();
  }
}
