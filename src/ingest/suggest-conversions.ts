import type { ConversionRule } from '../domain/cleaning-step';
import { isIdLikeColumn } from '../model/id-like-column';
import { inferAmountRule } from './parse-amount';
import { inferDateRule } from './parse-date';

/** A text column that looks like dates or amounts, with the rule that reads it. */
export interface ConversionSuggestion {
  column: string;
  rule: ConversionRule;
  /** Out of the sampled non-blank values, how many the rule reads. */
  sampled: number;
  parsed: number;
  /** Some sampled values, to preview the rule on. */
  examples: string[];
  /** The rule could go either way: 01/02/2024, or 1,234 with no other separator in sight. */
  ambiguous: boolean;
  /** Over the whole column, once counted in DuckDB (`conversionCountSql`). */
  total?: number;
  misfits?: number;
  misfitExamples?: string[];
}

/** At least this share of the sample must read, or the column is left alone. */
export const MIN_PARSED_SHARE = 0.8;
const DATE_NAME = /date|time|day|_at$|_on$|^dt$|_dt$|日期|时间|日$/i;
/** The names a file without a header row gets (csv-preflight): its values must speak for it. */
const UNNAMED = /^column_\d+$/;
/** Numbers are read as dates only in a date-like column, or an unnamed one that can be a date. */
const mayBeDate = (column: string) => DATE_NAME.test(column) || UNNAMED.test(column);
const TEXT_TYPE = /^(VARCHAR|TEXT|STRING)/i;
const NUMBER_TYPE = /^(U?(TINY|SMALL|BIG|HUGE)?INT|INTEGER|DOUBLE|FLOAT|REAL|DECIMAL)/i;
/** Patterns that also fit plain numbers (zip codes, counts), trusted only for date-named columns. */
const NUMERIC_PATTERNS = ['ymd-compact', 'excel-serial'];

/** Whether a column is worth sampling at all: text, or numbers with a date-like name. */
export function isConversionCandidate(column: string, type: string): boolean {
  return TEXT_TYPE.test(type) || (NUMBER_TYPE.test(type) && mayBeDate(column));
}

/**
 * Whether a column (by its name, DuckDB type and a sample of its non-blank values as text) holds
 * dates or amounts written in a way DuckDB did not read, and the rule to read them with.
 * Text columns may be dates (2024/1/5, 2024年1月5日, 20240105, 45296 as Excel serials for
 * date-named columns) or numbers (¥1,234.50, (12.50), 12%, plain numbers stored as text, or
 * mostly numbers with a few misfits such as N/A), unless the column holds identifiers
 * (`isIdLike`). Number columns are only checked for compact or serial dates, by name.
 */
export function suggestConversion(
  column: string,
  type: string,
  samples: readonly string[],
): ConversionSuggestion | null {
  const values = samples.filter((v) => v.trim() !== '');
  if (values.length === 0) return null;
  if (!isConversionCandidate(column, type)) return null;
  const text = TEXT_TYPE.test(type);
  const base = { column, sampled: values.length, examples: values.slice(0, 5) };

  const date = inferDateRule(values);
  const numericOnly = date.patterns.every((p) => NUMERIC_PATTERNS.includes(p));
  // Unnamed: 19970101 is a date every sampled value agrees on; a small number never is.
  const trusted =
    DATE_NAME.test(column) ||
    (UNNAMED.test(column) && date.patterns.length === 1 && date.patterns[0] === 'ymd-compact');
  if (date.parsed >= MIN_PARSED_SHARE * values.length && (!numericOnly || trusted)) {
    return {
      ...base,
      rule: { to: 'date', patterns: date.patterns, hasTime: date.hasTime },
      parsed: date.parsed,
      ambiguous: date.ambiguousOrder,
    };
  }
  // Identifiers (order numbers, stock codes, phone numbers) are not amounts, whatever they
  // look like: converting 发票号 would blank every cancellation number (C536379).
  if (!text || isIdLikeColumn(column, values)) return null;

  // Numbers kept as text (a workbook whose cells are text, a column with a few misfits): in any
  // column that is not an identifier, so a text quantity is found as well as a text amount.
  const amount = inferAmountRule(values);
  if (amount.parsed >= MIN_PARSED_SHARE * values.length) {
    return {
      ...base,
      rule: { to: 'amount', decimal: amount.decimal },
      parsed: amount.parsed,
      ambiguous: amount.ambiguousDecimal,
    };
  }
  return null;
}
