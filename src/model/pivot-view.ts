import type { ColumnKind } from '../domain/result';
import { PIVOT_AGGREGATES, type PivotAggregate, type PivotSpec } from '../sql/pivot';
import { isIdLikeName } from './id-like-column';

/** Row columns a pivot may group by: more would make a table nobody reads. */
export const MAX_PIVOT_ROW_COLUMNS = 3;

/** The author's pivot choices, saved with the cell; what is missing or stale is suggested. */
export interface PivotChoice {
  rows?: string[];
  /** The column whose values become columns; null: none chosen (one value column). */
  column?: string | null;
  value?: string;
  aggregate?: PivotAggregate;
}

interface Column {
  name: string;
  kind: ColumnKind;
}

const NAME_CHARS = 1_000;
const isName = (v: unknown): v is string =>
  typeof v === 'string' && v !== '' && v.length <= NAME_CHARS;
const needsNumber = (a: PivotAggregate) => a === 'sum' || a === 'avg';

/**
 * The pivot to run: the author's choices where they still name a column of the result (sum and
 * average need a number), suggestions for the rest: rows by the first text column, values the
 * first measure summed (counted when there is none). Null when the result has no columns.
 */
export function resolvePivot(
  columns: readonly Column[],
  chosen: PivotChoice = {},
): PivotSpec | null {
  const names = new Set(columns.map((c) => c.name));
  const measures = columns.filter((c) => c.kind === 'number' && !isIdLikeName(c.name));
  const numbers = columns.filter((c) => c.kind === 'number');
  const rows = (chosen.rows ?? suggestedRows(columns))
    .filter((r) => names.has(r))
    .filter((r, i, all) => all.indexOf(r) === i)
    .slice(0, MAX_PIVOT_ROW_COLUMNS);
  const column =
    chosen.column && names.has(chosen.column) && !rows.includes(chosen.column)
      ? chosen.column
      : undefined;
  let aggregate = chosen.aggregate ?? (measures.length > 0 ? 'sum' : 'count');
  const fit = (name: string | undefined) =>
    name !== undefined &&
    names.has(name) &&
    (!needsNumber(aggregate) || numbers.some((c) => c.name === name));
  let value = fit(chosen.value) ? chosen.value : (measures[0] ?? numbers[0])?.name;
  if (value === undefined || !fit(value)) {
    aggregate = 'count';
    value = fit(chosen.value) ? chosen.value : columns[0]?.name;
  }
  if (value === undefined) return null;
  return { rows, ...(column ? { column } : {}), value, aggregate };
}

function suggestedRows(columns: readonly Column[]): string[] {
  const text = columns.find(
    (c) => (c.kind === 'string' || c.kind === 'date') && !isIdLikeName(c.name),
  );
  return text ? [text.name] : [];
}

/** A saved pivot choice; anything malformed is dropped, not fatal. */
export function parsePivotChoice(v: unknown): PivotChoice | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const c = v as Record<string, unknown>;
  const out: PivotChoice = {
    ...(Array.isArray(c.rows)
      ? { rows: c.rows.filter(isName).slice(0, MAX_PIVOT_ROW_COLUMNS) }
      : {}),
    ...(isName(c.column) ? { column: c.column } : c.column === null ? { column: null } : {}),
    ...(isName(c.value) ? { value: c.value } : {}),
    ...(PIVOT_AGGREGATES.includes(c.aggregate as PivotAggregate)
      ? { aggregate: c.aggregate as PivotAggregate }
      : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}
