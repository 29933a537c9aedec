import { ident, num } from './quote';

export type PivotAggregate = 'sum' | 'count' | 'avg' | 'count_distinct';
export const PIVOT_AGGREGATES: readonly PivotAggregate[] = [
  'sum',
  'count',
  'avg',
  'count_distinct',
];

/** What to pivot: rows grouped by `rows`, one column per value of `column`, `value` aggregated. */
export interface PivotSpec {
  rows: readonly string[];
  column?: string;
  value: string;
  aggregate: PivotAggregate;
}

/**
 * The output's column names do not depend on the user's: `__r<i>` for the row keys, `__c<j>`
 * for the j-th value of the pivot column (in `pivotColumnValuesSql` order), `__total`, and
 * `__grand` (1 on the row of column totals). Values of the data never become identifiers, so a
 * value spelled like a row column, or holding quotes, cannot collide or break the statement.
 */
export const rowKey = (i: number) => `__r${i}`;
export const columnKey = (j: number) => `__c${j}`;

/** No rows, only the columns of a table or view: what a pivot of it can choose from. */
export function pivotSourceColumnsSql(relation: string): string {
  return `SELECT * FROM ${ident(relation)} LIMIT 0`;
}

/** The distinct values of the pivot column, nulls last, at most `limit` (ask one over the cap). */
export function pivotColumnValuesSql(relation: string, column: string, limit: number): string {
  return `SELECT DISTINCT ${ident(column)} AS v FROM ${ident(relation)} ORDER BY v NULLS LAST LIMIT ${num(limit)}`;
}

function aggregate(kind: PivotAggregate, filter = ''): string {
  const call = {
    sum: 'sum(__v)',
    count: 'count(__v)',
    avg: 'avg(__v)',
    count_distinct: 'count(DISTINCT __v)',
  }[kind];
  return filter ? `${call} FILTER (WHERE ${filter})` : call;
}

/**
 * A DuckDB PIVOT of `relation` with row and column totals, at most `maxRows` row groups (the
 * totals cover all of them; `__groups` says how many there are). `columnCount` is the number of
 * values `pivotColumnValuesSql` returned: the pivot lists them as ranks 1..n, in that order, so
 * nulls in the column are a column of their own. Nulls in the row keys are a group of their own.
 */
export function pivotSql(
  relation: string,
  spec: PivotSpec,
  columnCount: number,
  maxRows: number,
): string {
  const rows = spec.rows.map((_, i) => rowKey(i));
  const hasColumn = spec.column !== undefined;
  const cols = hasColumn ? Array.from({ length: columnCount }, (_, j) => columnKey(j)) : [];
  const source = [
    ...spec.rows.map((r, i) => `${ident(r)} AS ${rows[i]}`),
    `${ident(spec.value)} AS __v`,
    ...(hasColumn ? [`dense_rank() OVER (ORDER BY ${ident(spec.column!)} NULLS LAST) AS __k`] : []),
  ].join(', ');
  const on = hasColumn ? ` ON __k IN (${cols.map((_, j) => num(j + 1)).join(', ') || 'NULL'})` : '';
  const groupBy = rows.length > 0 ? ` GROUP BY ${rows.join(', ')}` : '';
  const pivotNames = [...rows, ...(hasColumn ? cols : ['__total'])];
  const pivot = `SELECT * FROM (PIVOT src${on} USING ${aggregate(spec.aggregate)}${groupBy}) AS p(${pivotNames.join(', ')})`;
  const matched = rows.map((r) => `p.${r} IS NOT DISTINCT FROM t.${r}`).join(' AND ') || 'TRUE';
  const body = hasColumn
    ? `SELECT p.*, t.__total FROM (${pivot}) p JOIN (SELECT ${[...rows, `${aggregate(spec.aggregate)} AS __total`].join(', ')} FROM src${groupBy}) t ON ${matched}`
    : pivot;
  const order = rows.map((r) => `${r} NULLS LAST`);
  const limited = `SELECT *, 0 AS __grand, count(*) OVER () AS __groups FROM (${body}) b ORDER BY ${['__grand', ...order].join(', ')} LIMIT ${num(maxRows)}`;
  const totals = `SELECT ${[
    ...cols.map((c, j) => `${aggregate(spec.aggregate, `__k = ${num(j + 1)}`)} AS ${c}`),
    `${aggregate(spec.aggregate)} AS __total`,
    '1 AS __grand',
  ].join(', ')} FROM src`;
  const all = rows.length > 0 ? `(${limited}) UNION ALL BY NAME (${totals})` : `(${limited})`;
  return `WITH src AS (SELECT ${source} FROM ${ident(relation)}) SELECT * FROM (${all}) a ORDER BY ${['__grand', ...order].join(', ')}`;
}
