/** The value of one cell of a query result, converted from Arrow to plain JS. */
export type CellValue = string | number | boolean | Date | null;

export type Row = Record<string, CellValue>;

/** The broad kind of a column, enough to choose formatting, alignment and chart encodings. */
export type ColumnKind = 'number' | 'string' | 'date' | 'timestamp' | 'boolean' | 'other';

export interface ColumnInfo {
  name: string;
  /** The Arrow type as text, e.g. `Int64`, `Utf8`, `Date32<DAY>`. */
  type: string;
  kind: ColumnKind;
}

export interface QueryResult {
  columns: ColumnInfo[];
  rows: Row[];
}
