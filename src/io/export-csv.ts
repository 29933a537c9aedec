import { LocalizedError } from '../domain/localized-error';
import type { CellValue, ColumnKind, Row } from '../domain/result';

/** A column to export: its name and, when known, its kind (from the query result). */
export interface ExportColumn {
  name: string;
  kind?: ColumnKind;
  /** The Arrow type as text, e.g. `Int64`; lets Parquet keep whole numbers whole. */
  type?: string;
}

const BOM = '\uFEFF';

/**
 * Text a spreadsheet may run as a formula (CSV injection, per OWASP): = + - @ or their
 * full-width forms, also after leading whitespace, line breaks or invisible characters (NBSP,
 * zero-width spaces and joiners, direction marks, word joiner, BOM, soft hyphen) that some
 * spreadsheets skip; and text starting with a tab or carriage return.
 */
const FORMULA_START =
  /^[\s\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
const NUMERIC_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function isMidnightUtc(d: Date): boolean {
  return (
    d.getUTCHours() === 0 &&
    d.getUTCMinutes() === 0 &&
    d.getUTCSeconds() === 0 &&
    d.getUTCMilliseconds() === 0
  );
}

/** Dates as YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS(.mmm), in UTC. */
export function formatDate(d: Date, kind?: ColumnKind): string {
  const iso = d.toISOString();
  if (kind === 'date' || (kind !== 'timestamp' && isMidnightUtc(d))) return iso.slice(0, 10);
  return iso
    .replace('T', ' ')
    .replace('Z', '')
    .replace(/\.000$/, '');
}

/**
 * A number as written: whole numbers exactly, others to 15 significant digits, so the binary
 * noise of a DOUBLE sum (0.30000000000000004) does not reach the file.
 */
function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

function text(value: CellValue, kind?: ColumnKind): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatDate(value, kind);
  // Big integers arrive as text; they are numbers, not formulas.
  if (kind === 'number' && NUMERIC_TEXT.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Rows as CSV text (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted),
 * starting with a UTF-8 byte order mark so Excel reads Chinese correctly. Text cells that a
 * spreadsheet would run as a formula (see FORMULA_START) get a leading single quote; numbers,
 * negative ones included, are written as they are.
 */
export function toCsv(rows: readonly Row[], columns: readonly ExportColumn[]): string {
  if (!Array.isArray(rows))
    throw new LocalizedError({ en: 'CSV export needs a list of rows.', zh: 'CSV导出需要行列表。' });
  if (columns.length === 0)
    throw new LocalizedError({
      en: 'CSV export needs at least one column.',
      zh: 'CSV导出至少需要一列。',
    });
  const lines = [columns.map((c) => field(text(c.name))).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => field(text(row[c.name] ?? null, c.kind))).join(','));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
