import type { Engine, QueryResult } from '../engine/types';
import type { CleaningStepInit } from '../domain/cleaning-step';
import { errorText } from '../model/error-text';
import type { TableMapping } from '../domain/roles';
import { cancelPrefixSql } from '../sql/cancellations';
import { isOrderLines, orderLinesSql } from '../sql/order-lines';
import {
  checkedAmountSql,
  extremeFenceSql,
  qualityChecks,
  type QualityCheckId,
} from '../sql/quality-checks';
import type { CatalogState } from './CatalogState.svelte';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import type { NotebookState } from './NotebookState.svelte';

/** One problem a check found: how many rows, a few of them, and the fixes on offer. */
export interface Finding {
  id: QualityCheckId;
  column?: string;
  count: number;
  examples: QueryResult;
  fixes: CleaningStepInit[];
  /** Fixes offered only on request, and always confirmed (possible duplicates). */
  explicit: CleaningStepInit[];
  params: Record<string, string | number>;
}

export interface QualityReport {
  table: string;
  rowCount: number;
  /** Whether the table had a role mapping (most checks need one). */
  mapped: boolean;
  /** Orders over several lines each: the number of distinct order ids, when it is such a table. */
  orderLines?: number;
  findings: Finding[];
  /** Checks that ran and found nothing. */
  passed: Pick<Finding, 'id' | 'column' | 'params'>[];
  error?: string;
}

export interface QualityContext {
  notebook: NotebookState;
  features: FeaturesState;
  catalog: CatalogState;
  lang: LangState;
  /** Runs one turn on the engine when no work the user asked for is waiting. */
  background: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  /** Today as YYYY-MM-DD: dates after it (or after the analysis date) are in the future. */
  today?: () => string;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The data-quality report per table: after loading, after the role mapping changes and after a
 * cleaning step, the checks of sql/quality-checks.ts run on the table in DuckDB.
 */
export class QualityState {
  reports = $state.raw<Record<string, QualityReport>>({});
  /** Tables being checked now. */
  running = $state.raw<string[]>([]);
  /** The table whose report is open, if any. */
  open = $state<string | null>(null);

  constructor(private readonly ctx: QualityContext) {}

  async check(table: string): Promise<void> {
    this.running = [...this.running, table];
    try {
      const report = await this.run(table);
      this.reports = { ...this.reports, [table]: report };
    } catch (e) {
      const error = errorText(e, this.ctx.lang.lang);
      const report = { table, rowCount: 0, mapped: false, findings: [], passed: [], error };
      this.reports = { ...this.reports, [table]: report };
    } finally {
      this.running = this.running.filter((t) => t !== table);
    }
  }

  /** Roles changed: check the reported tables again soon (several changes come in a row). */
  mappingChanged(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.recheckAll(), 400);
  }
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Checks every table that has a report already, or is being checked (its check read the
   * mapping before the change), e.g. after mappings changed.
   */
  async recheckAll(): Promise<void> {
    for (const table of new Set([...Object.keys(this.reports), ...this.running])) {
      if (this.ctx.catalog.has(table)) await this.check(table);
      else this.forget(table);
    }
  }

  forget(table: string): void {
    const { [table]: _, ...rest } = this.reports;
    this.reports = rest;
    if (this.open === table) this.open = null;
  }

  renamed(from: string, to: string): void {
    const report = this.reports[from];
    this.forget(from);
    if (report) this.reports = { ...this.reports, [to]: { ...report, table: to } };
  }

  /**
   * Each check is its own background turn on the engine, so work the user asked for (a cell, a
   * preset) goes ahead of the checks instead of waiting for the whole report on a large table.
   */
  private async run(table: string): Promise<QualityReport> {
    const query = (sql: string) => this.ctx.background((engine) => engine.query(sql));
    const info = this.ctx.catalog.tables.find((t) => t.name === table);
    const columns = info?.columns ?? [];
    const snap = (m: TableMapping | undefined) => $state.snapshot(m) as TableMapping | undefined;
    const mapping = snap(this.ctx.features.mappingOf(table));
    // Orphans are checked against the customers table the analyses use with these orders only.
    const { chosen } = this.ctx.features.resolved();
    const customers = chosen.orders?.table === table ? snap(chosen.customers) : undefined;
    const typeOf = (c: string) => columns.find((x) => x.name === c)?.type;
    const orders = mapping?.kind === 'orders' ? mapping.columns : undefined;
    // Amount = the Amount column, or quantity × unit price (sql/amount.ts).
    const amount = orders ? checkedAmountSql(orders, typeOf) : undefined;
    let fence: number | null = null;
    if (amount) {
      const { rows } = await query(extremeFenceSql(table, amount));
      const value = rows[0]?.fence;
      fence = typeof value === 'number' ? value : null;
    }
    let orderLines: number | undefined;
    let cancelPrefix = true;
    if (orders?.orderId) {
      const id = orders.orderId;
      const lines = (await query(orderLinesSql(table, id, typeOf(id)))).rows[0];
      if (isOrderLines(lines)) orderLines = Number(lines?.orders ?? 0);
      const prefix = (await query(cancelPrefixSql(table, id, typeOf(id)))).rows[0];
      cancelPrefix = prefix?.applies === true;
    }
    const checks = qualityChecks({
      table,
      columns,
      ...(mapping ? { mapping } : {}),
      ...(customers ? { customers } : {}),
      reference: this.ctx.notebook.notebook.asOf || (this.ctx.today ?? todayUtc)(),
      fence,
      orderLines: orderLines !== undefined,
      cancelPrefix,
    });
    const findings: Finding[] = [];
    const passed: QualityReport['passed'] = [];
    for (const check of checks) {
      const { rows } = await query(check.countSql);
      const count = Number(rows[0]?.n ?? 0);
      const what = {
        id: check.id,
        ...(check.column ? { column: check.column } : {}),
        params: check.params,
      };
      if (count === 0) {
        passed.push(what);
        continue;
      }
      const examples = await query(check.examplesSql);
      findings.push({
        ...what,
        count,
        examples,
        fixes: check.fixes,
        explicit: check.explicit ?? [],
      });
    }
    return {
      table,
      rowCount: info?.rowCount ?? 0,
      mapped: Boolean(mapping),
      ...(orderLines !== undefined ? { orderLines } : {}),
      findings,
      passed,
    };
  }
}
