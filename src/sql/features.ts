import { LocalizedError } from '../domain/localized-error';
import { mappingProblem } from '../domain/mapping-problem';
import { TABLE_KIND_LABELS, type Role, type TableKind, type TableMapping } from '../domain/roles';
import { amountSql } from './amount';
import { isDayType, isNumberType } from './quality-filter';
import { date, ident, str } from './quote';

/** What the per-customer features table is built from. */
export interface FeaturesInput {
  /** The table to create (replaced if it exists). */
  name: string;
  /** Analysis date, YYYY-MM-DD: only orders and interactions before it count. */
  asOf: string;
  orders: TableMapping;
  customers?: TableMapping;
  interactions?: TableMapping;
  /**
   * Column types by table and column (DESCRIBE's names). With them, number and date keys are
   * grouped as they are instead of as trimmed text, which is most of the cost on a large table.
   */
  types?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const INTERACTION_KINDS: Record<string, string[]> = {
  complaint_count: ['complaint', 'complaints', '投诉'],
  referral_count: ['referral', 'referrals', '推荐'],
  feedback_count: ['feedback', '反馈'],
};

/** Descriptive attributes: from the customers table, else the customer's most frequent in orders. */
export const ATTRIBUTES: [Role, string][] = [
  ['customerName', 'customer_name'],
  ['customerType', 'customer_type'],
  ['province', 'province'],
  ['city', 'city'],
  ['region', 'region'],
  ['country', 'country'],
];

export function checkMapping(mapping: TableMapping | undefined, kind: TableKind): void {
  if (!mapping) return;
  if (mapping.kind !== kind) {
    const { en, zh } = TABLE_KIND_LABELS[kind];
    throw new LocalizedError({
      en: `Expected the ${en} table's column mapping.`,
      zh: `需要${zh}表的列映射。`,
    });
  }
  const problem = mappingProblem(mapping);
  if (problem) throw new LocalizedError(problem);
}

/** The analysis date, as a features table needs it: YYYY-MM-DD. */
export function checkAsOf(asOf: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
    throw new LocalizedError({
      en: `The analysis date must be a date like 2024-06-30, not "${asOf}".`,
      zh: `分析日期必须是 2024-06-30 这样的日期，而不是“${asOf}”。`,
    });
  }
}

function validate(input: FeaturesInput): void {
  if (!input.name.trim())
    throw new LocalizedError({ en: 'The features table needs a name.', zh: '特征表需要名称。' });
  checkAsOf(input.asOf);
  checkMapping(input.orders, 'orders');
  checkMapping(input.customers, 'customers');
  checkMapping(input.interactions, 'interactions');
}

export function cte(name: string, select: string[], clauses: string[]): string {
  return `${name} AS (\n  SELECT\n    ${select.join(',\n    ')}\n  ${clauses.join('\n  ')}\n)`;
}

/** A mapped column, cast to `type`; undefined when the role is not mapped. */
export function column(
  mapping: TableMapping | undefined,
  role: Role,
  type: string,
): string | undefined {
  const name = mapping?.columns[role];
  return name ? `CAST(${ident(name)} AS ${type})` : undefined;
}

/**
 * A key column (customer or order id) as the value rows are grouped by, NULL when blank. Text is
 * trimmed, but only where it has a space at either end: trimming every value costs a new string
 * per row. Numbers and dates are used as they are.
 */
export function keyOf(mapping: TableMapping, role: Role, types: FeaturesInput['types']): string {
  const name = mapping.columns[role]!;
  const type = types?.[mapping.table]?.[name];
  const c = ident(name);
  if (isNumberType(type) || isDayType(type)) return c;
  const text = type && /^VARCHAR$/i.test(type) ? c : `CAST(${c} AS VARCHAR)`;
  return `CASE WHEN starts_with(${text}, ' ') OR ends_with(${text}, ' ') THEN nullif(trim(${text}), '') ELSE nullif(${text}, '') END`;
}

