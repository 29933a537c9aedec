import { strategyText, type StrategyDef, type StrategyText } from '../model/strategy-text';
import { segmentColors, type SegmentColors } from '../charts/palette';
import type { Engine, Row } from '../engine/types';
import { errorText } from '../model/error-text';
import type { ExportColumn } from '../io/export-csv';
import { roundMoney } from '../io/export-money';
import { pick } from '../domain/labels';
import { newCellId, type PresetCell, type SqlCell } from '../model/notebook';
import { presetParams } from '../model/preset-params';
import { presetById } from '../model/presets';
import { orderSegments } from '../model/segment-order';
import { dropViewSql } from '../sql/catalog';
import { exportSegmentsSql } from '../sql/export-segments';
import type { CatalogState } from './CatalogState.svelte';
import type { FeaturesState } from './FeaturesState.svelte';
import type { LangState } from './LangState.svelte';
import type { NotebookState } from './NotebookState.svelte';
import { FEATURES_TABLE } from '../model/features-table';
import { presetCellSql, presetOrder } from './run-preset-cell';

export interface SegmentContext {
  notebook: NotebookState;
  features: FeaturesState;
  catalog: CatalogState;
  lang: LangState;
  runCell: (id: string) => Promise<void>;
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
}

/** How long after the last keystroke in a parameter field the cell re-runs. */
export const TYPING_DEBOUNCE_MS = 150;

/** What the user does with segmentation preset cells: add, tune, read as SQL, strategies, export. */
export class SegmentActions {
  #paramTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly ctx: SegmentContext) {}

  /** Adds a segmentation preset cell with default parameters and runs it. */
  async addPresetCell(presetId: string, index?: number): Promise<void> {
    const preset = presetById(presetId);
    const base = presetId.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
    const used = new Set([
      ...this.ctx.catalog.tables.map((t) => t.name.toLowerCase()),
      ...this.ctx.notebook.notebook.cells.flatMap((c) =>
        c.kind === 'markdown' || !c.name ? [] : [c.name.toLowerCase()],
      ),
    ]);
    let name = `${base}_segments`;
    for (let i = 2; used.has(name); i++) name = `${base}_segments_${i}`;
    const params = $state.snapshot(preset.defaults()) as Record<string, unknown>;
    // A preset that combines results starts from the latest segmentations above it.
    const cells = this.ctx.notebook.notebook.cells;
    const above = cells
      .slice(0, index ?? cells.length)
      .flatMap((c) => (c.kind === 'preset' ? [c.name] : []))
      .reverse();
    const inputs = preset.params.filter((p) => p.kind === 'result');
    inputs.forEach((spec, i) => {
      if (above[inputs.length - 1 - i]) params[spec.key] = above[inputs.length - 1 - i];
    });
    const cell = this.ctx.notebook.insertCell(
      {
        id: newCellId(),
        kind: 'preset',
        presetId,
        params,
        name,
        strategies: {},
      },
      index,
    );
    await this.ctx.runCell(cell.id);
  }

  /**
   * Changes one preset parameter and re-runs the cell: at once for a choice (a select, a
   * checkbox), shortly after the last keystroke while `typing`, so a number being typed is not
   * run digit by digit.
   */
  setPresetParam(id: string, key: string, value: unknown, typing = false): void {
    this.setPresetParams(id, { [key]: value }, typing);
  }

  /** Changes several parameters of a preset cell together: one re-run. */
  setPresetParams(id: string, values: Record<string, unknown>, typing = false): void {
    const cell = this.ctx.notebook.cell(id);
    if (cell?.kind !== 'preset') return;
    Object.assign(cell.params, values);
    this.ctx.notebook.save();
    clearTimeout(this.#paramTimers.get(id));
    if (!typing) return void this.ctx.runCell(id);
    this.#paramTimers.set(
      id,
      setTimeout(() => void this.ctx.runCell(id), TYPING_DEBOUNCE_MS),
    );
  }

  /** The SQL a preset cell runs, or the reason it cannot be built. */
  presetSql(cell: PresetCell): { sql: string } | { error: string } {
    try {
      const asOf = this.ctx.features.asOfUsed || this.ctx.notebook.notebook.asOf || '2000-01-01';
      const snapshot = $state.snapshot(cell) as PresetCell;
      const days = this.ctx.features.churnDays;
      return { sql: presetCellSql(snapshot, asOf, this.ctx.lang.lang, days) };
    } catch (e) {
      return { error: errorText(e, this.ctx.lang.lang) };
    }
  }

