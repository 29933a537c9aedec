import { read, utils, type Range, type WorkBook } from '@e965/xlsx';
import type { Labels } from '../domain/labels';
import { detectHeaderRow, type SheetCell } from './detect-header-row';
import { LoadError } from './load-error';
import { sanitizeColumns, type ColumnRename } from './sanitize-columns';
import { checkWorkbookSize } from './workbook-limits';

export interface SheetInfo {
  name: string;
  rows: number;
  cols: number;
}

/** An opened XLSX / XLS / ODS file: its sheets, ready for `readSheet`. */
export interface Workbook {
  fileName: string;
  sheets: SheetInfo[];
  book: WorkBook;
}

export interface SheetTable {
  columns: string[];
  rows: SheetCell[][];
  /** 1-based sheet row of the (first) header row. */
  headerRow: number;
  renamed: ColumnRename[];
  warnings: Labels[];
}

/** Parses a workbook (XLSX, XLS, ODS, Excel 2003 XML or an HTML table saved as .xls). */
export function openWorkbook(data: ArrayBuffer | Uint8Array, fileName: string): Workbook {
  checkWorkbookSize(data instanceof Uint8Array ? data : new Uint8Array(data), fileName);
  let book: WorkBook;
  try {
    book = read(data, { type: 'array', cellDates: true, dense: true });
  } catch (cause) {
    throw unreadable(fileName, cause);
  }
  const sheets = book.SheetNames.map((name) => {
    const ref = book.Sheets[name]?.['!ref'];
    if (!ref) return { name, rows: 0, cols: 0 };
    const { s, e } = utils.decode_range(ref);
    return { name, rows: e.r - s.r + 1, cols: e.c - s.c + 1 };
  });
  return { fileName, sheets, book };
}

/**
 * Reads one sheet (the first by default) as a table: title rows above the header skipped, merged
 * header cells spread over their columns (`Sales_1`, `Sales_2`, or `Sales_Q1` when a second
 * header row names the parts), blank rows dropped, names made unique. Dates come back as UTC.
 */
export function readSheet(workbook: Workbook, sheetName?: string): SheetTable {
  const name = sheetName ?? workbook.book.SheetNames[0] ?? '';
  const sheet = workbook.book.Sheets[name];
  if (!sheet) throw missingSheet(workbook, name);
  const raw = utils.sheet_to_json<unknown[]>(sheet, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
    UTC: true,
  });
  const grid = raw.map((row) => Array.from(row, cell));
  if (!grid.some((r) => r.some((c) => c !== null && (typeof c !== 'string' || c.trim() !== '')))) {
    throw noValues(workbook.fileName, name);
  }
  const origin = sheet['!ref'] ? utils.decode_range(sheet['!ref']).s : { r: 0, c: 0 };
  const merges = (sheet['!merges'] ?? []).map((m) => shift(m, origin.r, origin.c));
  const header = detectHeaderRow(fillMerges(grid, merges));
  const width = grid.slice(header).reduce((w, r) => Math.max(w, r.length), 0);
  const { names, dataStart } = headerNames(grid, merges, header, width);
  const rows = grid
    .slice(dataStart)
    .filter((r) => r.some((c) => c !== null))
    .map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  const columns = sanitizeColumns(names, workbook.fileName);
  const warnings = [...columns.warnings];
  if (header > 0) warnings.push(skippedTitle(workbook.fileName, name, header, grid));
  return {
    columns: columns.names,
    rows,
    headerRow: header + origin.r + 1,
    renamed: columns.renamed,
    warnings,
  };
}