/** FROM and WHERE for a mapped table: rows with a customer id, dated before asOf if dated. */
export function source(
  mapping: TableMapping,
  key: string,
  asOf: string,
  dateRole?: Role,
): string[] {
  const when = dateRole && column(mapping, dateRole, 'DATE');
  const where = [`${key} IS NOT NULL`];
  if (when) where.push(`${when} < ${date(asOf)}`);
  return [`FROM ${ident(mapping.table)}`, `WHERE ${where.join('\n    AND ')}`];
}

/** Grouped customer keys become text, so tables whose ids differ in type still join. */
export const CUSTOMER_ID = 'CAST(customer_key AS VARCHAR) AS customer_id';

function orderLinesCte(input: FeaturesInput): string {
  const { orders, asOf, types } = input;
  const quantity = column(orders, 'quantity', 'DOUBLE');
  const unitPrice = column(orders, 'unitPrice', 'DOUBLE');
  const amount = amountSql(orders.columns);
  const optional: [string | undefined, string][] = [
    [column(orders, 'discount', 'DOUBLE'), 'discount'],
    [quantity ? `${amount} / nullif(${quantity}, 0)` : unitPrice, 'unit_price'],
    [column(orders, 'brand', 'VARCHAR'), 'brand'],
    [column(orders, 'category', 'VARCHAR'), 'category'],
    ...ATTRIBUTES.map(([role, name]): [string | undefined, string] => [
      column(orders, role, 'VARCHAR'),
      name,
    ]),
  ];
  const key = keyOf(orders, 'customerId', types);
  const select = [
    `${key} AS customer_key`,
    ...(orders.columns.orderId ? [`${keyOf(orders, 'orderId', types)} AS order_key`] : []),
    `${column(orders, 'orderDate', 'DATE')} AS order_date`,
    `${amount} AS amount`,
    ...optional.filter(([expr]) => expr).map(([expr, name]) => `${expr} AS ${name}`),
  ];
  return cte('order_lines', select, source(orders, key, asOf, 'orderDate'));
}

/** Per-customer aggregates over order lines; empty when no role needs them. */
function lineStatsColumns(orders: TableMapping): string[] {
  const { columns } = orders;
  return [
    ...(columns.quantity || columns.unitPrice ? ['avg(unit_price) AS avg_unit_price'] : []),
    ...(columns.category ? ['count(DISTINCT category) AS category_count'] : []),
    ...ATTRIBUTES.filter(([role]) => columns[role]).map(([, name]) => `mode(${name}) AS ${name}`),
  ];
}

/**
 * One row per order: lines sharing an order id are summed; lines without one (or every line,
 * when no order id is mapped) are orders of their own.
 */
function ordersCte(orders: TableMapping): string {
  const discount = Boolean(orders.columns.discount);
  const own = [
    'customer_key',
    'order_date',
    'amount',
    ...(discount ? ['discount > 0 AS discounted'] : []),
  ];
  if (!orders.columns.orderId) return cte('orders', own, ['FROM order_lines']);
  const grouped = [
    'customer_key',
    'min(order_date) AS order_date',
    'sum(amount) AS amount',
    ...(discount ? ['bool_or(discount > 0) AS discounted'] : []),
  ];
  return `orders AS (
  SELECT
    ${grouped.join(',\n    ')}
  FROM order_lines
  WHERE order_key IS NOT NULL
  GROUP BY customer_key, order_key
  UNION ALL
  SELECT
    ${own.join(',\n    ')}
  FROM order_lines
  WHERE order_key IS NULL
)`;
}

