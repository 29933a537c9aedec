/** How to split a text file's lines: one character, or any run of spaces and tabs. */
export type ReadDelimiter = ',' | ';' | '\t' | '|' | 'whitespace';

/**
 * How the user chose to read a table's file, kept with the table in the notebook so a reload or
 * reopening reads the file the same way. Anything left out is detected.
 */
export interface ReadChoices {
  /** Any TextDecoder label. */
  encoding?: string;
  /** The sheet of a workbook. */
  sheet?: string;
  delimiter?: ReadDelimiter;
  /** Whether the first line (after `skip`) names the columns. */
  header?: boolean;
  /** Lines to leave out at the top, e.g. a report title. */
  skip?: number;
  /** Numbers are written 1.234,50. */
  decimalComma?: boolean;
  /** The character that quotes values holding the delimiter; `"` unless chosen. */
  quote?: string;
}

export const READ_DELIMITERS: readonly ReadDelimiter[] = [',', ';', '\t', '|', 'whitespace'];

/** Lines to skip beyond this are not a title: the user meant something else. */
export const MAX_SKIP = 1000;

/** Keeps the fields of `value` that are valid choices (a notebook file may be hand-edited). */
export function parseReadChoices(value: Record<string, unknown>): ReadChoices {
  const { encoding, sheet, delimiter, header, skip, decimalComma, quote } = value;
  return {
    ...(typeof encoding === 'string' ? { encoding } : {}),
    ...(typeof sheet === 'string' ? { sheet } : {}),
    ...(READ_DELIMITERS.includes(delimiter as ReadDelimiter)
      ? { delimiter: delimiter as ReadDelimiter }
      : {}),
    ...(typeof header === 'boolean' ? { header } : {}),
    ...(Number.isInteger(skip) && (skip as number) >= 0 && (skip as number) <= MAX_SKIP
      ? { skip: skip as number }
      : {}),
    ...(typeof decimalComma === 'boolean' ? { decimalComma } : {}),
    ...(typeof quote === 'string' && quote.length === 1 ? { quote } : {}),
  };
}
