import { LocalizedError } from '../domain/localized-error';
import type { TableMapping } from '../domain/roles';
import { date, ident } from './quote';

/** First and last order day before the analysis date (`first_day`, `last_day` as YYYY-MM-DD). */
export function orderDateRangeSql(orders: TableMapping, asOf: string): string {
  const column = orders.columns.orderDate;
  if (!column)
    throw new LocalizedError({
      en: 'The orders table has no order date column.',
      zh: '订单表没有订单日期列。',
    });
  const day = `TRY_CAST(${ident(column)} AS DATE)`;
  return `SELECT strftime(min(${day}), '%Y-%m-%d') AS first_day, strftime(max(${day}), '%Y-%m-%d') AS last_day
FROM ${ident(orders.table)}
WHERE ${day} < ${date(asOf)}`;
}
