import { LocalizedError } from '../domain/localized-error';
import type { Engine } from '../engine/types';
import { cleaningCountSql, cleaningSql, rawTableName } from '../sql/cleaning';
import { newStepId, type CleaningStep, type CleaningStepInit } from '../domain/cleaning-step';
import type { TableSource } from '../model/notebook';
import { renameTableSql } from '../sql/catalog';
import { describeTableSql } from '../sql/read-file-sql';
import { buildCleanedTable, exists } from './build-cleaned-table';
import { errorText } from '../model/error-text';
import type { CatalogState } from './CatalogState.svelte';
import type { LangState } from './LangState.svelte';
import type { NotebookState } from './NotebookState.svelte';

export interface CleaningContext {
  notebook: NotebookState;
  catalog: CatalogState;
  lang: LangState;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  /** Shows why a step could not be added or removed. */
  notifyError: (text: string) => void;
  /** A table's content changed: features must be rebuilt and cells re-run. */
  changed: (table: string) => Promise<void>;
}

/** A fix that would remove more than this share of a table's rows asks first. */
export const CONFIRM_SHARE = 0.2;

/** A fix waiting for the user's yes, with what it would remove (counted in DuckDB). */
export interface PendingFix {
  table: string;
  step: CleaningStepInit;
  rows: number;
  removed: number;
}

/**
 * Cleaning steps: visible, reversible changes to a loaded table. The first step moves the table
 * as loaded to `<table>__raw`; the steps then produce `<table>` from it by generated SQL, so
 * cells, mappings and presets keep reading `<table>`. Removing the last step puts the original
 * back. The steps live in the notebook (never the data), so a reload applies them again.
 */
export class CleaningState {
  /** The fix that waits for confirmation, if any (`request`, then `confirm` or `cancel`). */
  pending = $state.raw<PendingFix | null>(null);

  constructor(private readonly ctx: CleaningContext) {}

  source(table: string): TableSource | undefined {
    return this.ctx.notebook.notebook.tables.find((t) => t.table === table);
  }

  stepsOf(table: string): CleaningStep[] {
    return this.source(table)?.steps ?? [];
  }

  /** Whether `name` is the kept original of a cleaned table. */
  isRaw(name: string): boolean {
    const lower = name.toLowerCase();
    return this.ctx.notebook.notebook.tables.some(
      (t) => (t.steps?.length ?? 0) > 0 && rawTableName(t.table).toLowerCase() === lower,
    );
  }

  /** The table's steps and the columns of its original, when it was cleaned. */
  cleaningOf(table: string): { columns: string[]; steps: CleaningStep[] } | undefined {
    const steps = this.stepsOf(table);
    const info = this.ctx.catalog.tables.find((t) => t.name === rawTableName(table));
    if (steps.length === 0 || !info) return undefined;
    return { columns: info.columns.map((c) => c.name), steps };
  }

  /** The SQL that builds the cleaned table from its original, to show the user; null if none. */
  sqlOf(table: string): string | null {
    const steps = this.stepsOf(table);
    const raw = rawTableName(table);
    const info = this.ctx.catalog.tables.find((t) => t.name === raw);
    if (steps.length === 0 || !info) return null;
    const columns = info.columns.map((c) => c.name);
    return cleaningSql({ raw, target: table, columns, steps });
  }

  /** Adds a step (a quality fix or a conversion); a failure is shown and nothing changes. */
  apply(table: string, step: CleaningStepInit): Promise<boolean> {
    return this.reported(table, () => this.add(table, step));
  }

  /**
   * A quality fix the user chose: the rows it would remove are counted first; if that is more
   * than CONFIRM_SHARE of the table, or `ask` is set (a fix that may remove real data), it
   * waits in `pending` for `confirm`. Returns what happened; a failure is shown.
   */
  async request(
    table: string,
    step: CleaningStepInit,
    options: { ask?: boolean } = {},
  ): Promise<'applied' | 'asked' | 'failed'> {
    this.pending = null;
    let count: { rows: number; removed: number } | undefined;
    const counted = await this.reported(table, async () => {
      count = await this.ctx.exclusive((engine) => this.countRemoved(engine, table, step));
    });
    if (!counted || !count) return 'failed';
    if (options.ask || count.removed > CONFIRM_SHARE * count.rows) {
      this.pending = { table, step: $state.snapshot(step) as CleaningStepInit, ...count };
      return 'asked';
    }
    return (await this.apply(table, step)) ? 'applied' : 'failed';
  }

