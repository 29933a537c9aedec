import type { Labels } from '../domain/labels';
import type { SheetTable } from './read-excel';
import { rowsToArrowIPC } from './rows-to-arrow';

/** A sheet read and packed for DuckDB: what crosses from the workbook worker to the page. */
export interface SheetArrow {
  columns: string[];
  rowCount: number;
  /** Arrow IPC stream for `Engine.insertArrowIPC`. */
  ipc: Uint8Array;
  /** 1-based sheet row of the header. */
  headerRow: number;
  warnings: Labels[];
}

export function sheetArrow(table: SheetTable, onProgress?: (fraction: number) => void): SheetArrow {
  return {
    columns: table.columns,
    rowCount: table.rows.length,
    ipc: rowsToArrowIPC(table.columns, table.rows, onProgress),
    headerRow: table.headerRow,
    warnings: table.warnings,
  };
}
