import type { SheetInfo } from './read-excel';
import type { SheetArrow } from './sheet-arrow';

/**
 * An opened workbook: its sheets first (for the sheet picker), then the chosen sheet, read and
 * packed as Arrow. `close` frees it (and its worker).
 */
export interface WorkbookReader {
  sheets: SheetInfo[];
  read(sheet: string): Promise<SheetArrow>;
  close(): void;
}

/** Progress of a workbook: null while SheetJS parses (it does not say how far it is). */
export type WorkbookProgress = (fraction: number | null) => void;

/**
 * Opens a workbook with SheetJS: in a Web Worker where there are workers, since parsing a large
 * workbook takes seconds (a 55 MB one froze the page ~36 s); directly where there are none (Node
 * tests), so tests exercise the same parser.
 */
export async function openWorkbookReader(
  data: File | Uint8Array,
  fileName: string,
  onProgress: WorkbookProgress = () => {},
): Promise<WorkbookReader> {
  if (typeof Worker !== 'undefined') {
    const { openWorkbookInWorker } = await import('./excel-in-worker');
    return openWorkbookInWorker(data, fileName, onProgress);
  }
  // The spreadsheet reader is large: it is fetched only when a workbook is dropped.
  const { openWorkbook, readSheet } = await import('./read-excel');
  const { sheetArrow } = await import('./sheet-arrow');
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
  onProgress(null);
  const workbook = openWorkbook(bytes, fileName);
  return {
    sheets: workbook.sheets,
    read: async (sheet) => sheetArrow(readSheet(workbook, sheet), onProgress),
    close: () => {},
  };
}
