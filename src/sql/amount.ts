import type { Role } from '../model/roles';
import { ident } from './quote';

type Columns = Partial<Record<Role, string>>;

/**
 * The one definition of an order line's amount, as a DOUBLE expression over the mapped table:
 * the Amount column when mapped, else Quantity × Unit price less Discount (read as money off the
 * line) when that is mapped too. Undefined when the mapping gives neither. Every consumer
 * (features, backtest, migration, Predict, quality checks, exports) builds its amount from here.
 */
export function amountSql(columns: Columns, qualifier?: string): string | undefined {
  const c = (name: string) =>
    `CAST(${qualifier ? `${ident(qualifier)}.` : ''}${ident(name)} AS DOUBLE)`;
  if (columns.amount) return c(columns.amount);
  if (!columns.quantity || !columns.unitPrice) return undefined;
  const gross = `${c(columns.quantity)} * ${c(columns.unitPrice)}`;
  return columns.discount ? `(${gross} - coalesce(${c(columns.discount)}, 0))` : `(${gross})`;
}

/** Whether the amount is computed from Quantity × Unit price rather than read from a column. */
export function amountIsDerived(columns: Columns): boolean {
  return !columns.amount && Boolean(columns.quantity && columns.unitPrice);
}