  /** Applies the pending fix. */
  async confirm(): Promise<boolean> {
    const pending = this.pending;
    if (!pending) return false;
    this.pending = null;
    return this.apply(pending.table, pending.step);
  }

  /** Drops the pending fix: nothing changes. */
  cancel(): void {
    this.pending = null;
  }

  /** How many rows the table has and how many `step`, added to its steps, would remove. */
  private async countRemoved(
    engine: Engine,
    table: string,
    step: CleaningStepInit,
  ): Promise<{ rows: number; removed: number }> {
    const raw = rawTableName(table);
    const source = (await exists(engine, raw)) ? raw : table;
    const described = await engine.query(describeTableSql(source));
    const columns = described.rows.map((r) => String(r.column_name));
    const steps = [...this.snapshot(table), { ...step, id: 'pending' } as CleaningStep];
    const { rows } = await engine.query(
      cleaningCountSql({ raw: source, target: table, columns, steps }, table),
    );
    const total = Number(rows[0]?.rows ?? 0);
    return { rows: total, removed: Math.max(0, total - Number(rows[0]?.kept ?? 0)) };
  }

  /** Adds several steps with one rebuild (e.g. "Convert all"); all or none are added. */
  applyAll(table: string, steps: readonly CleaningStepInit[]): Promise<boolean> {
    return this.reported(table, async () => {
      const added = steps.map((init) => ({ ...$state.snapshot(init), id: newStepId() }));
      await this.update(table, [...this.snapshot(table), ...(added as CleaningStep[])]);
    });
  }

  /** Undoes one step; a failure is shown and nothing changes. */
  undo(table: string, id: string): Promise<boolean> {
    return this.reported(table, () => this.remove(table, id));
  }

  private async reported(table: string, change: () => Promise<void>): Promise<boolean> {
    try {
      await change();
      return true;
    } catch (e) {
      const message = errorText(e, this.ctx.lang.lang);
      this.ctx.notifyError(this.ctx.lang.t('steps.failed', { table, message }));
      return false;
    }
  }

  /** Adds a step at the end and rebuilds the table; throws (and changes nothing) if it fails. */
  async add(table: string, init: CleaningStepInit): Promise<void> {
    const step = { ...$state.snapshot(init), id: newStepId() } as CleaningStep;
    await this.update(table, [...this.snapshot(table), step]);
  }

  /** Removes a step; without steps left the table is the original again. */
  async remove(table: string, id: string): Promise<void> {
    await this.update(
      table,
      this.snapshot(table).filter((s) => s.id !== id),
    );
  }

  private snapshot(table: string): CleaningStep[] {
    return $state.snapshot(this.stepsOf(table)) as CleaningStep[];
  }

  private async update(table: string, steps: CleaningStep[]): Promise<void> {
    const source = this.source(table);
    if (!source)
      throw new LocalizedError({
        en: `${table} is not a loaded table.`,
        zh: `${table} 不是已加载的数据表。`,
      });
    await this.ctx.exclusive(async (engine) => {
      await this.build(engine, table, steps);
      await this.ctx.catalog.refresh(engine);
    });
    if (steps.length > 0) source.steps = steps;
    else delete source.steps;
    this.ctx.notebook.save();
    // The report and the cells follow in the background; the step itself is done.
    void this.ctx.changed(table);
  }

  /** Makes `table` the result of `steps` over its original, inside `exclusive` (buildCleanedTable). */
  build(engine: Engine, table: string, steps: readonly CleaningStep[]): Promise<void> {
    return buildCleanedTable(engine, table, steps);
  }

  /** A cleaned table was renamed: its original follows, and steps pointing at it follow too. */
  async renamed(engine: Engine, from: string, to: string): Promise<void> {
    if (this.stepsOf(from).length > 0 && (await exists(engine, rawTableName(from)))) {
      await engine.exec(renameTableSql(rawTableName(from), rawTableName(to)));
    }
    for (const source of this.ctx.notebook.notebook.tables) {
      for (const step of source.steps ?? []) {
        if (
          step.kind === 'exclude' &&
          step.filter.test === 'orphan' &&
          step.filter.table === from
        ) {
          step.filter.table = to;
        }
      }
    }
  }
}
