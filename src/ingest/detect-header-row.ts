/** One sheet cell as read from a workbook. */
export type SheetCell = string | number | boolean | Date | null;

const SCAN_ROWS = 30;
const TEXT_SHARE = 0.7;

/**
 * Finds the header row of a sheet, skipping report titles and notes above it: the first row
 * (among the first 30) whose distinct non-empty values cover at least half the sheet's width,
 * that is mostly text, and that is directly followed by another row (or is the last row).
 * Distinct values, so a title merged across the sheet counts once. Pass rows with merged cells
 * filled in. Returns a 0-based index; 0 when nothing looks like a header.
 */
export function detectHeaderRow(rows: readonly (readonly SheetCell[])[]): number {
  const scan = rows.slice(0, SCAN_ROWS);
  const width = Math.max(0, ...scan.map(extent));
  const need = width <= 2 ? 1 : Math.max(2, Math.ceil(width / 2));
  const lastFilled = scan.findLastIndex((r) => extent(r) > 0);
  for (let i = 0; i <= lastFilled; i++) {
    const values = scan[i]!.filter(filled);
    const distinct = new Set(values.map((v) => String(v).trim())).size;
    const texts = values.filter((v) => typeof v === 'string' && !/^[-+]?[\d.,]+%?$/.test(v.trim()));
    const followed = i === lastFilled || extent(scan[i + 1] ?? []) > 0;
    if (distinct >= need && texts.length >= TEXT_SHARE * values.length && followed) return i;
  }
  return Math.max(
    0,
    scan.findIndex((r) => extent(r) > 0),
  );
}

function filled(cell: SheetCell): boolean {
  return cell !== null && !(typeof cell === 'string' && cell.trim() === '');
}

/** Index after the last non-empty cell. */
function extent(row: readonly SheetCell[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (filled(row[i]!)) return i + 1;
  return 0;
}
