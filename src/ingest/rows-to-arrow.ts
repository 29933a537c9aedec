import { Table, tableToIPC, type Vector } from 'apache-arrow';
import { arrowColumn } from './arrow-column';
import type { SheetCell } from './detect-header-row';

const DAY_MS = 86_400_000;

/**
 * Packs sheet rows into an Arrow IPC stream for `Engine.insertArrowIPC`. Each column gets one
 * type: DOUBLE, BOOLEAN, DATE (all dates at midnight), TIMESTAMP, or text when the cells mix
 * kinds (then numbers and dates are written out as text). `columns` must be unique names, as
 * `sanitizeColumns` makes them.
 */
export function rowsToArrowIPC(
  columns: readonly string[],
  rows: readonly (readonly SheetCell[])[],
  /** Share of the columns packed so far. */
  onProgress?: (fraction: number) => void,
): Uint8Array {
  const vectors: Record<string, Vector> = {};
  columns.forEach((name, c) => {
    vectors[name] = columnVector(rows.map((r) => r[c] ?? null));
    onProgress?.((c + 1) / columns.length);
  });
  return tableToIPC(new Table(vectors), 'stream');
}

function columnVector(values: SheetCell[]): Vector {
  const present = values.filter((v) => v !== null);
  const all = (test: (v: SheetCell) => boolean) => present.length > 0 && present.every(test);
  if (all((v) => typeof v === 'number')) return arrowColumn('float64', values);
  if (all((v) => typeof v === 'boolean')) return arrowColumn('bool', values);
  if (all((v) => v instanceof Date)) {
    const dates = present as Date[];
    return arrowColumn(
      dates.every((d) => d.getTime() % DAY_MS === 0) ? 'date' : 'timestamp',
      values,
    );
  }
  return arrowColumn(
    'text',
    values.map((v) => (v === null ? null : asText(v))),
  );
}

function asText(value: Exclude<SheetCell, null>): string {
  if (!(value instanceof Date)) return String(value);
  const iso = value.toISOString();
  return value.getTime() % DAY_MS === 0 ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}
