import type { TableMapping } from '../domain/roles';
import {
  ATTRIBUTES,
  CUSTOMER_ID,
  checkAsOf,
  INTERACTION_KINDS,
  checkMapping,
  column,
  customersCte,
  cte,
  featuresTableSql,
  interactionsCte,
  keyOf,
  type FeaturesInput,
} from './features';
import { date, ident } from './quote';

/** What the features table is built from when purchases come as one row per customer. */
export interface SummaryFeaturesInput {
  name: string;
  /**
   * Analysis date, YYYY-MM-DD. Recency days in the summary are read as days before it; dates
   * after it are not filtered out (a summary has no orders to drop).
   */
  asOf: string;
  summary: TableMapping;
  customers?: TableMapping;
  interactions?: TableMapping;
  types?: FeaturesInput['types'];
}

/**
 * Features columns a customer summary cannot give, with why: they are NULL in a features table
 * built from one. `first_order_date`, `tenure_days` and `avg_interpurchase_days` join them when
 * no first purchase date is mapped.
 */
export const SUMMARY_GAPS: Record<string, { en: string; zh: string }> = {
  max_order_value: { en: 'the largest single order', zh: '最大单笔订单' },
  discount_share: { en: 'which orders had a discount', zh: '哪些订单使用了折扣' },
  avg_unit_price: { en: 'unit prices of order lines', zh: '订单明细的单价' },
  top_brand_share: { en: 'the brand of each order', zh: '每笔订单的品牌' },
  category_count: { en: 'the category of each order line', zh: '每条订单明细的品类' },
};

export const FIRST_DATE_GAPS = ['first_order_date', 'tenure_days', 'avg_interpurchase_days'];

function validate(input: SummaryFeaturesInput): void {
  checkAsOf(input.asOf);
  checkMapping(input.summary, 'summary');
  checkMapping(input.customers, 'customers');
  checkMapping(input.interactions, 'interactions');
}

/** A whole number read from a numeric column (a count or days written as 3.0). */
function whole(mapping: TableMapping, role: 'orderCount' | 'recencyDays', type: string): string {
  return `CAST(round(${column(mapping, role, 'DOUBLE')!}) AS ${type})`;
}

function summaryRowsCte(input: SummaryFeaturesInput, key: string): string {
  const { summary } = input;
  const last = summary.columns.lastOrderDate
    ? column(summary, 'lastOrderDate', 'DATE')!
    : `${date(input.asOf)} - ${whole(summary, 'recencyDays', 'INTEGER')}`;
  const first = column(summary, 'firstOrderDate', 'DATE') ?? 'CAST(NULL AS DATE)';
  const attributes = ATTRIBUTES.filter(([role]) => summary.columns[role]).map(
    ([role, name]) => `${column(summary, role, 'VARCHAR')!} AS ${name}`,
  );
  const signup = column(summary, 'signupDate', 'DATE');
  return cte(
    'summary_rows',
    [
      `${key} AS customer_key`,
      `${whole(summary, 'orderCount', 'BIGINT')} AS frequency`,
      `${column(summary, 'totalSpend', 'DOUBLE')!} AS monetary`,
      `${first} AS first_order_date`,
      `${last} AS last_order_date`,
      ...attributes,
      ...(signup ? [`${signup} AS signup_date`] : []),
    ],
    [`FROM ${ident(summary.table)}`, `WHERE ${key} IS NOT NULL`],
  );
}

/**
 * Rows of one customer (a summary per channel or store) add up: orders and spend summed, the
 * earliest first and the latest last purchase. A customer whose orders add up to 0 is a prospect.
 */
function statsCtes(summary: TableMapping): string[] {
  const attributes = ATTRIBUTES.filter(([role]) => summary.columns[role]).map(
    ([, name]) => `mode(${name}) AS ${name}`,
  );
  if (summary.columns.signupDate) attributes.push('min(signup_date) AS signup_date');
  return [
    cte(
      'order_stats',
      [
        CUSTOMER_ID,
        'min(first_order_date) AS first_order_date',
        'max(last_order_date) AS last_order_date',
        'CAST(sum(frequency) AS BIGINT) AS frequency',
        'sum(monetary) AS monetary',
      ],
      ['FROM summary_rows', 'GROUP BY customer_key', 'HAVING sum(frequency) > 0'],
    ),
    cte(
      'summary_customers',
      [CUSTOMER_ID, ...attributes],
      ['FROM summary_rows', 'GROUP BY customer_key'],
    ),
  ];
}

