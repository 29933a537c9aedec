import type { ScaleChoice } from '../charts/axis-scale';
import type { Cell } from '../model/notebook';
import type { Quadrant } from './evaluate';
import type { PresetResult } from './run-preset-cell';
import { PAGE_SIZE, type CellResult } from './run-sql-cell';

/** A SQL result's first page is kept up to this many columns. */
export const SNAPSHOT_COLUMNS = 50;
/** A cell's snapshot, as JSON, is at most this large; past it the largest parts are left out. */
export const SNAPSHOT_BYTES = 256 * 1024;

/** The quadrant as it was drawn, with the axis scale chosen for it. */
export interface QuadrantSnapshot {
  scale: ScaleChoice;
  data: Quadrant;
}

/**
 * What a cell showed after its last successful run, small and aggregated: a SQL result's first
 * page (at most PAGE_SIZE rows × SNAPSHOT_COLUMNS columns), a segmentation's summary (never its
 * customers) and, for value × loyalty, the quadrant as drawn.
 */
export interface CellSnapshot {
  result: CellResult | PresetResult;
  quadrant?: QuadrantSnapshot;
}

const isPreset = (r: CellResult | PresetResult): r is PresetResult => 'summary' in r;

function trimmed(result: CellResult | PresetResult): CellResult | PresetResult {
  if (isPreset(result)) {
    // A segmentation's rows are its customers: only the summary is kept.
    const { allRows: _, ...rest } = result;
    return { ...rest, page: [], offset: 0 };
  }
  const columns = result.columns.slice(0, SNAPSHOT_COLUMNS);
  const names = columns.map((c) => c.name);
  const rows = (result.allRows ?? result.page).slice(0, PAGE_SIZE);
  const page = rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null])));
  const { allRows: _, ...rest } = result;
  return { ...rest, columns, page, offset: 0 };
}

/** A snapshot with its JSON value (`encodeSnapshot`) and that value's size, encoded once. */
export interface EncodedSnapshot {
  snapshot: CellSnapshot;
  value: unknown;
  size: number;
}

/**
 * The snapshot of a cell's successful run, or null when there is none to keep (not a SQL or
 * segmentation cell, no result, or too large even without its rows). The quadrant and then the
 * SQL page are left out, in that order, to fit SNAPSHOT_BYTES. `run` and `quadrant` may be
 * reactive: only what is kept is read, so a segmentation's customers are never copied.
 */
export function encodedSnapshotOf(
  cell: Cell,
  run: { status: string; result?: CellResult | PresetResult } | undefined,
  quadrant?: QuadrantSnapshot,
): EncodedSnapshot | null {
  if ((cell.kind !== 'sql' && cell.kind !== 'preset') || run?.status !== 'done' || !run.result) {
    return null;
  }
  const result = trimmed(run.result);
  const q = quadrant && { ...quadrant, data: { ...quadrant.data, cells: [] } };
  const tries: (() => CellSnapshot)[] = [
    ...(q ? [() => ({ result, quadrant: q })] : []),
    () => ({ result }),
    () => ({ result: { ...result, page: [] } }),
  ];
  for (const make of tries) {
    const snapshot = make();
    const value = encodeSnapshot(snapshot);
    const size = JSON.stringify(value).length;
    if (size <= SNAPSHOT_BYTES) return { snapshot, value, size };
  }
  return null;
}

/** `encodedSnapshotOf`'s snapshot alone. */
export function snapshotOf(
  cell: Cell,
  run: { status: string; result?: CellResult | PresetResult } | undefined,
  quadrant?: QuadrantSnapshot,
): CellSnapshot | null {
  return encodedSnapshotOf(cell, run, quadrant)?.snapshot ?? null;
}

/** How many bytes (UTF-16 units) the snapshot takes as JSON. */
export function snapshotBytes(snapshot: CellSnapshot): number {
  return JSON.stringify(encodeSnapshot(snapshot)).length;
}

/** A JSON value standing for the snapshot: dates and non-finite numbers tagged. */
export function encodeSnapshot(snapshot: CellSnapshot): unknown {
  return encode(snapshot);
}

/** The snapshot `encodeSnapshot` stood for. */
export function decodeSnapshot(value: unknown): CellSnapshot {
  return decode(value) as CellSnapshot;
}

/** Arrays of at least this many rows with the same fields are kept by column. */
const TABLE_ROWS = 20;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** The fields of rows that all have the same ones, in order; null otherwise. */
function sameFields(rows: readonly unknown[]): string[] | null {
  if (rows.length < TABLE_ROWS || !rows.every(isObj)) return null;
  const keys = Object.keys(rows[0] as Obj);
  const joined = keys.join('\u0000');
  return rows.every((r) => Object.keys(r as Obj).join('\u0000') === joined) ? keys : null;
}

/** A column: one value when all are equal, a dictionary when few texts repeat, else as is. */
function encodeColumn(values: unknown[]): unknown {
  const head = values[0];
  const same =
    head !== null && typeof head === 'object'
      ? (() => {
          const first = JSON.stringify(head);
          return values.every((v) => JSON.stringify(v) === first);
        })()
      : values.every((v) => v === head);
  if (same) return { $all: head };
  if (values.every((v) => typeof v === 'string')) {
    const dict = [...new Set(values as string[])];
    if (dict.length * 4 <= values.length) {
      const at = new Map(dict.map((d, i) => [d, i]));
      return { $dict: dict, i: values.map((v) => at.get(v as string)) };
    }
  }
  return values;
}

function decodeColumn(column: unknown, n: number): unknown[] {
  if (Array.isArray(column)) return column;
  const c = column as Obj;
  if ('$all' in c) return Array.from({ length: n }, () => c.$all);
  const dict = c.$dict as string[];
  return (c.i as number[]).map((i) => dict[i]);
}

function encode(v: unknown): unknown {
  if (v instanceof Date) return { $date: v.toISOString() };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
  if (Array.isArray(v)) {
    const items = v.map(encode);
    const keys = sameFields(items);
    if (!keys) return items;
    const table = Object.fromEntries(
      keys.map((k) => [k, encodeColumn(items.map((r) => (r as Obj)[k]))]),
    );
    return { $n: items.length, $table: table };
  }
  if (isObj(v)) {
    return Object.fromEntries(
      Object.entries(v).flatMap(([k, x]) => (x === undefined ? [] : [[k, encode(x)]])),
    );
  }
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (isObj(v)) {
    if (typeof v.$date === 'string') return new Date(v.$date);
    if (typeof v.$num === 'string') return Number(v.$num);
    if (typeof v.$n === 'number' && isObj(v.$table)) {
      const n = v.$n;
      const columns = Object.entries(v.$table).map(([k, c]) => [k, decodeColumn(c, n)] as const);
      return Array.from({ length: n }, (_, i) =>
        Object.fromEntries(columns.map(([k, c]) => [k, decode(c[i])])),
      );
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}