function orderCtes(orders: TableMapping): string[] {
  const { columns } = orders;
  const discount = Boolean(columns.discount);
  const ctes = [
    ordersCte(orders),
    cte(
      'order_stats',
      [
        CUSTOMER_ID,
        'min(order_date) AS first_order_date',
        'max(order_date) AS last_order_date',
        'count(*) AS frequency',
        'count(DISTINCT order_date) AS purchase_days',
        'sum(amount) AS monetary',
        'avg(amount) AS avg_order_value',
        'max(amount) AS max_order_value',
        ...(discount ? ['count(*) FILTER (WHERE discounted) / count(*) AS discount_share'] : []),
      ],
      ['FROM orders', 'GROUP BY customer_key'],
    ),
  ];
  const lineStats = lineStatsColumns(orders);
  if (lineStats.length > 0) {
    ctes.push(
      cte('line_stats', [CUSTOMER_ID, ...lineStats], ['FROM order_lines', 'GROUP BY customer_key']),
    );
  }
  if (columns.brand) {
    // Orders with the brand: distinct order ids, and each line without one.
    const count = columns.orderId
      ? 'count(DISTINCT order_key) + count(*) FILTER (WHERE order_key IS NULL)'
      : 'count(*)';
    ctes.push(
      cte(
        'brand_orders',
        [CUSTOMER_ID, 'brand', `${count} AS orders`],
        ['FROM order_lines', 'WHERE brand IS NOT NULL', 'GROUP BY customer_key, brand'],
      ),
      cte(
        'top_brand',
        ['customer_id', 'max(orders) AS orders'],
        ['FROM brand_orders', 'GROUP BY customer_id'],
      ),
    );
  }
  return ctes;
}

export function interactionsCte(
  input: Pick<FeaturesInput, 'asOf' | 'types'>,
  interactions: TableMapping,
): string {
  const kind = column(interactions, 'interactionKind', 'VARCHAR');
  const satisfaction = column(interactions, 'satisfaction', 'VARCHAR');
  const counts = Object.entries(INTERACTION_KINDS).map(([name, words]) => {
    const match = `lower(trim(${kind})) IN (${words.map(str).join(', ')})`;
    return `${kind ? `count(*) FILTER (WHERE ${match})` : 'CAST(NULL AS BIGINT)'} AS ${name}`;
  });
  const avg = satisfaction ? `avg(TRY_CAST(${satisfaction} AS DOUBLE))` : 'CAST(NULL AS DOUBLE)';
  const key = keyOf(interactions, 'customerId', input.types);
  return cte(
    'interaction_stats',
    [`CAST(${key} AS VARCHAR) AS customer_id`, ...counts, `${avg} AS avg_satisfaction`],
    [...source(interactions, key, input.asOf, 'interactionDate'), 'GROUP BY 1'],
  );
}

export function customersCte(
  input: Pick<FeaturesInput, 'asOf' | 'types'>,
  customers: TableMapping,
): string {
  const attributes = ATTRIBUTES.filter(([role]) => customers.columns[role]).map(
    ([role, name]) => `any_value(${column(customers, role, 'VARCHAR')}) AS ${name}`,
  );
  const signup = column(customers, 'signupDate', 'DATE');
  if (signup) attributes.push(`any_value(${signup}) AS signup_date`);
  const key = keyOf(customers, 'customerId', input.types);
  return cte(
    'customer_attributes',
    [`CAST(${key} AS VARCHAR) AS customer_id`, ...attributes],
    [...source(customers, key, input.asOf), 'GROUP BY 1'],
  );
}

