import type { CleaningStepInit, RowFilter } from '../model/cleaning-step';
import type { Role, TableKind, TableMapping } from '../model/roles';
import {
  isDayType,
  isNumberType,
  numberOf,
  rowFilterSql,
  textOf,
  type ColumnType,
} from './quality-filter';
import { ident, num } from './quote';

export type QualityCheckId =
  | 'duplicate-rows'
  | 'missing-customer'
  | 'unparsable-date'
  | 'missing-date'
  | 'future-date'
  | 'early-date'
  | 'unparsable-amount'
  | 'missing-amount'
  | 'negative-amount'
  | 'zero-amount'
  | 'extreme-amount'
  | 'cancelled'
  | 'duplicate-key'
  | 'orphan';

/** One check on one table: how to count the rows it finds, show a few, and fix them. */
export interface QualityCheck {
  id: QualityCheckId;
  column?: string;
  /** One row with `n`, the number of rows found. */
  countSql: string;
  /** A few of those rows (duplicates carry `__seglab_copies`). */
  examplesSql: string;
  /** Fixes to offer, the recommended one first. Each becomes a cleaning step. */
  fixes: CleaningStepInit[];
  /** Values for the message: the date compared with, the fence, the other table. */
  params: Record<string, string | number>;
}

export interface QualityInput {
  table: string;
  columns: readonly { name: string; type: string }[];
  mapping?: TableMapping;
  /** The customers table's mapping, for orders whose customer is not in it. */
  customers?: TableMapping;
  /** Dates after this day (YYYY-MM-DD) are in the future: the analysis date, else today. */
  reference: string;
  /** The amount above which an amount is extreme (from `extremeFenceSql`), if known. */
  fence?: number | null;
}

/** Dates before this are outside the expected range: placeholders like 1900-01-01 or 1970-01-01. */
export const EARLIEST_DATE = '1990-01-01';
/**
 * Amounts above 10 × the 99th percentile of positive amounts are extreme: where a typo lands (an
 * extra zero or two, cents keyed as yuan) while genuine big orders rarely do. A multiple of a
 * high percentile, not an IQR fence, because spending is skewed: IQR fences flag the ordinary
 * best customers.
 */
export const EXTREME_FACTOR = 10;
export const EXTREME_QUANTILE = 0.99;
const EXAMPLES = 5;

const DATE_ROLE: Record<TableKind, Role> = {
  orders: 'orderDate',
  customers: 'signupDate',
  interactions: 'interactionDate',
  campaigns: 'sentDate',
};

/** The extreme-amount fence (`fence`, NULL when there are no positive amounts). */
export function extremeFenceSql(table: string, column: string, type?: ColumnType): string {
  const a = numberOf(column, type);
  return `SELECT ${num(EXTREME_FACTOR)} * quantile_cont(${a}, ${num(EXTREME_QUANTILE)}) AS fence FROM ${ident(table)} WHERE ${a} > 0`;
}

function filterCheck(
  id: QualityCheckId,
  table: string,
  filter: RowFilter,
  type: ColumnType,
  fixes: CleaningStepInit[] = [{ kind: 'exclude', filter }],
  params: Record<string, string | number> = {},
): QualityCheck {
  const where = `coalesce(${rowFilterSql(filter, type)}, false)`;
  const t = ident(table);
  return {
    id,
    column: filter.column,
    countSql: `SELECT count(*) AS n FROM ${t} WHERE ${where}`,
    examplesSql: `SELECT * FROM ${t} WHERE ${where} LIMIT ${EXAMPLES}`,
    fixes,
    params,
  };
}

function duplicateRows(table: string): QualityCheck {
  const t = ident(table);
  return {
    id: 'duplicate-rows',
    countSql: `SELECT (SELECT count(*) FROM ${t}) - (SELECT count(*) FROM (SELECT DISTINCT * FROM ${t})) AS n`,
    examplesSql: `SELECT *, count(*) AS __seglab_copies FROM ${t} GROUP BY ALL HAVING count(*) > 1 LIMIT ${EXAMPLES}`,
    fixes: [{ kind: 'dedupe-rows' }],
    params: {},
  };
}

