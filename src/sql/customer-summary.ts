import type { CleaningStepInit } from '../domain/cleaning-step';
import { LocalizedError } from '../domain/localized-error';
import type { Role, TableMapping } from '../domain/roles';
import { amountSql } from './amount';
import { cleaningSelectSql } from './cleaning';
import { ATTRIBUTES, checkMapping, column } from './features';
import { date, ident } from './quote';

/** What the customer-summary query reads: the mapped orders table, as SegLab reads it. */
export interface CustomerSummaryInput {
  orders: TableMapping;
  /** Only orders before this day (the notebook's analysis date), when given. */
  asOf?: string;
  /** The table's cleaning steps and the columns of the table as loaded, when it was cleaned. */
  cleaning?: { columns: readonly string[]; steps: readonly CleaningStepInit[] };
}

/** The summary's columns beyond the five measures: names the role guesser knows. */
const SUMMARY_ATTRIBUTES: [Role, string][] = [...ATTRIBUTES, ['channel', 'channel']];

const CLEANED = 'cleaned_orders';

/** A key (customer or order id) as trimmed text, NULL when blank, as the features group it. */
function keyOf(mapping: TableMapping, role: Role): string {
  return `nullif(trim(CAST(${ident(mapping.columns[role]!)} AS VARCHAR)), '')`;
}

function header(input: CustomerSummaryInput): string {
  const c = input.orders.columns;
  const amount = c.amount
    ? `the "${c.amount}" column`
    : `"${c.quantity}" × "${c.unitPrice}"${c.discount ? ` less "${c.discount}"` : ''}`;
  return [
    `-- SegLab customer summary: one row per customer from the orders table "${input.orders.table}".`,
    '-- Run it where the orders are (DuckDB), save the result as CSV or Parquet and drop that',
    '-- file into SegLab: its columns are recognised as a "Customer summary" table.',
    `-- Amount of an order line: ${amount}.`,
    ...(input.cleaning?.steps.length
      ? ['-- The cleaning steps applied in SegLab come first.']
      : []),
    ...(input.asOf ? [`-- Orders before the analysis date ${input.asOf} only.`] : []),
  ].join('\n');
}

/**
 * DuckDB SQL producing the customer-summary table from the user's orders table with the
 * notebook's mapping: its amount definition (`amountSql`), its cleaning steps, and orders
 * counted as the features table counts them (lines sharing an order id are one order; lines
 * without one are orders of their own). Columns: customer_id, first_order_date,
 * last_order_date, order_count, total_spend, and the customer's most frequent value of each
 * mapped attribute.
 */
export function customerSummarySql(input: CustomerSummaryInput): string {
  const { orders, cleaning } = input;
  checkMapping(orders, 'orders');
  if (input.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.asOf)) {
    throw new LocalizedError({
      en: `The analysis date must be a date like 2024-06-30, not "${input.asOf}".`,
      zh: `分析日期必须是 2024-06-30 这样的日期，而不是“${input.asOf}”。`,
    });
  }
  const ctes: string[] = [];
  let from = ident(orders.table);
  if (cleaning && cleaning.steps.length > 0) {
    const select = cleaningSelectSql({
      raw: orders.table,
      target: CLEANED,
      columns: cleaning.columns,
      steps: cleaning.steps,
    });
    ctes.push(`${CLEANED} AS (\n${select}\n)`);
    from = CLEANED;
  }
  const key = keyOf(orders, 'customerId');
  const day = column(orders, 'orderDate', 'DATE')!;
  const attributes = SUMMARY_ATTRIBUTES.filter(([role]) => orders.columns[role]);
  const where = [`${key} IS NOT NULL`, `${day} IS NOT NULL`];
  if (input.asOf) where.push(`${day} < ${date(input.asOf)}`);
  ctes.push(`order_lines AS (
  SELECT
    ${[
      `${key} AS customer_key`,
      `${orders.columns.orderId ? keyOf(orders, 'orderId') : 'CAST(NULL AS VARCHAR)'} AS order_key`,
      `${day} AS order_date`,
      `${amountSql(orders.columns)!} AS amount`,
      ...attributes.map(([role, name]) => `${column(orders, role, 'VARCHAR')!} AS ${name}`),
    ].join(',\n    ')}
  FROM ${from}
  WHERE ${where.join('\n    AND ')}
)`);
  ctes.push(`orders AS (
  -- Lines sharing an order id are one order; a line without one is an order of its own.
  SELECT customer_key, min(order_date) AS order_date, sum(amount) AS amount
  FROM order_lines
  WHERE order_key IS NOT NULL
  GROUP BY customer_key, order_key
  UNION ALL
  SELECT customer_key, order_date, amount
  FROM order_lines
  WHERE order_key IS NULL
)`);
  ctes.push(`order_totals AS (
  SELECT
    customer_key,
    min(order_date) AS first_order_date,
    max(order_date) AS last_order_date,
    count(*) AS order_count,
    sum(amount) AS total_spend
  FROM orders
  GROUP BY customer_key
)`);
  const modes = attributes.map(([, name]) => `mode(${name}) AS ${name}`);
  if (modes.length > 0) {
    ctes.push(`attributes AS (
  SELECT
    customer_key,
    ${modes.join(',\n    ')}
  FROM order_lines
  GROUP BY customer_key
)`);
  }
  const output = [
    't.customer_key AS customer_id',
    't.first_order_date',
    't.last_order_date',
    't.order_count',
    't.total_spend',
    ...attributes.map(([, name]) => `a.${name}`),
  ];
  return `${header(input)}
WITH
${ctes.join(',\n')}
SELECT
  ${output.join(',\n  ')}
FROM order_totals AS t${modes.length > 0 ? '\nLEFT JOIN attributes AS a ON a.customer_key = t.customer_key' : ''}
ORDER BY customer_id`;
}
