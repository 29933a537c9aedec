import { utils, write } from '@e965/xlsx';
import type { Row } from '../engine/types';
import type { ExportColumn } from './export-csv';

const DATE_FORMAT = 'yyyy-mm-dd';
const TIMESTAMP_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** A valid Excel sheet name: no []:*?/\, at most 31 characters. */
function sheetNameOf(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'Sheet1' : cleaned;
}

/**
 * Rows as an .xlsx workbook with one sheet. Text stays text (never a formula), numbers stay
 * numbers, dates and timestamps become Excel dates (read in UTC, so they do not shift).
 */
export function toXlsx(
  rows: readonly Row[],
  columns: readonly ExportColumn[],
  sheetName = 'Segments',
): Uint8Array {
  if (columns.length === 0) {
    throw new Error('Excel export needs at least one column.\nExcel导出至少需要一列。');
  }
  const header = columns.map((c) => c.name);
  const body = rows.map((row) => columns.map((c) => row[c.name] ?? null));
  const sheet = utils.aoa_to_sheet([header, ...body], { cellDates: true, UTC: true });
  columns.forEach((column, c) => {
    if (column.kind !== 'date' && column.kind !== 'timestamp') return;
    const format = column.kind === 'date' ? DATE_FORMAT : TIMESTAMP_FORMAT;
    for (let r = 1; r <= rows.length; r++) {
      const cell = sheet[utils.encode_cell({ r, c })];
      if (cell) cell.z = format;
    }
  });
  const book = utils.book_new();
  utils.book_append_sheet(book, sheet, sheetNameOf(sheetName));
  const bytes: ArrayBuffer = write(book, { type: 'array', bookType: 'xlsx', compression: true });
  return new Uint8Array(bytes);
}
