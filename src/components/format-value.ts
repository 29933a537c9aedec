import type { CellValue, ColumnKind } from '../engine/types';
import { formatNumber } from '../i18n/translate';
import { isIdLikeName } from '../model/id-like-column';
import type { Lang } from '../domain/labels';

/** How a result cell reads on screen: dates without a time part, numbers localised. */
export function formatValue(
  value: CellValue,
  kind: ColumnKind,
  lang: Lang,
  nullText: string,
  /** The column's name: identifiers (customer_id, 发票号) are never written in 万. */
  column = '',
): string {
  if (value === null) return nullText;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return kind === 'date' ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'number' && lang === 'zh-CN' && Math.abs(value) >= 1e4) {
    if (!isIdLikeName(column)) return formatNumber(lang, value);
  }
  if (typeof value === 'number') {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 6, useGrouping: false }).format(
      value,
    );
  }
  return String(value);
}