function headerNames(grid: SheetCell[][], merges: Range[], h: number, width: number) {
  const top = (r: number, c: number): string => {
    const m = merges.find((x) => x.s.r <= r && r <= x.e.r && x.s.c <= c && c <= x.e.c);
    const value = m ? grid[m.s.r]?.[m.s.c] : grid[r]?.[c];
    return value == null
      ? ''
      : value instanceof Date
        ? value.toISOString().slice(0, 10)
        : String(value);
  };
  const spans = merges.filter((m) => m.s.r <= h && h <= m.e.r && m.e.c > m.s.c);
  const inSpan = (c: number) => spans.find((m) => m.s.c <= c && c <= m.e.c);
  const sub = grid[h + 1] ?? [];
  // A second header row names the parts of the merged cells: 销售额 over 线上 | 线下.
  const twoLevel =
    spans.length > 0 &&
    Array.from({ length: width }, (_, c) => c).every((c) =>
      inSpan(c)
        ? typeof sub[c] === 'string' && sub[c] !== ''
        : sub[c] === null || top(h + 1, c) === top(h, c),
    );
  const names = Array.from({ length: width }, (_, c) => {
    const span = inSpan(c);
    if (!span) return top(h, c);
    if (twoLevel) return `${top(h, c)}_${String(sub[c]).trim()}`;
    return `${top(h, c)}_${c - span.s.c + 1}`;
  });
  return { names, dataStart: h + (twoLevel ? 2 : 1) };
}

function cell(value: unknown): SheetCell {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return value instanceof Date ? value : String(value);
}

function shift(m: Range, r: number, c: number): Range {
  return { s: { r: m.s.r - r, c: m.s.c - c }, e: { r: m.e.r - r, c: m.e.c - c } };
}

function fillMerges(grid: SheetCell[][], merges: Range[]): SheetCell[][] {
  const filled = grid.map((r) => [...r]);
  for (const m of merges) {
    const value = grid[m.s.r]?.[m.s.c] ?? null;
    for (let r = m.s.r; r <= m.e.r; r++) {
      for (let c = m.s.c; c <= m.e.c; c++) if (filled[r]) filled[r]![c] = value;
    }
  }
  return filled;
}

function skippedTitle(file: string, sheet: string, header: number, grid: SheetCell[][]): Labels {
  const title = grid
    .slice(0, header)
    .flat()
    .find((c) => c !== null);
  const quoted = title == null ? '' : ` ("${String(title)}")`;
  return {
    en: `"${file}", sheet "${sheet}": the header is on row ${header + 1}; the ${header} row(s) above it${quoted} were skipped.`,
    zh: `“${file}”的工作表“${sheet}”：表头在第 ${header + 1} 行，已跳过其上方的 ${header} 行${quoted}。`,
  };
}

function noValues(file: string, sheet: string): LoadError {
  return new LoadError({
    code: 'no-rows',
    file,
    messages: {
      en: `"${file}", sheet "${sheet}", has no values: its cells are empty or hold only spaces.`,
      zh: `“${file}”的工作表“${sheet}”没有任何值：单元格为空或只有空格。`,
    },
    hint: {
      en: 'Choose the sheet that holds the data, or check the file is the one you meant.',
      zh: '请选择包含数据的工作表，或确认文件是否正确。',
    },
  });
}

function missingSheet(workbook: Workbook, name: string): LoadError {
  const names = workbook.book.SheetNames.join(', ');
  return new LoadError({
    code: 'sheet-not-found',
    file: workbook.fileName,
    messages: {
      en: `"${workbook.fileName}" has no sheet named "${name}".`,
      zh: `“${workbook.fileName}”中没有名为“${name}”的工作表。`,
    },
    hint: { en: `Choose one of: ${names}.`, zh: `请从以下工作表中选择：${names}。` },
  });
}

function unreadable(file: string, cause: unknown): LoadError {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/password|encrypt/i.test(text)) {
    return new LoadError({
      code: 'excel-encrypted',
      file,
      messages: {
        en: `"${file}" is protected with a password.`,
        zh: `“${file}”设置了打开密码。`,
      },
      hint: {
        en: 'Open it in Excel, remove the password (File > Info > Protect Workbook), save, and load it again.',
        zh: '请在 Excel 中打开，取消密码（文件 > 信息 > 保护工作簿）后保存，再重新加载。',
      },
      cause,
    });
  }
  return new LoadError({
    code: 'excel-unreadable',
    file,
    messages: {
      en: `"${file}" could not be read as an Excel workbook (${text}).`,
      zh: `无法将“${file}”读取为 Excel 工作簿（${text}）。`,
    },
    hint: {
      en: 'Open it in Excel and save it again as .xlsx, or export the sheet as CSV.',
      zh: '请用 Excel 打开后重新另存为 .xlsx，或将工作表导出为 CSV。',
    },
    cause,
  });
}
