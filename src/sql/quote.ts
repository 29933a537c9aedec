/**
 * The one place where identifiers and literals are quoted for DuckDB. Every other module builds
 * SQL through these functions, so a user's column name or value is never pasted in raw.
 */

/** Quotes an identifier (table or column name): `my "col"` -> `"my ""col"""`. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal: `O'Brien` -> `'O''Brien'`. */
export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A finite number as a SQL literal. Throws for NaN and infinities, which SQL cannot spell. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}

/** A calendar date as a DATE literal, from a `YYYY-MM-DD` string or a Date (UTC day). */
export function date(value: string | Date): string {
  const text = typeof value === 'string' ? value : value.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`Not a date (YYYY-MM-DD): ${text}`);
  return `DATE ${str(text)}`;
}

/** Any JS value as a SQL literal. */
export function literal(value: string | number | boolean | Date | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date)
    return `TIMESTAMP ${str(value.toISOString().replace('T', ' ').replace('Z', ''))}`;
  return str(value);
}

/** A qualified column reference `t.c`. */
export function col(table: string, column: string): string {
  return `${ident(table)}.${ident(column)}`;
}
