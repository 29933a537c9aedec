import { LocalizedError } from '../domain/localized-error';
import { utils, write } from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Row } from '../domain/result';
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

/** A cell's width in characters as Excel counts them: CJK characters are two wide. */
function displayWidth(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const text = value instanceof Date ? '2024-01-01 00:00:00' : String(value);
  let n = 0;
  for (const ch of text)
    n += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return n;
}

/** Column widths from the header and the first 500 rows, between 8 and 50 characters. */
function columnWidths(header: string[], body: unknown[][]): { wch: number }[] {
  return header.map((name, c) => {
    let widest = displayWidth(name) + 2; // the filter button
    for (const row of body.slice(0, 500)) widest = Math.max(widest, displayWidth(row[c]));
    return { wch: Math.min(50, Math.max(8, widest + 1)) };
  });
}

const HEADER_FONT =
  '<font><b/><sz val="12"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>';
const HEADER_FILL =
  '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E8C"/><bgColor indexed="64"/></patternFill></fill>';
const FROZEN_HEADER =
  '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';

/** Appends `item` to the `<tag count="n">` list of `xml`: the new item's index, and the xml. */
function append(xml: string, tag: string, item: string): [number, string] {
  const open = new RegExp(`<${tag} count="(\\d+)">`);
  const found = open.exec(xml);
  const close = `</${tag}>`;
  if (!found || !xml.includes(close)) throw new Error(`no <${tag}> in styles.xml`);
  const n = Number(found[1]);
  const next = xml.replace(open, `<${tag} count="${n + 1}">`).replace(close, `${item}${close}`);
  return [n, next];
}

/**
 * Styles the header row of each of `sheets` sheets (bold white on the segment-blue) and freezes
 * it. SheetJS's community edition writes neither cell styles nor frozen panes, so the written
 * package is edited: one font, one fill and one cell format appended to styles.xml, `s` on the
 * headers' cells, and a frozen pane in each sheet view.
 */
function styleHeader(bytes: Uint8Array, sheets: number): Uint8Array {
  const files = unzipSync(bytes);
  const stylesFile = files['xl/styles.xml'];
  if (!stylesFile) throw new Error('unexpected workbook layout');
  const [font, withFont] = append(strFromU8(stylesFile), 'fonts', HEADER_FONT);
  const [fill, withFill] = append(withFont, 'fills', HEADER_FILL);
  const [xf, styles] = append(
    withFill,
    'cellXfs',
    `<xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="0" xfId="0" applyFont="1" applyFill="1"/>`,
  );
  files['xl/styles.xml'] = strToU8(styles);
  for (let i = 1; i <= sheets; i++) {
    const path = `xl/worksheets/sheet${i}.xml`;
    const sheetFile = files[path];
    if (!sheetFile) throw new Error('unexpected workbook layout');
    let sheet = strFromU8(sheetFile);
    if (!sheet.includes('<sheetView workbookViewId="0"/>')) throw new Error('no sheet view');
    sheet = sheet
      .replace('<sheetView workbookViewId="0"/>', FROZEN_HEADER)
      .replace(/<row r="1"([^>]*)>(.*?)<\/row>/, (_, attrs: string, cells: string) => {
        const styled = cells.replace(/<c r="([A-Z]+1)"( s="\d+")?/g, `<c r="$1" s="${xf}"`);
        return `<row r="1"${attrs}>${styled}</row>`;
      });
    files[path] = strToU8(sheet);
  }
  return zipSync(files, { level: 6 });
}

/** One sheet of a workbook: its rows, columns and name. */
export interface XlsxSheet {
  rows: readonly Row[];
  columns: readonly ExportColumn[];
  name: string;
}

function worksheet({ rows, columns }: XlsxSheet) {
  if (columns.length === 0) {
    throw new LocalizedError({
      en: 'Excel export needs at least one column.',
      zh: 'Excel导出至少需要一列。',
    });
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
  sheet['!cols'] = columnWidths(header, body);
  sheet['!autofilter'] = {
    ref: utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: columns.length - 1 } }),
  };
  return sheet;
}

/**
 * Sheets as one .xlsx workbook, in order. Text stays text (never a formula), numbers stay
 * numbers, dates and timestamps become Excel dates (read in UTC, so they do not shift). Each
 * header is styled, frozen and has a filter; columns are as wide as their contents.
 */
export function toXlsxBook(sheets: readonly XlsxSheet[]): Uint8Array {
  const book = utils.book_new();
  const used = new Set<string>();
  for (const sheet of sheets) {
    let name = sheetNameOf(sheet.name);
    for (let n = 2; used.has(name); n++) name = `${sheetNameOf(sheet.name).slice(0, 28)} ${n}`;
    used.add(name);
    utils.book_append_sheet(book, worksheet(sheet), name);
  }
  const bytes: ArrayBuffer = write(book, { type: 'array', bookType: 'xlsx', compression: true });
  return styleHeader(new Uint8Array(bytes), sheets.length);
}

/** Rows as an .xlsx workbook with one sheet (`toXlsxBook`). */
export function toXlsx(
  rows: readonly Row[],
  columns: readonly ExportColumn[],
  sheetName = 'Segments',
): Uint8Array {
  return toXlsxBook([{ rows, columns, name: sheetName }]);
}
