import type { ColumnKind } from '../domain/result';
import { isIdLikeName } from './id-like-column';
import { parsePivotChoice, type PivotChoice } from './pivot-view';

export type SqlChartKind = 'line' | 'bar' | 'scatter';
export const SQL_CHART_KINDS: readonly SqlChartKind[] = ['line', 'bar', 'scatter'];

/** A chart of a SQL cell's result: one column across, one measured up. */
export interface SqlChart {
  kind: SqlChartKind;
  x: string;
  y: string;
}

/**
 * How a SQL cell shows its result, saved with the cell: as a table, as its chart, or (a one-row
 * result) as a row of headline figures.
 */
export interface SqlView {
  show: 'table' | 'chart' | 'kpi' | 'pivot';
  /** The query folded away, so the reader sees the result first. */
  hideCode?: boolean;
  /** The author's choices; what is missing (or names a column no longer there) is suggested. */
  chart?: Partial<SqlChart>;
  pivot?: PivotChoice;
}

interface Column {
  name: string;
  kind: ColumnKind;
}

const isTime = (c: Column) => c.kind === 'date' || c.kind === 'timestamp';
/** Numbers worth measuring: not identifiers (customer_id, 发票号). */
const isMeasure = (c: Column) => c.kind === 'number' && !isIdLikeName(c.name);

/**
 * The chart a result's column kinds suggest: a line over time for a date and a number, bars for
 * text and a number, a scatter for two numbers; null when nothing can be charted.
 */
export function suggestChart(columns: readonly Column[]): SqlChart | null {
  const measures = columns.filter(isMeasure);
  const time = columns.find(isTime);
  if (time && measures[0]) return { kind: 'line', x: time.name, y: measures[0].name };
  const text = columns.find((c) => c.kind === 'string');
  if (text && measures[0]) return { kind: 'bar', x: text.name, y: measures[0].name };
  if (measures.length >= 2) return { kind: 'scatter', x: measures[0].name, y: measures[1].name };
  return null;
}

/**
 * The chart to draw: the author's choices where they still name a column of the result (y must
 * be a number), the suggestion for the rest; null when the result has no number to draw.
 */
export function resolveChart(
  columns: readonly Column[],
  chosen: Partial<SqlChart> = {},
): SqlChart | null {
  const suggested = suggestChart(columns);
  const numbers = columns.filter((c) => c.kind === 'number');
  const has = (name: string | undefined, among: readonly Column[]) =>
    name !== undefined && among.some((c) => c.name === name);
  const y = has(chosen.y, numbers) ? chosen.y! : (suggested?.y ?? numbers[0]?.name);
  if (y === undefined) return null;
  const x = has(chosen.x, columns)
    ? chosen.x!
    : (suggested?.x ?? columns.find((c) => c.name !== y)?.name);
  if (x === undefined) return null;
  const kind = chosen.kind && SQL_CHART_KINDS.includes(chosen.kind) ? chosen.kind : suggested?.kind;
  return { kind: kind ?? 'bar', x, y };
}

/** The view saved in a notebook file; anything malformed is dropped, not fatal. */
export function parseSqlView(v: unknown): SqlView | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { show, chart } = v as Record<string, unknown>;
  if (show !== 'table' && show !== 'chart' && show !== 'kpi' && show !== 'pivot') return undefined;
  const out: SqlView = {
    show,
    ...((v as Record<string, unknown>).hideCode === true ? { hideCode: true } : {}),
  };
  if (typeof chart === 'object' && chart !== null) {
    const c = chart as Record<string, unknown>;
    const choice: Partial<SqlChart> = {
      ...(SQL_CHART_KINDS.includes(c.kind as SqlChartKind) ? { kind: c.kind as SqlChartKind } : {}),
      ...(typeof c.x === 'string' ? { x: c.x } : {}),
      ...(typeof c.y === 'string' ? { y: c.y } : {}),
    };
    if (Object.keys(choice).length > 0) out.chart = choice;
  }
  const pivot = parsePivotChoice((v as Record<string, unknown>).pivot);
  if (pivot) out.pivot = pivot;
  return out;
}
