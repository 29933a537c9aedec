import { LocalizedError } from '../domain/localized-error';
import type { Engine } from '../engine/types';
import { guessRoles, guessTableKind } from '../model/guess-roles';
import {
  adoptInput,
  dropTable,
  resolveInputs,
  type Inputs,
  type ResolvedInputs,
} from '../model/inputs';
import { TABLE_KIND_LABELS, type Role, type TableKind, type TableMapping } from '../domain/roles';
import { refitMapping } from '../model/refit-mapping';
import { defaultAsOfSql } from '../sql/analysis-date';
import { churnDaysSql, FALLBACK_CHURN_DAYS, type DerivedChurn } from '../sql/churn-days';
import { featuresSql } from '../sql/features';
import { summaryAsOfSql, summaryFeaturesSql } from '../sql/features-from-summary';
import { customerSummarySql, type CustomerSummaryInput } from '../sql/customer-summary';
import {
  needsOrdersError,
  needsOrdersFile,
  summaryGap,
  type OrderHistoryUse,
} from '../model/order-history';
import type { TableSource } from '../model/notebook';
import { ordersRelation } from '../sql/orders-relation';
import { describeTableSql } from '../sql/read-file-sql';

import { mappingTypeProblem } from '../model/mapping-type-problem';
import { joinPredictionsSql } from '../sql/join-predictions';
import type { NotebookState } from './NotebookState.svelte';
import { FEATURES_TABLE } from '../model/features-table';

/**
 * A features table built where the notebook ran on its data (`seglab run`) and carried by a
 * results-only bundle: what it was built for.
 */
export interface ProvidedFeatures {
  asOf: string;
  churn: DerivedChurn | null;
  /** The predictions table that was joined into it, if any. */
  predictions: string | null;
}

/** Runs work on the engine when it is idle (EngineQueue.background). */
export type Background = <T>(
  work: (engine: Engine) => Promise<T>,
  options?: { first?: boolean },
) => Promise<T>;

/**
 * Column roles and the analysis date, and the per-customer features table built from them.
 * The table is rebuilt only when its SQL changes, so presets re-run against a ready table.
 */
export class FeaturesState {
  /** The analysis date the features table was last built for. */
  asOfUsed = $state('');
  /** The data's own churn threshold at the analysis date, once the features are built. */
  derivedChurn = $state.raw<DerivedChurn | null>(null);
  #churnSql = '';
  /** The predictions table joined into the features (from a Predict cell), if any. */
  predictions = $state<string | null>(null);
  /** How many times the features table was (re)built, so callers can tell whether it changed. */
  builds = 0;
  #builtSql = '';
  #defaultAsOf: { sql: string; day: string } | null = null;
  /** The background build running now (settles either way), or null. */
  #building: Promise<void> | null = null;
  /** Features that came made (a results-only bundle), used until the orders table is loaded. */
  provided = $state.raw<ProvidedFeatures | null>(null);

  /**
   * `background`: where `prebuild` sends its work; without it, `prebuild` does nothing.
   * `loaded`: whether a table is in DuckDB (provided features stand in for a missing one).
   */
  constructor(
    private readonly notebook: NotebookState,
    private readonly background?: Background,
    private readonly loaded: (table: string) => boolean = () => true,
  ) {}

  /**
   * Takes the features table already in DuckDB as built for `features` (or, null, stops): the
   * segmentations read it until the orders table they were built from is loaded, then the
   * features are built from the orders as usual.
   */
  provide(features: ProvidedFeatures | null): void {
    this.invalidate();
    this.provided = features;
    this.predictions = features?.predictions ?? null;
    this.derivedChurn = features?.churn ?? null;
  }

  /** The orders table the provided features stand in for, while it is not loaded. */
  missingOrders(): TableSource | null {
    if (!this.provided) return null;
    const orders = this.resolved().chosen.orders;
    if (!orders || this.loaded(orders.table)) return null;
    return this.notebook.notebook.tables.find((t) => t.table === orders.table) ?? null;
  }

