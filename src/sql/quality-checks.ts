import type { CleaningStepInit, RowFilter } from '../domain/cleaning-step';
import type { Role, TableKind, TableMapping } from '../domain/roles';
import { amountFrom, amountIsDerived } from './amount';
import { cancellationFilter } from './cancellations';
import {
  dayOf,
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
  | 'nonpositive-quantity'
  | 'nonpositive-price'
  | 'possible-duplicates'
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
  /**
   * Fixes kept out of the way, for findings that may well be right (possible duplicates): shown
   * only on request, and always asked about before they apply.
   */
  explicit?: CleaningStepInit[];
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
  /**
   * Whether the table has several lines per order id (`orderLinesSql`): then repeated order ids
   * are expected, not a finding.
   */
  orderLines?: boolean;
  /** Whether order ids starting with C are cancellations (`cancelPrefixSql`); default yes. */
  cancelPrefix?: boolean;
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
  summary: 'lastOrderDate',
};

type Columns = TableMapping['columns'];
type TypeOf = (column: string) => ColumnType;

/**
 * The amount (sql/amount.ts) as the checks read it: each column through `numberOf`, so a text
 * column with a misfit gives NULL for that row rather than an error.
 */
export function checkedAmountSql(columns: Columns, typeOf: TypeOf): string | undefined {
  return amountFrom(columns, (c) => numberOf(c, typeOf(c)));
}

/**
 * The extreme-amount fence (`fence`, NULL when there are no positive amounts), over an amount
 * expression: a column read as a number, or quantity × unit price (`checkedAmountSql`).
 */
export function extremeFenceSql(table: string, amount: string): string {
  return `SELECT ${num(EXTREME_FACTOR)} * quantile_cont(${amount}, ${num(EXTREME_QUANTILE)}) AS fence FROM ${ident(table)} WHERE ${amount} > 0`;
}

