import type { CellValue, ColumnKind } from '../engine/types';
import type { Lang } from '../model/labels';

/** How a result cell reads on screen: dates without a time part, numbers localised. */
export function formatValue(
  value: CellValue,
  kind: ColumnKind,
  lang: Lang,
  nullText: string,
): string {
  if (value === null) return nullText;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return kind === 'date' ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'number') {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 6, useGrouping: false }).format(
      value,
    );
  }
  return String(value);
}