  /** Turns a preset cell into a SQL cell with the same SQL and result name. */
  async presetToSql(id: string): Promise<void> {
    const cell = this.ctx.notebook.cell(id);
    if (cell?.kind !== 'preset') return;
    const built = this.presetSql(cell);
    if ('error' in built) return;
    const next: SqlCell = { id: newCellId(), kind: 'sql', source: built.sql, name: cell.name };
    this.ctx.notebook.replaceCell(id, next);
    await this.ctx.runCell(next.id);
  }

  /** Renames a preset cell's result; the old name stops being queryable. */
  async renamePresetResult(id: string, name: string): Promise<void> {
    const cell = this.ctx.notebook.cell(id);
    const next = name.trim();
    if (cell?.kind !== 'preset' || next === '' || next === cell.name) return;
    const old = cell.name;
    cell.name = next;
    this.ctx.notebook.save();
    await this.ctx.exclusive((engine) => engine.exec(dropViewSql(old))).catch(() => {});
    await this.ctx.runCell(id);
  }

  /** The strategy for a segment of a preset cell: the user's text, else the preset's default. */
  strategyFor(cell: PresetCell, segment: string): string {
    return this.strategyState(cell, segment).text;
  }

  /**
   * The strategy and where it was edited: an edit made in the other language only is shown,
   * marked, rather than lost when the language switches (model/strategy-text.ts).
   */
  strategyState(cell: PresetCell, segment: string): StrategyText {
    let defs: StrategyDef[] = [];
    try {
      const preset = presetById(cell.presetId);
      defs = preset.segments(presetParams(preset, cell));
    } catch {
      // an unknown preset: only the user's own texts
    }
    return strategyText(cell.strategies, defs, segment, this.ctx.lang.lang);
  }

  /** A preset cell's segment labels in its preset's rank order, in the current language. */
  definedOrder(cell: PresetCell): string[] {
    try {
      return presetOrder(cell, this.ctx.lang.lang);
    } catch {
      return [];
    }
  }

  /** The segments a preset cell's result has, in its preset's order (model/segment-order.ts). */
  segmentOrder(cell: PresetCell, present: readonly string[]): string[] {
    const lang = this.ctx.lang.lang;
    try {
      const preset = presetById(cell.presetId);
      const defined = preset.segments(presetParams(preset, cell)).map((d) => pick(d.label, lang));
      return orderSegments(present, defined);
    } catch {
      return [...present];
    }
  }

  /**
   * Each segment's colour, by its key in the preset (charts/palette.ts), under its label in
   * both languages: the same whatever the result's order or size, in every tab and present mode.
   */
  segmentColors(cell: PresetCell): SegmentColors {
    try {
      const preset = presetById(cell.presetId);
      return segmentColors(preset.id, preset.segments(presetParams(preset, cell)));
    } catch {
      return {};
    }
  }

  setStrategy(id: string, segment: string, text: string): void {
    const cell = this.ctx.notebook.cell(id);
    if (cell?.kind !== 'preset') return;
    cell.strategies[segment] = text;
    this.ctx.notebook.save();
  }

  /** Segment members with features and strategy, as rows ready for a CSV/XLSX/Parquet writer. */
  async segmentExportRows(
    id: string,
    segment?: string,
  ): Promise<{ rows: Row[]; columns: ExportColumn[] }> {
    const cell = this.ctx.notebook.cell(id);
    if (cell?.kind !== 'preset') throw new Error('not a preset cell');
    const run = this.ctx.notebook.runs[id]?.result;
    const present = run && 'summary' in run ? run.summary.map((r) => String(r.segment)) : [];
    const segments = this.segmentOrder(cell, present);
    const strategies = segments.map((seg) => ({
      segment: seg,
      strategy: this.strategyFor(cell, seg),
    }));
    // The segmentation's own scores (RFM's recency/frequency/monetary/rfm_score) go with it.
    const scores = run ? run.columns.map((c) => c.name).filter((n) => /_score$/.test(n)) : [];
    const sql = exportSegmentsSql({
      segments: { table: cell.name },
      features: FEATURES_TABLE,
      strategies,
      resultColumns: scores,
      ...(segment ? { segment } : {}),
    });
    const { rows, columns } = await this.ctx.exclusive((engine) => engine.query(sql));
    return { rows: roundMoney(rows, columns), columns };
  }
}