  /**
   * Whether the analyses have no dated orders to read: the features come from a customer
   * summary, or from a results-only bundle whose orders file is not loaded.
   */
  get withoutOrders(): boolean {
    return this.fromSummary || this.missingOrders() !== null;
  }

  get mappings(): TableMapping[] {
    return this.notebook.notebook.mappings;
  }

  mappingOf(table: string): TableMapping | undefined {
    return this.mappings.find((m) => m.table === table);
  }

  /**
   * Guesses kind and roles for a newly loaded table that has no mapping yet, unless the user
   * marked it "not used". A file the user dropped becomes the input of its kind; the sample's
   * tables then stop feeding the analyses (see `adoptInput`).
   */
  autoMap(table: string, columns: string[]): void {
    if (this.mappingOf(table) || this.notebook.notebook.unused?.includes(table)) return;
    // A file without a header row has only column_1, column_2, …: nothing to guess from, and a
    // wrong guess (customers without an id) broke every segmentation. The user says what it is.
    if (columns.every((c) => /^column_\d+$/.test(c))) return;
    const kind = guessTableKind(table, columns);
    this.mappings.push({ table, kind, columns: guessRoles(kind, columns) });
    this.adopt(table, kind);
    this.notebook.save();
  }

  /** The table's file was read again: roles keep their column where it is still there. */
  refit(table: string, before: readonly string[], after: readonly string[]): void {
    const mapping = this.mappingOf(table);
    if (!mapping) return;
    mapping.columns = refitMapping($state.snapshot(mapping) as TableMapping, before, after).columns;
    this.notebook.save();
  }

  setKind(table: string, kind: TableKind | null, columns: string[]): void {
    const nb = this.notebook.notebook;
    const rest = this.mappings.filter((m) => m.table !== table);
    nb.mappings = kind ? [...rest, { table, kind, columns: guessRoles(kind, columns) }] : rest;
    const unused = (nb.unused ?? []).filter((t) => t !== table);
    if (kind) {
      if (unused.length > 0) nb.unused = unused;
      else delete nb.unused;
      this.adopt(table, kind);
    } else {
      nb.unused = [...unused, table];
      this.setInputs(dropTable(this.inputs(), table));
    }
    this.notebook.save();
  }

  /** Makes `table` the input of `kind`, when it is a file the user brought. */
  private adopt(table: string, kind: TableKind): void {
    const nb = this.notebook.notebook;
    const origin = (name: string) => nb.tables.find((t) => t.table === name)?.origin;
    if (origin(table) === 'sample') return;
    this.setInputs(adoptInput($state.snapshot(this.mappings), this.inputs(), table, kind, origin));
  }

  /** Which table of each kind the analyses read: chosen, else the only one mapped. */
  inputs(): Inputs {
    return ($state.snapshot(this.notebook.notebook.inputs) as Inputs | undefined) ?? {};
  }

  resolved(): ResolvedInputs {
    return resolveInputs($state.snapshot(this.mappings) as TableMapping[], this.inputs());
  }

  /** The user's choice of table for `kind` (null: none). */
  choose(kind: TableKind, table: string | null): void {
    this.setInputs({ ...this.inputs(), [kind]: table });
    this.notebook.save();
  }

  private setInputs(inputs: Inputs): void {
    if (Object.keys(inputs).length > 0) this.notebook.notebook.inputs = inputs;
    else delete this.notebook.notebook.inputs;
  }

  /** Forgets a removed table's mapping and choice; returns the mapping, for an undo. */
  removeTable(table: string): TableMapping | undefined {
    const nb = this.notebook.notebook;
    const mapping = $state.snapshot(this.mappingOf(table)) as TableMapping | undefined;
    nb.mappings = this.mappings.filter((m) => m.table !== table);
    this.setInputs(dropTable(this.inputs(), table));
    const unused = (nb.unused ?? []).filter((t) => t !== table);
    if (unused.length > 0) nb.unused = unused;
    else delete nb.unused;
    this.notebook.save();
    return mapping;
  }

