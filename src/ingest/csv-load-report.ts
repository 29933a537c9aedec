import type { Labels } from '../domain/labels';
import { LoadError } from './load-error';

/** One row DuckDB set aside while reading a CSV. */
export interface CsvReject {
  /** 1-based line in the file, header included. */
  line: number;
  column: string | null;
  /** DuckDB's error type: CAST, MISSING COLUMNS, TOO MANY COLUMNS, UNQUOTED VALUE, ... */
  kind: string;
  message: string;
  text: string;
}

export interface CsvLoadReport {
  loadedRows: number;
  skippedRows: number;
  /** The first set-aside rows, by line. */
  rejects: CsvReject[];
  /** Columns with values that did not fit the sampled type: reload with these as `textColumns`. */
  textColumns: string[];
  warning: Labels | null;
}

const LINES_IN_MESSAGE = 5;

/**
 * Decides what a finished CSV load means for the user. Set-aside rows are reported by line; the
 * load is refused (throws, and the caller drops the table) when nothing loaded or when more rows
 * were set aside than loaded, which means the delimiter or quoting is wrong, not a few rows.
 */
export function csvLoadReport(
  file: string,
  loadedRows: number,
  rejectRows: readonly Record<string, unknown>[],
): CsvLoadReport {
  const skippedRows = Number(rejectRows[0]?.total ?? 0);
  const rejects = rejectRows.map((r) => ({
    line: Number(r.line),
    column: r.column_name == null ? null : String(r.column_name),
    kind: String(r.error_type),
    message: String(r.error_message),
    text: String(r.csv_line ?? ''),
  }));
  const first = rejects[0];
  if (loadedRows === 0 && skippedRows === 0) {
    throw new LoadError({
      code: 'no-rows',
      file,
      messages: {
        en: `"${file}" has a header but no data rows.`,
        zh: `“${file}”只有表头，没有数据行。`,
      },
      hint: {
        en: 'Export the data again, making sure the export includes the rows, not only the column names.',
        zh: '请重新导出，确认导出内容包含数据行而不只是列名。',
      },
    });
  }
  if (first && skippedRows >= loadedRows) {
    throw new LoadError({
      code: 'bad-rows',
      file,
      row: first.line,
      ...(first.column ? { column: first.column } : {}),
      messages: {
        en: `"${file}": ${skippedRows} rows do not match the header, starting at line ${first.line} (${describe(first).en}); only ${loadedRows} rows fit.`,
        zh: `“${file}”：从第 ${first.line} 行起有 ${skippedRows} 行与表头不一致（${describe(first).zh}），只有 ${loadedRows} 行符合。`,
      },
      hint: {
        en: 'Check the delimiter and the header line; choose the delimiter by hand, or save the file again from Excel as CSV.',
        zh: '请检查分隔符和表头行；可手动选择分隔符，或用 Excel 重新另存为 CSV。',
      },
    });
  }
  const textColumns = [
    ...new Set(rejects.filter((r) => r.kind === 'CAST' && r.column).map((r) => r.column!)),
  ];
  return {
    loadedRows,
    skippedRows,
    rejects,
    textColumns,
    warning: first ? warn(file, skippedRows, rejects) : null,
  };
}

function warn(file: string, skipped: number, rejects: CsvReject[]): Labels {
  const shown = rejects.slice(0, LINES_IN_MESSAGE);
  const more = skipped > shown.length ? '; …' : '';
  const en = shown.map((r) => `line ${r.line} (${describe(r).en})`).join('; ');
  const zh = shown.map((r) => `第 ${r.line} 行（${describe(r).zh}）`).join('；');
  return {
    en: `"${file}": ${skipped} row(s) were left out: ${en}${more}. Fix these lines in the file and load it again if you need them.`,
    zh: `“${file}”：有 ${skipped} 行未加载：${zh}${more}。如需这些行，请在文件中修正后重新加载。`,
  };
}

function describe(r: CsvReject): Labels {
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(r.message);
  if (counts) {
    return {
      en: `${counts[2]} fields instead of ${counts[1]}`,
      zh: `有 ${counts[2]} 个字段，应为 ${counts[1]} 个`,
    };
  }
  const value = /Could not convert string "([^"]*)" to '([^']+)'/.exec(r.message);
  if (value && r.column) {
    return {
      en: `"${value[1]}" in column "${r.column}" is not a ${value[2]}`,
      zh: `“${r.column}”列的值“${value[1]}”不是 ${value[2]}`,
    };
  }
  return { en: r.kind.toLowerCase(), zh: r.kind.toLowerCase() };
}
