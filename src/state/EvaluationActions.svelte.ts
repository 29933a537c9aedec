import { missingFileError } from '../model/missing-file';
import { LocalizedError } from '../domain/localized-error';
import type { Engine, Row } from '../engine/types';

import type { PresetCell, TableSource } from '../model/notebook';
import { presetParams } from '../model/preset-params';
import { presetById } from '../model/presets';
import type { TableKind, TableMapping } from '../domain/roles';
import type { CohortPeriod } from '../sql/cohort-retention';
import type { Focus } from '../sql/focus-filter';
import type { GeoLevel } from '../sql/segment-geography';
import type { ProfileAttributeSource, SegmentProfileRow } from '../sql/segment-profile';
import * as evaluate from './evaluate';
import { loadRfmCutPoints, type DimensionCuts } from './cut-points';
import { FEATURES_TABLE } from '../model/features-table';
import type { RfmParams } from '../model/presets/rfm';
import type { ValueTiersParams } from '../model/presets/value-tiers';
import { loadValueTierCutPoints } from './value-tier-cut-points';
import type { PurchaseBehaviourParams } from '../model/presets/purchase-behaviour';
import { loadPurchaseBehaviourCutPoints } from './purchase-behaviour-cut-points';
import type { NeedsParams } from '../model/presets/needs';
import { cutEditor } from '../model/presets/cut-editors';
import { loadNeedsCutPoints } from './needs-cut-points';
import { quadrantAt } from './quadrant-at';
import { QuadrantPrefetch } from './quadrant-prefetch';
import { pick } from '../domain/labels';
import { QUADRANT_KEYS, type QuadrantKey } from '../transforms/quadrant-recount';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import type { LastRunOutputs } from './LastRunOutputs.svelte';
import type { NotebookState } from './NotebookState.svelte';
import type { SegmentActions } from './SegmentActions.svelte';

export interface EvaluationContext {
  notebook: NotebookState;
  features: FeaturesState;
  lang: LangState;
  segments: SegmentActions;
  /** Keeps the quadrant drawn with the cell's last outputs. */
  lastRun?: Pick<LastRunOutputs, 'quadrantDrawn'>;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  /** Runs work when the engine is idle, after any user work (EngineQueue `background`). */
  background?: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  /** The notebook's tables whose files are not loaded (DataActions.missingTables). */
  missingTables?: () => TableSource[];
}

/** The charts and evaluations of a segmentation cell, computed on demand. */
export class EvaluationActions {
  readonly #prefetch: QuadrantPrefetch<evaluate.Quadrant> | null;

  constructor(private readonly ctx: EvaluationContext) {
    const background = ctx.background;
    this.#prefetch = background
      ? new QuadrantPrefetch(background, (engine, id, scale) =>
          evaluate.quadrant(engine, this.preset(id).name, scale),
        )
      : null;
  }

