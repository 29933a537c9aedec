import type { Role } from '../domain/roles';
import { ident } from './quote';

type Columns = Partial<Record<Role, string>>;

/**
 * The one definition of an order line's amount, as a DOUBLE expression, with `read` turning a
 * column name into a number: the Amount column when mapped, else Quantity × Unit price less
 * Discount (read as money off the line) when that is mapped too. Undefined when the mapping
 * gives neither.
 */
export function amountFrom(columns: Columns, read: (column: string) => string): string | undefined {
  if (columns.amount) return read(columns.amount);
  if (!columns.quantity || !columns.unitPrice) return undefined;
  const gross = `${read(columns.quantity)} * ${read(columns.unitPrice)}`;
  return columns.discount ? `(${gross} - coalesce(${read(columns.discount)}, 0))` : `(${gross})`;
}

/**
 * The amount over the mapped table (`amountFrom`, columns cast to DOUBLE). Every consumer
 * (features, backtest, migration, Predict, quality checks, exports) builds its amount from here.
 */
export function amountSql(columns: Columns, qualifier?: string): string | undefined {
  return amountFrom(
    columns,
    (name) => `CAST(${qualifier ? `${ident(qualifier)}.` : ''}${ident(name)} AS DOUBLE)`,
  );
}

/** Whether the amount is computed from Quantity × Unit price rather than read from a column. */
export function amountIsDerived(columns: Columns): boolean {
  return !columns.amount && Boolean(columns.quantity && columns.unitPrice);
}
