import { num, str } from './quote';

/**
 * An ORDER BY term, with its trailing comma, putting segment labels in their preset's rank order
 * (VIP before important, RFM's best before its worst), whatever their size or spelling: the
 * label's place in `order`, and labels not in it (none, other) after every ranked one. Without
 * an order, nothing.
 */
export function segmentRankSql(expr: string, order: readonly string[] | undefined): string {
  if (!order || order.length === 0) return '';
  const list = order.map((s) => str(s)).join(', ');
  return `coalesce(list_position([${list}], ${expr}), ${num(order.length + 1)}), `;
}
