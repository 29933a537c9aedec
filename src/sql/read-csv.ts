import { ident, num, str } from './quote';

export interface ReadCsvOptions {
  /** The name the file was registered under (UTF-8 already: transcode first). */
  file: string;
  table: string;
  /** Leave out to let DuckDB detect it. */
  delimiter?: string;
  header?: boolean;
  /** Lines DuckDB leaves out before the header (or the first row). */
  skip?: number;
  /** Leave out for `"`. */
  quote?: string;
  /** Numbers are written 1.234,50. */
  decimalComma?: boolean;
  /** Rows DuckDB samples to detect types; -1 reads the whole file first. */
  sampleSize?: number;
  /** Column names from `sanitizeColumns`; they replace the file's header. */
  columnNames?: readonly string[];
  /** Columns to read as text, e.g. after a value late in the file did not fit the sampled type. */
  textColumns?: readonly string[];
}

/**
 * Where DuckDB keeps the rows it set aside: temporary tables, named with SegLab's prefix so no
 * user table clashes and the table list leaves them out.
 */
export const CSV_REJECTS_TABLE = '__seglab_csv_rejects';
export const CSV_SCANS_TABLE = '__seglab_csv_scans';
const SAMPLE_SIZE = 20480;
/** Bigger than DuckDB's 2 MB default for one-line notes; DuckDB buffers 16 lines' worth. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/**
 * `CREATE TABLE` from a registered CSV. Rows whose field count or type does not fit are not fatal:
 * DuckDB sets them aside (store_rejects) and `csvRejectsSql` + `csvLoadReport` report them by
 * line. Short rows are not padded with NULLs, because a row with a field too few or too many
 * usually has a delimiter missing or unquoted, and its values would land in the wrong columns.
 */
export function readCsvSql(options: ReadCsvOptions): string {
  const args = [
    str(options.file),
    'auto_detect=true',
    `sample_size=${num(options.sampleSize ?? SAMPLE_SIZE)}`,
    `max_line_size=${num(MAX_LINE_BYTES)}`,
    'store_rejects=true',
    `rejects_table=${str(CSV_REJECTS_TABLE)}`,
    `rejects_scan=${str(CSV_SCANS_TABLE)}`,
  ];
  if (options.delimiter !== undefined) args.push(`delim=${str(options.delimiter)}`);
  if (options.skip) args.push(`skip=${num(options.skip)}`);
  if (options.quote !== undefined && options.quote !== '"') {
    args.push(`quote=${str(options.quote)}`, `escape=${str(options.quote)}`);
  }
  if (options.decimalComma) args.push(`decimal_separator=','`, `thousands='.'`);
  const names = options.columnNames;
  const header = options.header ?? (names ? true : undefined);
  if (header !== undefined) args.push(`header=${header ? 'true' : 'false'}`);
  if (names) args.push(`names=[${names.map(str).join(', ')}]`);
  if (options.textColumns?.length) {
    args.push(`types={${options.textColumns.map((c) => `${str(c)}: 'VARCHAR'`).join(', ')}}`);
  }
  return `CREATE TABLE ${ident(options.table)} AS SELECT * FROM read_csv(${args.join(', ')})`;
}

/** How many set-aside rows a load reports by line. */
const SHOWN = 20;

/** The rows the last `readCsvSql` of `file` set aside, first lines first, with the total. */
export function csvRejectsSql(file: string): string {
  return `SELECT e.line, e.column_name, CAST(e.error_type AS VARCHAR) AS error_type, e.error_message, left(e.csv_line, 200) AS csv_line, count(*) OVER () AS total
FROM ${ident(CSV_REJECTS_TABLE)} e
WHERE e.scan_id = (SELECT max(scan_id) FROM ${ident(CSV_SCANS_TABLE)} WHERE file_path = ${str(file)})
ORDER BY e.line
LIMIT ${num(SHOWN)}`;
}
