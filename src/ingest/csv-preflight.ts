import { LoadError } from './load-error';
import { sanitizeColumns, type SanitizedColumns } from './sanitize-columns';
import type { ReadDelimiter } from '../model/read-choices';
import { sniffDelimiter, type DelimiterGuess } from './sniff-delimiter';

export interface CsvPreflightOptions {
  /** Whether `headText` is the whole file. */
  complete: boolean;
  /** The user's overrides. */
  delimiter?: ReadDelimiter;
  hasHeader?: boolean;
  quote?: string;
  /** Lines left out before `headText` (the "lines to skip" option), so line numbers stay true. */
  skipped?: number;
}

export interface CsvPreflight {
  guess: DelimiterGuess;
  hasHeader: boolean;
  /** Names to pass to `readCsvSql` as `columnNames`, with the renames to tell the user about. */
  columns: SanitizedColumns;
}

/**
 * Checks the start of a CSV (decoded to text) before DuckDB reads it: finds the delimiter and the
 * column names, and refuses files DuckDB would misread without an error, such as a quote that
 * never closes (DuckDB then falls back to reading quotes as text and shifts values).
 */
export function csvPreflight(
  headText: string,
  fileName: string,
  options: CsvPreflightOptions,
): CsvPreflight {
  const guess = sniffDelimiter(headText, {
    complete: options.complete,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.quote ? { quote: options.quote } : {}),
  });
  const line =
    guess.unclosedQuoteLine === null ? null : guess.unclosedQuoteLine + (options.skipped ?? 0);
  if (line !== null) {
    throw new LoadError({
      code: 'unclosed-quote',
      file: fileName,
      row: line,
      messages: {
        en: `"${fileName}" line ${line}: a quote (") opens here and never closes, so the rest of the file would be read as one value.`,
        zh: `“${fileName}”第 ${line} 行：此处的引号 (") 没有闭合，其后的内容会被当成一个值。`,
      },
      hint: {
        en: `Fix line ${line} (a value containing " must write it as "" inside quotes), or save the file again from Excel as CSV.`,
        zh: `请修正第 ${line} 行（值里的 " 需在引号内写成 ""），或用 Excel 重新另存为 CSV。`,
      },
    });
  }
  const hasHeader = options.hasHeader ?? guess.hasHeader;
  // Without a header the columns are named by position, which is no rename to warn about.
  const raw = hasHeader ? guess.firstRecord : guess.firstRecord.map((_, i) => `column_${i + 1}`);
  return { guess, hasHeader, columns: sanitizeColumns(raw, fileName) };
}
