import type { RowFilter } from '../domain/cleaning-step';
import type { Role } from '../domain/roles';
import { rowFilterSql, textOf, type ColumnType } from './quality-filter';
import { ident } from './quote';

/** Invoice numbers starting with this mark cancellations in many ERP exports (UCI Online Retail). */
export const CANCEL_PREFIX = 'C';

/**
 * One row, `applies`: whether order ids starting with C can be cancellations, which they cannot
 * when most ids start with C anyway (CN0001, C-2024-...).
 */
export function cancelPrefixSql(table: string, orderId: string, type?: ColumnType): string {
  const filter: RowFilter = { test: 'prefix', column: orderId, prefix: CANCEL_PREFIX };
  const hits = `count(*) FILTER (WHERE coalesce(${rowFilterSql(filter, type)}, false))`;
  const ids = `count(${textOf(orderId, type)})`;
  return `SELECT ${hits} * 2 < ${ids} AS applies FROM ${ident(table)}`;
}

/**
 * The rows that are cancellations: an order id with the cancellation prefix (when the prefix
 * `applies`), or a negative quantity. Undefined when the mapping has neither column.
 */
export function cancellationFilter(
  columns: Partial<Record<Role, string>>,
  prefixApplies: boolean,
): RowFilter | undefined {
  const byId = prefixApplies ? columns.orderId : undefined;
  const quantity = columns.quantity;
  if (byId) {
    return {
      test: 'cancellation',
      column: byId,
      prefix: CANCEL_PREFIX,
      ...(quantity ? { quantity } : {}),
    };
  }
  return quantity ? { test: 'cancellation', column: quantity, quantity } : undefined;
}