function outputColumns(input: FeaturesInput): string[] {
  const { orders, customers, interactions } = input;
  const asOf = date(input.asOf);
  const has = (mapping: TableMapping | undefined, role: Role) => Boolean(mapping?.columns[role]);
  const orNull = (ok: boolean, expr: string, type: string, name: string) =>
    `${ok ? expr : `CAST(NULL AS ${type})`} AS ${name}`;
  const attribute = ([role, name]: [Role, string]) => {
    const found = [has(customers, role) && `c.${name}`, has(orders, role) && `l.${name}`];
    const sources = found.filter((s): s is string => Boolean(s));
    const expr = sources.length > 1 ? `coalesce(${sources.join(', ')})` : sources[0];
    return orNull(Boolean(expr), expr ?? '', 'VARCHAR', name);
  };
  return [
    'e.customer_id',
    'o.customer_id IS NULL AS is_prospect',
    'o.first_order_date',
    'o.last_order_date',
    `CAST(date_diff('day', o.last_order_date, ${asOf}) AS INTEGER) AS recency_days`,
    'coalesce(o.frequency, 0) AS frequency',
    'coalesce(o.purchase_days, 0) AS purchase_days',
    'coalesce(o.monetary, 0) AS monetary',
    'o.avg_order_value',
    'o.max_order_value',
    `CAST(date_diff('day', o.first_order_date, ${asOf}) AS INTEGER) AS tenure_days`,
    `CASE WHEN o.purchase_days >= 2 THEN date_diff('day', o.first_order_date, o.last_order_date) / (o.purchase_days - 1) END AS avg_interpurchase_days`,
    orNull(has(orders, 'discount'), 'o.discount_share', 'DOUBLE', 'discount_share'),
    orNull(
      has(orders, 'quantity') || has(orders, 'unitPrice'),
      'l.avg_unit_price',
      'DOUBLE',
      'avg_unit_price',
    ),
    orNull(has(orders, 'brand'), 'b.orders / o.frequency', 'DOUBLE', 'top_brand_share'),
    orNull(has(orders, 'category'), 'coalesce(l.category_count, 0)', 'BIGINT', 'category_count'),
    ...Object.keys(INTERACTION_KINDS).map((name) =>
      orNull(Boolean(interactions), `coalesce(i.${name}, 0)`, 'BIGINT', name),
    ),
    orNull(Boolean(interactions), 'i.avg_satisfaction', 'DOUBLE', 'avg_satisfaction'),
    ...ATTRIBUTES.map(attribute),
    orNull(has(customers, 'signupDate'), 'c.signup_date', 'DATE', 'signup_date'),
  ];
}

/**
 * One `CREATE OR REPLACE TABLE` statement building per-customer features as of an analysis
 * date: the relation every preset reads. Customers in the customers table without orders
 * before that date are prospects; customers only in orders are included too.
 */
export function featuresSql(input: FeaturesInput): string {
  validate(input);
  const { orders, customers, interactions } = input;
  const ctes = [orderLinesCte(input), ...orderCtes(orders)];
  if (interactions) ctes.push(interactionsCte(input, interactions));
  if (customers) ctes.push(customersCte(input, customers));
  const everyone = ['SELECT customer_id FROM order_stats'];
  if (customers) everyone.push('UNION', 'SELECT customer_id FROM customer_attributes');
  ctes.push(`everyone AS (\n  ${everyone.join('\n  ')}\n)`);
  const joins: [string, string, boolean][] = [
    ['order_stats', 'o', true],
    ['line_stats', 'l', lineStatsColumns(orders).length > 0],
    ['top_brand', 'b', Boolean(orders.columns.brand)],
    ['interaction_stats', 'i', Boolean(interactions)],
    ['customer_attributes', 'c', Boolean(customers)],
  ];
  return featuresTableSql(input.name, ctes, outputColumns(input), joins);
}

/**
 * The features table: its CTEs, then every customer (`everyone AS e`) joined to the CTEs in use,
 * as [cte, alias, used], on customer_id. Shared by the features from orders and from a summary.
 */
export function featuresTableSql(
  name: string,
  ctes: string[],
  columns: string[],
  joins: [string, string, boolean][],
): string {
  return `CREATE OR REPLACE TABLE ${ident(name)} AS
WITH ${ctes.join(',\n')}
SELECT
  ${columns.join(',\n  ')}
FROM everyone AS e
${joins
  .filter(([, , used]) => used)
  .map(([table, alias]) => `LEFT JOIN ${table} AS ${alias} ON ${alias}.customer_id = e.customer_id`)
  .join('\n')}`;
}
