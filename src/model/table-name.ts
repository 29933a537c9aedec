/**
 * A table name from a file name: extension dropped, anything but letters, digits and _ turned
 * into _, never starting with a digit nor a reserved name (see checkTableName), unique (case-insensitively) among `taken`.
 */
export function tableNameFor(fileName: string, taken: Iterable<string>): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/\.(csv|tsv|txt)$/i, '');
  let base = stem
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  if (base === '') base = 'table';
  if (/^\p{N}/u.test(base)) base = `t_${base}`;
  if (checkTableName(base) === 'reserved') base = `t_${base.replace(/__raw$/i, '_raw')}`;
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Names SegLab or DuckDB give tables themselves: internal tables, the customer features, the
 * loaded original of a cleaned table (`<table>__raw`) and DuckDB's catalog.
 */
const RESERVED = /^(__seglab|duckdb_|sqlite_|pg_|information_schema$|customer_features$)|__raw$/i;

/**
 * Whether a table or result name (typed by the user, or read from a bundle) is usable; returns
 * the problem, or null.
 */
export function checkTableName(name: string): 'empty' | 'too-long' | 'reserved' | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > 63) return 'too-long';
  if (RESERVED.test(trimmed)) return 'reserved';
  return null;
}
