import type { Row } from '../domain/result';
import type { ExportColumn } from './export-csv';

/**
 * Columns that hold amounts of money: the features' spend columns (src/sql/features.ts), the
 * predictions' (src/sql/join-predictions.ts) and the scorecard's.
 */
export const MONEY_COLUMNS: ReadonlySet<string> = new Set([
  'monetary',
  'avg_order_value',
  'max_order_value',
  'avg_unit_price',
  'expected_spend',
  'predicted_clv',
  'predicted_clv_low',
  'predicted_clv_high',
  'revenue',
  'aov',
  'revenue_at_stake',
]);

/**
 * Rows with every money column rounded to cents: sums of DOUBLE amounts come out of DuckDB as
 * 457.50000000000006, which a client's spreadsheet shows as it is.
 */
export function roundMoney(rows: readonly Row[], columns: readonly ExportColumn[]): Row[] {
  const money = columns.filter((c) => MONEY_COLUMNS.has(c.name)).map((c) => c.name);
  if (money.length === 0) return [...rows];
  return rows.map((row) => {
    const out: Row = { ...row };
    for (const name of money) {
      const v = out[name];
      if (typeof v === 'number' && Number.isFinite(v)) out[name] = Math.round(v * 100) / 100;
    }
    return out;
  });
}