  /** Puts back a removed table's mapping (undo). */
  restoreTable(mapping: TableMapping | undefined, inputs: Inputs): void {
    if (mapping && !this.mappingOf(mapping.table)) this.mappings.push(mapping);
    this.setInputs(inputs);
    this.notebook.save();
  }

  setRole(table: string, role: Role, column: string): void {
    const mapping = this.mappingOf(table);
    if (!mapping) return;
    if (column === '') delete mapping.columns[role];
    else mapping.columns[role] = column;
    this.notebook.save();
  }

  renameTable(from: string, to: string): void {
    for (const m of this.mappings) if (m.table === from) m.table = to;
    const nb = this.notebook.notebook;
    if (nb.unused) nb.unused = nb.unused.map((t) => (t === from ? to : t));
    this.setInputs(
      Object.fromEntries(
        Object.entries(this.inputs()).map(([k, v]) => [k, v === from ? to : v]),
      ) as Inputs,
    );
  }

  /**
   * The notebook's churn threshold: churned = no order for more than this many days. The user's
   * setting, else the one derived from the data (see `churnDaysSql`), else FALLBACK_CHURN_DAYS.
   */
  get churnDays(): number {
    return this.notebook.notebook.churnDays ?? this.derivedChurn?.days ?? FALLBACK_CHURN_DAYS;
  }

  /** Sets the churn threshold; undefined goes back to the one derived from the data. */
  setChurnDays(days: number | undefined): void {
    if (days === undefined) delete this.notebook.notebook.churnDays;
    else this.notebook.notebook.churnDays = days;
    this.notebook.save();
  }

  setAsOf(day: string): void {
    this.notebook.notebook.asOf = day;
    this.notebook.save();
  }