  /** Work on the engine; a table whose file is not loaded is named with its file. */
  #exclusive<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    return this.ctx.exclusive(work).catch((e: unknown) => {
      throw missingFileError(e, this.ctx.missingTables?.() ?? []) ?? e;
    });
  }

  private preset(id: string): PresetCell {
    const cell = this.ctx.notebook.cell(id);
    if (cell?.kind !== 'preset') throw new Error(`not a segmentation cell: ${id}`);
    return $state.snapshot(cell) as PresetCell;
  }

  /** The cell's segment labels in its preset's rank order: every table follows it. */
  private order(cell: PresetCell): string[] {
    return this.ctx.segments.definedOrder(cell);
  }

  private mapping(kind: TableKind): TableMapping {
    const m = this.ctx.features.input(kind);
    if (!m) {
      const what = kind === 'campaigns' ? ['a campaigns', '营销活动'] : ['an orders', '订单'];
      throw new LocalizedError({
        en: `Map ${what[0]} table in the Tables panel first.`,
        zh: `请先在“数据表”面板中指定${what[1]}表。`,
      });
    }
    return $state.snapshot(m) as TableMapping;
  }

  /** The scorecard, its churn rate by the notebook's churn threshold. */
  scorecard(id: string, focus?: Focus): Promise<Row[]> {
    const cell = this.preset(id);
    return this.#exclusive(async (e) => {
      await this.ctx.features.ensure(e);
      const days = this.ctx.features.churnDays;
      const lang = this.ctx.lang.lang;
      return evaluate.scorecard(e, cell.name, days, lang, this.order(cell), focus);
    });
  }

  /** The segment table within a focus of the cell's linked charts. */
  focusedSummary(id: string, focus: Focus): Promise<Row[]> {
    const cell = this.preset(id);
    const order = this.order(cell);
    return this.#exclusive(async (e) => {
      await this.ctx.features.ensure(e);
      return evaluate.focusedSummary(e, cell.name, focus, this.ctx.lang.lang, order);
    });
  }

  /** The cut points an RFM or value tiers cell cuts by, as DuckDB computed them, and spreads. */
  cutPoints(id: string): Promise<DimensionCuts[]> {
    const cell = this.preset(id);
    const preset = presetById(cell.presetId);
    if (!preset || !cutEditor(preset.id)) {
      throw new Error(`no cut points for ${cell.presetId}`);
    }
    const params = presetParams(preset, cell);
    return this.#exclusive(async (e) => {
      await this.ctx.features.ensure(e);
      if (preset.id === 'rfm') {
        return loadRfmCutPoints(e, FEATURES_TABLE, params as unknown as RfmParams);
      }
      const ctx = {
        features: FEATURES_TABLE,
        asOf: this.ctx.features.asOfUsed,
        lang: this.ctx.lang.lang,
      };
      if (preset.id === 'needs') {
        return loadNeedsCutPoints(e, ctx, params as unknown as NeedsParams);
      }
      return preset.id === 'value-tiers'
        ? loadValueTierCutPoints(e, ctx, params as unknown as ValueTiersParams)
        : loadPurchaseBehaviourCutPoints(e, ctx, params as unknown as PurchaseBehaviourParams);
    });
  }

  /**
   * How each segment differs from the rest, feature by feature (sql/segment-profile.ts); with
   * `group`, how the customers within a focus differ from all the others.
   */
  profiles(id: string, group?: evaluate.FocusedGroup): Promise<SegmentProfileRow[]> {
    const cell = this.preset(id);
    const lang = this.ctx.lang.lang;
    return this.#exclusive(async (e) => {
      const asOf = await this.ctx.features.ensure(e);
      const attributes = this.profileAttributes(asOf);
      return evaluate.profiles(e, cell.name, lang, attributes, this.order(cell), group);
    });
  }

  /**
   * Attributes a profile reads beyond the features table: each customer's channel (from the
   * customers table, else the orders) and the category they buy most, from orders before the
   * analysis date `asOf` as the features' numbers are.
   */
  private profileAttributes(asOf: string): ProfileAttributeSource[] {
    const mappings = this.ctx.features.mappings;
    const from = (
      kind: TableKind,
      role: 'channel' | 'category',
    ): ProfileAttributeSource | undefined => {
      const m = mappings.find((x) => x.kind === kind && x.columns[role] && x.columns.customerId);
      return m
        ? {
            name: role,
            relation: m.table,
            customerId: m.columns.customerId!,
            column: m.columns[role]!,
            ...(kind === 'orders' && m.columns.orderDate
              ? { dated: { column: m.columns.orderDate, asOf } }
              : {}),
          }
        : undefined;
    };
    const found = [
      from('customers', 'channel') ?? from('orders', 'channel'),
      from('orders', 'category'),
    ];
    return found.filter((a): a is ProfileAttributeSource => a !== undefined);
  }

  concentration(): Promise<evaluate.Concentration> {
    return this.#exclusive((e) => evaluate.concentration(e));
  }

  geography(id: string, level: GeoLevel, focus?: Focus): Promise<Row[]> {
    const cell = this.preset(id);
    const order = this.order(cell);
    return this.#exclusive((e) =>
      evaluate.geography(e, cell.name, level, this.ctx.lang.lang, order, focus),
    );
  }

  async quadrant(id: string): Promise<evaluate.Quadrant> {
    const cell = this.preset(id);
    const scale = cell.view?.scale ?? 'auto';
    const made = this.ctx.notebook.runs[id]?.made;
    const ahead = await this.#prefetch?.take(id, { made, scale })?.catch(() => null);
    const q = ahead ?? (await this.#exclusive((e) => evaluate.quadrant(e, cell.name, scale)));
    this.ctx.lastRun?.quadrantDrawn(id, { scale, data: q });
    return q;
  }

  /**
   * Fetches a value × loyalty cell's quadrant for its current result while the engine is idle,
   * so that opening its Quadrant tab only draws.
   */
  prefetchQuadrant(id: string): void {
    const cell = this.preset(id);
    const made = this.ctx.notebook.runs[id]?.made;
    this.#prefetch?.ahead(id, { made, scale: cell.view?.scale ?? 'auto' });
  }

  /** The customers of the quadrant `q` of a cell's result, to recount it in JS (`quadrantAt`). */
  quadrantMembers(id: string, q: evaluate.Quadrant): Promise<evaluate.QuadrantMemberColumns> {
    const cell = this.preset(id);
    return this.#exclusive((e) => evaluate.quadrantMembers(e, cell.name, q));
  }

  /**
   * The quadrant `q` at new custom thresholds, counted in JS from its members at once, without
   * waiting for DuckDB (state/quadrant-at.ts): what `setQuadrantThresholds` will give.
   */
  quadrantAt(
    id: string,
    q: evaluate.Quadrant,
    members: evaluate.QuadrantMemberColumns,
    value: number,
    loyalty: number,
  ): evaluate.Quadrant {
    const cell = this.preset(id);
    const preset = presetById(cell.presetId);
    const lang = this.ctx.lang.lang;
    const defs = new Map(preset.segments(presetParams(preset, cell)).map((d) => [d.key, d]));
    const labels = Object.fromEntries(
      QUADRANT_KEYS.map((k) => [k, defs.has(k) ? pick(defs.get(k)!.label, lang) : k]),
    ) as Record<QuadrantKey, string>;
    return quadrantAt(q, members, { value, loyalty }, labels);
  }

  /** Moves the quadrant's split lines: the preset switches to custom thresholds and re-runs. */
  setQuadrantThresholds(id: string, value: number, loyalty: number): void {
    this.ctx.segments.setPresetParams(id, {
      split: 'custom',
      valueCut: value,
      loyaltyCut: loyalty,
    });
  }

  /**
   * The place levels some table maps a column to, finest useful first (province, region, city,
   * country): the geography tab offers these and opens on the first.
   */
  geoLevels(): GeoLevel[] {
    const order: GeoLevel[] = ['province', 'region', 'city', 'country'];
    return order.filter((level) => this.ctx.features.mappings.some((m) => m.columns[level]));
  }

  hasCampaigns(): boolean {
    return this.ctx.features.mappings.some((m) => m.kind === 'campaigns');
  }

  /** Whether dated orders are read (cohorts, backtests): several to choose from count. */
  hasOrders(): boolean {
    return (
      this.ctx.features.mappings.some((m) => m.kind === 'orders') && !this.ctx.features.fromSummary
    );
  }

  /** Campaign response by segment; with a focus, of the customers within it. */
  campaigns(id: string, byCampaign: boolean, focus?: Focus): Promise<Row[]> {
    const cell = this.preset(id);
    const mapping = this.mapping('campaigns');
    const lang = this.ctx.lang.lang;
    const order = this.order(cell);
    return this.#exclusive(async (e) => {
      if (focus) await this.ctx.features.ensure(e);
      return evaluate.campaigns(e, cell.name, mapping, byCampaign, lang, order, focus);
    });
  }

  /**
   * Cohort retention from the mapped orders: all customers, one segment of the cell's, or the
   * customers within a focus (`group`).
   */
  cohorts(
    id: string,
    period: CohortPeriod,
    segment: string | null,
    group?: evaluate.FocusedGroup,
  ): Promise<Row[]> {
    const cell = this.preset(id);
    const orders = this.mapping('orders');
    const lang = this.ctx.lang.lang;
    const of =
      segment === null && !group ? null : { result: cell.name, label: segment ?? group!.label };
    return this.#exclusive(async (e) => {
      if (group) await this.ctx.features.ensure(e);
      return evaluate.cohorts(e, orders, period, of, lang, group);
    });
  }

  /** The SQL of a preset cell as of another date, over features recomputed for that date. */
  private async segmentsAt(engine: Engine, cell: PresetCell, asOf: string): Promise<string> {
    const features = await this.ctx.features.ensureAsOf(engine, asOf);
    const preset = presetById(cell.presetId);
    const params = presetParams(preset, cell);
    // The notebook's churn threshold at every date: one definition, not one per snapshot.
    const churnDays = this.ctx.features.churnDays;
    return preset.toSql(params, { features, asOf, lang: this.ctx.lang.lang, churnDays });
  }

  /**
   * Segments as of `cutoff`, measured over the following days (by default the notebook's churn
   * threshold: a member with no order in the window churned by its definition); optionally
   * against another cell.
   */
  backtest(
    id: string,
    cutoff: string,
    horizon?: number,
    compareId?: string,
  ): Promise<evaluate.Backtest> {
    const cells = [this.preset(id), ...(compareId ? [this.preset(compareId)] : [])];
    this.ctx.features.requireOrders('backtest');
    const orders = this.mapping('orders');
    return this.#exclusive(async (e) => {
      await this.ctx.features.ensure(e);
      const horizonDays = horizon ?? this.ctx.features.churnDays;
      const segmentations = [];
      for (const cell of cells)
        segmentations.push({ name: cell.name, sql: await this.segmentsAt(e, cell, cutoff) });
      const lang = this.ctx.lang.lang;
      const order = this.order(cells[0]!);
      return evaluate.backtest(e, orders, cutoff, horizonDays, segmentations, lang, order);
    });
  }

  migration(id: string, dates: string[]): Promise<evaluate.Migration> {
    const cell = this.preset(id);
    this.ctx.features.requireOrders('migration');
    const orders = this.mapping('orders');
    return this.#exclusive(async (e) => {
      await this.ctx.features.ensure(e);
      const sqlByDate = new Map<string, string>();
      for (const d of dates) sqlByDate.set(d, await this.segmentsAt(e, cell, d));
      const at = (d: string) => sqlByDate.get(d)!;
      return evaluate.migration(e, orders, dates, at, this.ctx.lang.lang, this.order(cell));
    });
  }

  /** Quarter starts within the last year before the analysis date, and the date itself. */
  defaultMigrationDates(): string[] {
    const asOf = this.ctx.features.asOfUsed;
    if (!asOf) return [];
    const [y, m] = asOf.split('-').map(Number) as [number, number];
    const dates: string[] = [];
    let year = y;
    let month = Math.floor((m - 1) / 3) * 3 + 1;
    for (let i = 0; i < 4; i++) {
      const d = `${year}-${String(month).padStart(2, '0')}-01`;
      if (d < asOf) dates.unshift(d);
      month -= 3;
      if (month < 1) {
        month += 12;
        year -= 1;
      }
    }
    if (!dates.includes(asOf)) dates.push(asOf);
    return dates.slice(-4);
  }
}
