import { LocalizedError } from '../domain/localized-error';
import type { CellValue, ColumnKind, Engine, Row } from '../engine/types';
import type { ColumnInfo } from '../domain/result';
import {
  columnKey,
  pivotColumnValuesSql,
  pivotSourceColumnsSql,
  pivotSql,
  rowKey,
  type PivotSpec,
} from '../sql/pivot';

/** At most this many pivot columns: a high-cardinality column would otherwise flood the page. */
export const MAX_PIVOT_COLUMNS = 50;
/** Row groups shown on screen; the export takes up to EXPORT_PIVOT_ROWS. */
export const MAX_PIVOT_ROWS = 500;
export const EXPORT_PIVOT_ROWS = 100_000;

/** A pivot read back: row keys and values by position, labelled by the data's own values. */
export interface PivotTable {
  spec: PivotSpec;
  /** The pivot column's values, in column order (null is a value of its own). */
  columnValues: CellValue[];
  /** One per row group: its keys (in `spec.rows` order), its cells, and its total. */
  rows: { keys: CellValue[]; cells: CellValue[]; total: CellValue }[];
  /** The column totals and the grand total; absent without row columns (the one row is it). */
  totals?: { cells: CellValue[]; total: CellValue };
  /** How many row groups there are; more than `rows.length` when cut at the cap. */
  groups: number;
}

export class PivotTooWideError extends LocalizedError {
  constructor(column: string) {
    super({
      en: `"${column}" has more than ${MAX_PIVOT_COLUMNS} distinct values: too many pivot columns to show. Choose a column with fewer values, or group it in SQL first.`,
      zh: `“${column}”的不同取值超过 ${MAX_PIVOT_COLUMNS} 个，透视列太多，无法显示。请选择取值更少的列，或先在 SQL 中分组。`,
    });
  }
}

/** The columns a pivot of `relation` (a table or view name) can choose from, with their kinds. */
export async function pivotColumns(engine: Engine, relation: string): Promise<ColumnInfo[]> {
  return (await engine.query(pivotSourceColumnsSql(relation))).columns;
}

/** Runs a pivot of `relation` (a table or view name) as DuckDB PIVOT, two queries. */
export async function runPivot(
  engine: Engine,
  relation: string,
  spec: PivotSpec,
  maxRows = MAX_PIVOT_ROWS,
): Promise<PivotTable> {
  let columnValues: CellValue[] = [];
  if (spec.column !== undefined) {
    const { rows } = await engine.query(
      pivotColumnValuesSql(relation, spec.column, MAX_PIVOT_COLUMNS + 1),
    );
    if (rows.length > MAX_PIVOT_COLUMNS) throw new PivotTooWideError(spec.column);
    columnValues = rows.map((r) => r.v ?? null);
    if (columnValues.length === 0) return { spec, columnValues, rows: [], groups: 0 };
  }
  const { rows } = await engine.query(pivotSql(relation, spec, columnValues.length, maxRows));
  const read = (r: Row) => ({
    keys: spec.rows.map((_, i) => r[rowKey(i)] ?? null),
    cells: columnValues.map((_, j) => r[columnKey(j)] ?? null),
    total: r.__total ?? null,
  });
  const body = rows.filter((r) => Number(r.__grand) === 0);
  const grand = rows.find((r) => Number(r.__grand) === 1);
  return {
    spec,
    columnValues,
    rows: body.map(read),
    ...(grand ? { totals: { cells: read(grand).cells, total: read(grand).total } } : {}),
    groups: Number(body[0]?.__groups ?? 0),
  };
}

/** Labels of a pivot's value columns as text, for headers and exports. */
export function columnLabel(value: CellValue, nullText: string): string {
  if (value === null) return nullText;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * A pivot as flat rows for the CSV/XLSX export helpers: the row columns, one column per pivot
 * value, and the total (named in the UI language); the totals row last.
 */
export function pivotExportRows(
  table: PivotTable,
  names: { total: string; nullText: string },
): { rows: Row[]; columns: { name: string; kind?: ColumnKind }[] } {
  const headers = [...table.spec.rows];
  const taken = new Set(headers);
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; taken.has(n); i++) n = `${name} (${i})`;
    taken.add(n);
    return n;
  };
  const valueNames = table.columnValues.map((v) => unique(columnLabel(v, names.nullText)));
  const totalName = unique(names.total);
  const out: Row[] = table.rows.map((r) => {
    const row: Row = {};
    headers.forEach((h, i) => (row[h] = r.keys[i] ?? null));
    valueNames.forEach((n, j) => (row[n] = r.cells[j] ?? null));
    row[totalName] = r.total;
    return row;
  });
  if (table.totals) {
    const row: Row = {};
    headers.forEach((h, i) => (row[h] = i === 0 ? names.total : null));
    valueNames.forEach((n, j) => (row[n] = table.totals!.cells[j] ?? null));
    row[totalName] = table.totals.total;
    out.push(row);
  }
  return {
    rows: out,
    columns: [
      ...headers.map((name) => ({ name })),
      ...[...valueNames, totalName].map((name) => ({ name, kind: 'number' as const })),
    ],
  };
}
