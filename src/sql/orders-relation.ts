import { LocalizedError } from '../domain/localized-error';
import { requireName } from './input-check';
import type { TableMapping } from '../domain/roles';
import { amountSql } from './amount';
import { ident } from './quote';

/** Raw orders as the user mapped them: one row per order (or order line, with `orderId`). */
export interface OrdersRelation {
  relation: string;
  customerId: string;
  /** DATE, TIMESTAMP or text DuckDB can cast to DATE; only the calendar day counts. */
  orderDate: string;
  /** The amount as a DOUBLE expression over the relation (`amountSql`). */
  amountSql: string;
  /** When rows are order lines, the order they belong to: orders are then counted by id. */
  orderId?: string;
}

/** Checks the mapping and returns it; throws a readable error for a missing name. */
export function checkOrders(orders: OrdersRelation): OrdersRelation {
  if (typeof orders !== 'object' || orders === null) {
    throw new LocalizedError({ en: 'Map the orders table first.', zh: '请先映射订单表。' });
  }
  requireName(orders.relation, 'orders table', '订单表');
  requireName(orders.customerId, 'customer id column of the orders', '订单表的客户编号列');
  requireName(orders.orderDate, 'order date column', '订单日期列');
  requireName(
    orders.amountSql,
    'amount column (or Quantity and Unit price)',
    '金额列（或“数量”和“单价”列）',
  );
  if (orders.orderId !== undefined) requireName(orders.orderId, 'order id column', '订单号列');
  return orders;
}

/**
 * `SELECT customer_id, order_date, amount, order_id` over the mapped orders, typed
 * (VARCHAR, DATE, DOUBLE, VARCHAR), without rows lacking a customer or a date. A NULL amount
 * counts as 0.
 */
export function ordersSelectSql(orders: OrdersRelation): string {
  const id = ident(orders.customerId);
  const day = ident(orders.orderDate);
  const orderId = orders.orderId ? `CAST(${ident(orders.orderId)} AS VARCHAR)` : 'NULL::VARCHAR';
  return `SELECT
    CAST(${id} AS VARCHAR) AS customer_id,
    CAST(${day} AS DATE) AS order_date,
    COALESCE(${orders.amountSql}, 0) AS amount,
    ${orderId} AS order_id
  FROM ${ident(orders.relation)}
  WHERE ${id} IS NOT NULL AND ${day} IS NOT NULL`;
}

/** The aggregate counting orders among `ordersSelectSql` rows: distinct ids, else rows. */
export function orderCountSql(orders: OrdersRelation): string {
  return orders.orderId ? 'COUNT(DISTINCT order_id)' : 'COUNT(*)';
}

/** The orders relation of a mapped orders table, its amount from the one resolver. */
export function ordersRelation(mapping: TableMapping): OrdersRelation {
  const c = mapping.columns;
  return {
    relation: mapping.table,
    customerId: c.customerId ?? '',
    orderDate: c.orderDate ?? '',
    amountSql: amountSql(c) ?? '',
    ...(c.orderId ? { orderId: c.orderId } : {}),
  };
}