function duplicateKey(table: string, column: string, type: ColumnType): QualityCheck {
  const t = ident(table);
  const key = textOf(column, type);
  const repeated = `SELECT ${key} FROM ${t} WHERE ${key} IS NOT NULL GROUP BY 1 HAVING count(*) > 1 LIMIT 3`;
  return {
    id: 'duplicate-key',
    column,
    countSql: `SELECT count(*) - count(DISTINCT ${key}) AS n FROM ${t} WHERE ${key} IS NOT NULL`,
    examplesSql: `SELECT * FROM ${t} WHERE ${key} IN (${repeated}) ORDER BY ${key} LIMIT ${EXAMPLES + 1}`,
    fixes: [{ kind: 'dedupe-key', column }],
    params: {},
  };
}

/** Invoice numbers starting with C are cancellations, unless most ids start with C anyway. */
function cancelled(table: string, column: string, type: ColumnType): QualityCheck {
  const filter: RowFilter = { test: 'prefix', column, prefix: 'C' };
  const check = filterCheck('cancelled', table, filter, type);
  const hit = `count(*) FILTER (WHERE coalesce(${rowFilterSql(filter, type)}, false))`;
  const ids = `count(*) FILTER (WHERE ${textOf(column, type)} IS NOT NULL)`;
  check.countSql = `SELECT CASE WHEN ${hit} * 2 < ${ids} THEN ${hit} ELSE 0 END AS n FROM ${ident(table)}`;
  return check;
}

/**
 * The checks that apply to a table: duplicate rows always; the rest follow its role mapping
 * (customer ids, dates, amounts, order ids, and orders whose customer is not in the customers
 * table). Each check's SQL runs on real data in QualityState.
 */
export function qualityChecks(input: QualityInput): QualityCheck[] {
  const { table, mapping } = input;
  const checks = [duplicateRows(table)];
  if (!mapping) return checks;
  const cols = mapping.columns;
  const typeOf = (c: string) => input.columns.find((x) => x.name === c)?.type;
  const orders = mapping.kind === 'orders';
  const check = (
    id: QualityCheckId,
    filter: RowFilter,
    fixes?: CleaningStepInit[],
    params?: Record<string, string | number>,
  ) => filterCheck(id, table, filter, typeOf(filter.column), fixes, params);
  if (cols.customerId) {
    checks.push(check('missing-customer', { test: 'blank', column: cols.customerId }));
  }
  const day = cols[DATE_ROLE[mapping.kind]];
  if (day) {
    if (!isDayType(typeOf(day))) {
      const filter: RowFilter = { test: 'unparsable', column: day, as: 'date' };
      checks.push(check('unparsable-date', filter));
    }
    if (orders) checks.push(check('missing-date', { test: 'blank', column: day }));
    const future: RowFilter = { test: 'after', column: day, date: input.reference };
    const early: RowFilter = { test: 'before', column: day, date: EARLIEST_DATE };
    checks.push(check('future-date', future, undefined, { date: input.reference }));
    checks.push(check('early-date', early, undefined, { date: EARLIEST_DATE }));
  }
  const amount = orders ? cols.amount : undefined;
  if (amount) {
    if (!isNumberType(typeOf(amount))) {
      const filter: RowFilter = { test: 'unparsable', column: amount, as: 'number' };
      checks.push(check('unparsable-amount', filter));
    }
    checks.push(check('missing-amount', { test: 'blank', column: amount }));
    const negative: RowFilter = { test: 'negative', column: amount };
    const net: CleaningStepInit[] = cols.customerId
      ? [{ kind: 'net-refunds', customer: cols.customerId, amount }]
      : [];
    checks.push(
      check('negative-amount', negative, [...net, { kind: 'exclude', filter: negative }]),
    );
    checks.push(check('zero-amount', { test: 'zero', column: amount }));
    if (input.fence != null && input.fence > 0) {
      const value = Math.round(input.fence * 100) / 100;
      const extreme: RowFilter = { test: 'above', column: amount, value };
      checks.push(check('extreme-amount', extreme, undefined, { fence: value }));
    }
  }
  if (orders && cols.orderId) {
    const type = typeOf(cols.orderId);
    checks.push(duplicateKey(table, cols.orderId, type), cancelled(table, cols.orderId, type));
  }
  if (mapping.kind === 'customers' && cols.customerId) {
    checks.push(duplicateKey(table, cols.customerId, typeOf(cols.customerId)));
  }
  const customers = input.customers;
  if (orders && cols.customerId && customers?.columns.customerId && customers.table !== table) {
    const filter: RowFilter = {
      test: 'orphan',
      column: cols.customerId,
      table: customers.table,
      key: customers.columns.customerId,
    };
    checks.push(check('orphan', filter, undefined, { table: customers.table }));
  }
  return checks;
}