  /** Refuses, with a message naming table and column, a mapping whose column types cannot work. */
  private async checkTypes(engine: Engine): Promise<void> {
    const mappings = $state.snapshot(this.mappings) as TableMapping[];
    const key = JSON.stringify(mappings);
    if (key === this.#checkedMappings) return;
    const all: Record<string, Record<string, string>> = {};
    for (const mapping of mappings) {
      const { rows } = await engine.query(describeTableSql(mapping.table));
      const types = Object.fromEntries(
        rows.map((r) => [String(r.column_name), String(r.data_type)]),
      );
      const problem = mappingTypeProblem(mapping, types);
      if (problem) throw new LocalizedError(problem);
      all[mapping.table] = types;
    }
    this.#types = all;
    this.#checkedMappings = key;
  }
  /** Column types of the mapped tables, as checked last. */
  #types: Record<string, Record<string, string>> = {};
  #checkedMappings = '';

  ordersMapping(): TableMapping | undefined {
    return this.input('orders');
  }

  /** Joins this predictions table into the features from now on. */
  setPredictions(table: string | null): void {
    this.predictions = table;
    this.#builtSql = '';
  }

  /** The input table of `kind`; throws, asking the user to choose, when several are mapped. */
  input(kind: TableKind): TableMapping | undefined {
    const { chosen, ambiguous } = this.resolved();
    if (ambiguous.includes(kind)) {
      const { en, zh } = TABLE_KIND_LABELS[kind];
      throw new LocalizedError({
        en: `Several tables are ${en.toLowerCase()} tables: choose the one this analysis uses.`,
        zh: `有多个${zh}表：请选择本分析使用的那一个。`,
      });
    }
    return chosen[kind];
  }

  /**
   * Whether the features come from a customer summary: no orders table is used, and a summary
   * is. Analyses that need dated orders then say so (`requireOrders`).
   */
  get fromSummary(): boolean {
    const { chosen } = this.resolved();
    return !chosen.orders && Boolean(chosen.summary);
  }

  /** Throws the needs-orders message of `use` when there are no dated orders to read. */
  requireOrders(use: OrderHistoryUse): void {
    if (this.fromSummary) throw needsOrdersError(use);
    const missing = this.missingOrders();
    if (missing) throw new LocalizedError(needsOrdersFile(use, missing.fileName, missing.table));
  }

  /**
   * The DuckDB SQL making a customer summary from the orders table `table` as mapped (and
   * cleaned, with `cleaning`), up to the notebook's analysis date when one is set; null when the
   * table is not a usable orders table.
   */
  summaryQuery(table: string, cleaning?: CustomerSummaryInput['cleaning']): string | null {
    const orders = $state.snapshot(this.mappingOf(table)) as TableMapping | undefined;
    if (orders?.kind !== 'orders') return null;
    const asOf = this.notebook.notebook.asOf;
    try {
      return customerSummarySql({
        orders,
        ...(asOf ? { asOf } : {}),
        ...(cleaning ? { cleaning } : {}),
      });
    } catch {
      return null;
    }
  }

  /** Throws when a preset's SQL reads a features column a customer summary cannot give. */
  checkPresetSql(sql: string): void {
    const summary = this.fromSummary ? this.resolved().chosen.summary : undefined;
    const gap = summary && summaryGap(sql, summary);
    if (gap) throw new LocalizedError(gap);
  }

  /**
   * The analysis date of a summary: the notebook's, else the day after its latest last
   * purchase. Recency days alone carry no date, so they are counted back from today's, which
   * is then kept as the notebook's analysis date: a reopened notebook reads them the same way.
   */
  private async summaryAsOf(engine: Engine, summary: TableMapping): Promise<string> {
    const set = this.notebook.notebook.asOf;
    if (set) return set;
    const sql = summaryAsOfSql(summary);
    if (!sql) {
      const today = new Date().toISOString().slice(0, 10);
      this.setAsOf(today);
      return today;
    }
    if (this.#defaultAsOf?.sql !== sql) {
      const { rows } = await engine.query(sql);
      this.#defaultAsOf = { sql, day: String(rows[0]?.as_of ?? '') };
    }
    if (!this.#defaultAsOf.day)
      throw new LocalizedError({
        en: 'The customer summary has no valid last purchase dates.',
        zh: '客户汇总中没有有效的最近购买日期。',
      });
    return this.#defaultAsOf.day;
  }

  private async ensureFromSummary(engine: Engine, summary: TableMapping): Promise<string> {
    await this.checkTypes(engine);
    const asOf = await this.summaryAsOf(engine, summary);
    const sql = summaryFeaturesSql({
      name: FEATURES_TABLE,
      asOf,
      summary,
      customers: this.input('customers'),
      interactions: this.input('interactions'),
      types: this.#types,
    });
    const key = `${sql}\n-- predictions: ${this.predictions ?? ''}`;
    if (key !== this.#builtSql) {
      await engine.exec(sql);
      if (this.predictions) await engine.exec(joinPredictionsSql(FEATURES_TABLE, this.predictions));
      this.#builtSql = key;
      this.builds++;
    }
    // No gaps between orders to derive a churn threshold from: the notebook's, else the fallback.
    if (this.derivedChurn !== null) this.derivedChurn = null;
    this.#churnSql = '';
    this.asOfUsed = asOf;
    return asOf;
  }

  /** Builds (or reuses) the features table; returns the analysis date it is built for. */
  async ensure(engine: Engine): Promise<string> {
    if (this.provided) {
      if (this.missingOrders()) {
        this.asOfUsed = this.provided.asOf;
        return this.provided.asOf;
      }
      // The orders are loaded: from now on the features are theirs.
      this.provide(null);
    }
    const orders = this.input('orders');
    if (!orders) {
      const summary = this.input('summary');
      if (summary) return this.ensureFromSummary(engine, summary);
      throw new LocalizedError({
        en: 'Map an orders table first: choose "Orders" (or "Customer summary") for a table in the Tables panel.',
        zh: '请先指定订单表：在“数据表”面板中将某个表设为“订单”（或“客户汇总”）。',
      });
    }
    await this.checkTypes(engine);
    let asOf = this.notebook.notebook.asOf;
    if (!asOf) {
      // The day after the last order: read once per orders table, not on every re-run.
      const sql = defaultAsOfSql(orders);
      if (this.#defaultAsOf?.sql !== sql) {
        const { rows } = await engine.query(sql);
        this.#defaultAsOf = { sql, day: String(rows[0]?.as_of ?? '') };
      }
      asOf = this.#defaultAsOf.day;
      if (!asOf)
        throw new LocalizedError({
          en: 'The orders table has no valid order dates.',
          zh: '订单表中没有有效的订单日期。',
        });
    }
    const sql = featuresSql({
      name: FEATURES_TABLE,
      asOf,
      orders,
      customers: this.input('customers'),
      interactions: this.input('interactions'),
      types: this.#types,
    });
    const key = `${sql}\n-- predictions: ${this.predictions ?? ''}`;
    if (key !== this.#builtSql) {
      await engine.exec(sql);
      if (this.predictions) await engine.exec(joinPredictionsSql(FEATURES_TABLE, this.predictions));
      this.#builtSql = key;
      this.builds++;
    }
    const churnSql = churnDaysSql(ordersRelation(orders), asOf);
    if (churnSql !== this.#churnSql) {
      const row = (await engine.query(churnSql)).rows[0] ?? {};
      const days =
        row.churn_days === null || row.churn_days === undefined ? null : Number(row.churn_days);
      const share = row.shorter_share;
      this.derivedChurn = {
        days,
        gaps: Number(row.gaps ?? 0),
        shorterShare: share === null || share === undefined ? null : Number(share),
      };
      this.#churnSql = churnSql;
    }
    this.asOfUsed = asOf;
    return asOf;
  }

  /**
   * Builds the features table in the background, ahead of the data-quality checks, e.g. once
   * dropped files are loaded: the analyst choosing a segmentation takes longer than the build
   * (about 1 s at 1M orders), and user work still goes first, cancelling it. Nothing happens
   * without an orders table; a failure is left for the preset that needs the table to report.
   */
  prebuild(): void {
    const { chosen } = this.resolved();
    if (!this.background || !(chosen.orders ?? chosen.summary)) return;
    const job = this.background(
      (engine) => {
        const build = this.ensure(engine);
        // Background work on one thread (DuckDB-WASM with threads): a preset then cancels this
        // build and makes the table with all of them rather than wait for it.
        if (engine.cancellableOnOneThread) return build;
        const settled = build.then(
          () => undefined,
          () => undefined,
        );
        this.#building = settled;
        void settled.then(() => {
          if (this.#building === settled) this.#building = null;
        });
        return build;
      },
      { first: true },
    );
    job.catch(() => undefined);
  }

  /**
   * Waits for a background build that is running now (not one still queued, nor one on one of
   * DuckDB's threads), so a preset joins it instead of cancelling it and building the same table
   * again.
   */
  async prebuilt(): Promise<void> {
    await this.#building;
  }

  /** Forgets the built tables, e.g. after the tables they read were reloaded. */
  invalidate(): void {
    this.#builtSql = '';
    this.#churnSql = '';
    this.#defaultAsOf = null;
    this.#checkedMappings = '';
    this.#builtAsOf.clear();
  }

  /**
   * Features as of another date (for backtests and migration), in their own table, recomputed
   * from the raw orders before that date. Returns the table's name.
   */
  async ensureAsOf(engine: Engine, asOf: string): Promise<string> {
    const name = `__seglab_features_${asOf.replaceAll('-', '')}`;
    const orders = this.input('orders');
    if (!orders && this.fromSummary) throw needsOrdersError('migration');
    if (!orders)
      throw new LocalizedError({ en: 'Map an orders table first.', zh: '请先指定订单表。' });
    await this.checkTypes(engine);
    const sql = featuresSql({
      name,
      asOf,
      orders,
      customers: this.input('customers'),
      interactions: this.input('interactions'),
      types: this.#types,
    });
    if (this.#builtAsOf.get(name) !== sql) {
      await engine.exec(sql);
      this.#builtAsOf.set(name, sql);
    }
    return name;
  }
  #builtAsOf = new Map<string, string>();
}
