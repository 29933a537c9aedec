import { LocalizedError } from '../domain/localized-error';
import type { TableMapping } from '../domain/roles';
import { ident } from './quote';

/** The default analysis date: the day after the last order (YYYY-MM-DD in column `as_of`). */
export function defaultAsOfSql(orders: TableMapping): string {
  const column = orders.columns.orderDate;
  if (!column)
    throw new LocalizedError({
      en: 'The orders table has no order date column.',
      zh: '订单表没有订单日期列。',
    });
  return `SELECT strftime(max(TRY_CAST(${ident(column)} AS DATE)) + INTERVAL 1 DAY, '%Y-%m-%d') AS as_of FROM ${ident(orders.table)}`;
}