function outputColumns(input: SummaryFeaturesInput): string[] {
  const { summary, customers, interactions } = input;
  const asOf = date(input.asOf);
  const nullAs = (type: string, name: string) => `CAST(NULL AS ${type}) AS ${name}`;
  const attribute = ([role, name]: (typeof ATTRIBUTES)[number]) => {
    const sources = [customers?.columns[role] && `c.${name}`, summary.columns[role] && `s.${name}`];
    const found = sources.filter((s): s is string => Boolean(s));
    if (found.length === 0) return nullAs('VARCHAR', name);
    return `${found.length > 1 ? `coalesce(${found.join(', ')})` : found[0]!} AS ${name}`;
  };
  const signup = [
    customers?.columns.signupDate && 'c.signup_date',
    summary.columns.signupDate && 's.signup_date',
  ].filter((s): s is string => Boolean(s));
  return [
    'e.customer_id',
    'o.customer_id IS NULL AS is_prospect',
    'o.first_order_date',
    'o.last_order_date',
    `CAST(date_diff('day', o.last_order_date, ${asOf}) AS INTEGER) AS recency_days`,
    'coalesce(o.frequency, 0) AS frequency',
    // A summary counts orders, not the days they fell on: each order is taken as its own day.
    'coalesce(o.frequency, 0) AS purchase_days',
    'coalesce(o.monetary, 0) AS monetary',
    'o.monetary / o.frequency AS avg_order_value',
    nullAs('DOUBLE', 'max_order_value'),
    `CAST(date_diff('day', o.first_order_date, ${asOf}) AS INTEGER) AS tenure_days`,
    `CASE WHEN o.frequency >= 2 THEN date_diff('day', o.first_order_date, o.last_order_date) / (o.frequency - 1) END AS avg_interpurchase_days`,
    nullAs('DOUBLE', 'discount_share'),
    nullAs('DOUBLE', 'avg_unit_price'),
    nullAs('DOUBLE', 'top_brand_share'),
    nullAs('BIGINT', 'category_count'),
    ...Object.keys(INTERACTION_KINDS).map((name) =>
      interactions ? `coalesce(i.${name}, 0) AS ${name}` : nullAs('BIGINT', name),
    ),
    interactions ? 'i.avg_satisfaction' : nullAs('DOUBLE', 'avg_satisfaction'),
    ...ATTRIBUTES.map(attribute),
    signup.length === 0
      ? nullAs('DATE', 'signup_date')
      : `${signup.length > 1 ? `coalesce(${signup.join(', ')})` : signup[0]!} AS signup_date`,
  ];
}

/**
 * The features table (the same columns and types as `featuresSql` builds from orders) from a
 * customer summary: one row per customer with its order count, total spend and last purchase
 * (or days since it), and optionally its first purchase. Columns that need order lines are NULL
 * (`SUMMARY_GAPS`).
 */
export function summaryFeaturesSql(input: SummaryFeaturesInput): string {
  validate(input);
  const { summary, customers, interactions } = input;
  const key = keyOf(summary, 'customerId', input.types);
  const ctes = [summaryRowsCte(input, key), ...statsCtes(summary)];
  if (interactions) ctes.push(interactionsCte(input, interactions));
  if (customers) ctes.push(customersCte(input, customers));
  const everyone = ['SELECT customer_id FROM summary_customers'];
  if (customers) everyone.push('UNION', 'SELECT customer_id FROM customer_attributes');
  ctes.push(`everyone AS (\n  ${everyone.join('\n  ')}\n)`);
  const joins: [string, string, boolean][] = [
    ['order_stats', 'o', true],
    ['summary_customers', 's', true],
    ['interaction_stats', 'i', Boolean(interactions)],
    ['customer_attributes', 'c', Boolean(customers)],
  ];
  return featuresTableSql(input.name, ctes, outputColumns(input), joins);
}

/**
 * The default analysis date of a summary with last purchase dates: the day after the latest
 * (column `as_of`), as for orders. A summary with only recency days has none in its data.
 */
export function summaryAsOfSql(summary: TableMapping): string | null {
  const last = summary.columns.lastOrderDate;
  if (!last) return null;
  return `SELECT strftime(max(TRY_CAST(${ident(last)} AS DATE)) + INTERVAL 1 DAY, '%Y-%m-%d') AS as_of FROM ${ident(summary.table)}`;
}