function filterCheck(
  id: QualityCheckId,
  table: string,
  filter: RowFilter,
  typeOf: TypeOf,
  fixes: CleaningStepInit[] = [{ kind: 'exclude', filter }],
  params: Record<string, string | number> = {},
): QualityCheck {
  const where = `coalesce(${rowFilterSql(filter, typeOf(filter.column), typeOf)}, false)`;
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

/**
 * In a transaction log (no order id) two rows with the same customer, day and amount may be one
 * purchase recorded twice, or two real purchases: a customer can buy the same thing twice a day.
 * So they are reported, and removing them is never the default.
 */
function possibleDuplicates(
  table: string,
  columns: string[],
  day: string,
  typeOf: TypeOf,
): QualityCheck {
  const t = ident(table);
  const keys = [...columns.map((c) => textOf(c, typeOf(c))), dayOf(day, typeOf(day))];
  // Rows without a customer or a day are never compared; other blanks (no discount) match.
  const complete = `${keys[0]} IS NOT NULL AND ${keys.at(-1)} IS NOT NULL`;
  const over = `OVER (PARTITION BY ${keys.join(', ')})`;
  return {
    id: 'possible-duplicates',
    countSql: `SELECT count(*) AS n FROM (SELECT row_number() ${over} AS k FROM ${t} WHERE ${complete}) WHERE k > 1`,
    examplesSql: `SELECT *, count(*) ${over} AS __seglab_copies FROM ${t} WHERE ${complete} QUALIFY __seglab_copies > 1 ORDER BY ${keys.join(', ')} LIMIT ${EXAMPLES + 1}`,
    fixes: [],
    explicit: [{ kind: 'dedupe-columns', columns, day }],
    params: {},
  };
}

/** The columns an amount is made of, for the possible-duplicates key. */
function amountColumns(cols: Columns): string[] {
  if (cols.amount) return [cols.amount];
  return [cols.quantity, cols.unitPrice, cols.discount].filter((c): c is string => Boolean(c));
}

/**
 * The checks that apply to a table: duplicate rows always; the rest follow its role mapping
 * (customer ids, dates, amounts or quantity × unit price, order ids and cancellations, and
 * orders whose customer is not in the customers table). Each check's SQL runs on real data in
 * QualityState.
 */
export function qualityChecks(input: QualityInput): QualityCheck[] {
  const { table, mapping } = input;
  const typeOf: TypeOf = (c) => input.columns.find((x) => x.name === c)?.type;
  if (!mapping) return [duplicateRows(table)];
  const cols = mapping.columns;
  const orders = mapping.kind === 'orders';
  const check = (
    id: QualityCheckId,
    filter: RowFilter,
    fixes?: CleaningStepInit[],
    params?: Record<string, string | number>,
  ) => filterCheck(id, table, filter, typeOf, fixes, params);
  const day = cols[DATE_ROLE[mapping.kind]];
  const hasAmount = orders && Boolean(cols.amount || amountIsDerived(cols));
  // A transaction log (orders without an order id): identical rows may be real purchases.
  const log = orders && !cols.orderId && cols.customerId && day && hasAmount;
  const checks = log
    ? [possibleDuplicates(table, [cols.customerId!, ...amountColumns(cols)], day!, typeOf)]
    : [duplicateRows(table)];
  if (cols.customerId) {
    checks.push(check('missing-customer', { test: 'blank', column: cols.customerId }));
  }
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
  if (hasAmount) checks.push(...amountChecks(cols, check, typeOf, input.fence));
  const cancel = orders ? cancellationFilter(cols, input.cancelPrefix ?? true) : undefined;
  if (cancel) {
    // Net first: excluding a cancellation leaves the purchase it cancels counted in full.
    const value = cols.amount ?? (amountIsDerived(cols) ? cols.quantity : undefined);
    const net: CleaningStepInit[] =
      cols.customerId && value
        ? [
            {
              kind: 'net-cancellations',
              filter: cancel,
              customer: cols.customerId,
              column: value,
              ...(cols.product ? { product: cols.product } : {}),
              ...(!cols.amount && cols.unitPrice ? { price: cols.unitPrice } : {}),
            },
          ]
        : [];
    checks.push(check('cancelled', cancel, [...net, { kind: 'exclude', filter: cancel }]));
  }
  // On an order-line table every invoice repeats its number: expected, and "keep the first row
  // per order id" would delete most of the table.
  if (orders && cols.orderId && !input.orderLines) {
    checks.push(duplicateKey(table, cols.orderId, typeOf(cols.orderId)));
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
    // Still real orders, and often the customers table is another data set's (the sample's):
    // removing them is offered only on request, and asked about.
    const orphan = check('orphan', filter, [], { table: customers.table });
    checks.push({ ...orphan, explicit: [{ kind: 'exclude', filter }] });
  }
  return checks;
}

type Check = (
  id: QualityCheckId,
  filter: RowFilter,
  fixes?: CleaningStepInit[],
  params?: Record<string, string | number>,
) => QualityCheck;

/**
 * Amount checks. With an Amount column: not numbers, missing, negative (refunds), zero. With
 * quantity × unit price, each of the two separately (quantity <= 0: returns, cancellations or
 * empty lines; unit price <= 0: free items, adjustments). Extreme amounts on either.
 */
function amountChecks(
  cols: Columns,
  check: Check,
  typeOf: TypeOf,
  fence: number | null | undefined,
): QualityCheck[] {
  const checks: QualityCheck[] = [];
  const parts = cols.amount ? [cols.amount] : [cols.quantity!, cols.unitPrice!];
  for (const column of parts) {
    if (!isNumberType(typeOf(column))) {
      checks.push(check('unparsable-amount', { test: 'unparsable', column, as: 'number' }));
    }
    checks.push(check('missing-amount', { test: 'blank', column }));
  }
  if (cols.amount) {
    const amount = cols.amount;
    const negative: RowFilter = { test: 'negative', column: amount };
    const net: CleaningStepInit[] = cols.customerId
      ? [{ kind: 'net-refunds', customer: cols.customerId, amount }]
      : [];
    checks.push(
      check('negative-amount', negative, [...net, { kind: 'exclude', filter: negative }]),
    );
    checks.push(check('zero-amount', { test: 'zero', column: amount }));
  } else {
    checks.push(check('nonpositive-quantity', { test: 'not-positive', column: cols.quantity! }));
    checks.push(check('nonpositive-price', { test: 'not-positive', column: cols.unitPrice! }));
  }
  if (fence != null && fence > 0) {
    const value = Math.round(fence * 100) / 100;
    const extreme: RowFilter = cols.amount
      ? { test: 'above', column: cols.amount, value }
      : {
          test: 'above',
          column: cols.quantity!,
          price: cols.unitPrice!,
          ...(cols.discount ? { discount: cols.discount } : {}),
          value,
        };
    checks.push(check('extreme-amount', extreme, undefined, { fence: value }));
  }
  return checks;
}
