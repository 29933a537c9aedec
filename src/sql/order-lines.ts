import { textOf, type ColumnType } from './quality-filter';
import { ident } from './quote';

/**
 * An order-line table (UCI Online Retail: one row per product of an invoice) repeats its order
 * ids by design. It is one when at least this share of its order ids have several different
 * rows; an orders table with a few ids exported twice has identical rows, or far fewer.
 */
export const ORDER_LINES_SHARE = 0.1;

/** One row: `orders` (distinct non-blank order ids) and `multi` (those with several different rows). */
export function orderLinesSql(table: string, orderId: string, type?: ColumnType): string {
  const key = textOf(orderId, type);
  const lines = `SELECT ${key} AS k, count(*) AS lines FROM (SELECT DISTINCT * FROM ${ident(table)}) GROUP BY 1`;
  return `SELECT count(*) AS orders, count(*) FILTER (WHERE lines > 1) AS multi FROM (${lines}) WHERE k IS NOT NULL`;
}

/** Whether the counts of `orderLinesSql` make an order-line table. */
export function isOrderLines(row: Record<string, unknown> | undefined): boolean {
  const orders = Number(row?.orders ?? 0);
  const multi = Number(row?.multi ?? 0);
  return multi > 0 && multi >= ORDER_LINES_SHARE * orders;
}
