/// <reference lib="webworker" />
import type { Labels } from '../domain/labels';
import { LoadError, type LoadErrorCode } from './load-error';
import { openWorkbook, readSheet, type SheetInfo, type Workbook } from './read-excel';
import { sheetArrow, type SheetArrow } from './sheet-arrow';

/** `open` parses the workbook and answers with its sheets; `read` packs one sheet as Arrow. */
export type ExcelWorkerRequest =
  { type: 'open'; data: Blob | Uint8Array; fileName: string } | { type: 'read'; sheet: string };

/** A LoadError as plain data, to be made again on the page. */
export interface LoadErrorData {
  code: LoadErrorCode;
  file: string;
  messages: Labels;
  hint: Labels;
  row?: number;
  column?: string;
}

export type ExcelWorkerMessage =
  | { type: 'sheets'; sheets: SheetInfo[] }
  | { type: 'progress'; fraction: number }
  | ({ type: 'sheet' } & Omit<SheetArrow, 'ipc'> & { ipc: ArrayBuffer })
  | { type: 'error'; name: string; message: string; load?: LoadErrorData };

let workbook: Workbook | undefined;

const post = (m: ExcelWorkerMessage, transfer: Transferable[] = []) =>
  self.postMessage(m, transfer);

// SheetJS parses in one long call: here it holds up only this worker, never the page.
self.onmessage = async (event: MessageEvent<ExcelWorkerRequest>) => {
  try {
    const request = event.data;
    if (request.type === 'open') {
      const { data, fileName } = request;
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
      workbook = openWorkbook(bytes, fileName);
      post({ type: 'sheets', sheets: workbook.sheets });
      return;
    }
    if (!workbook) throw new Error('no workbook is open');
    const table = sheetArrow(readSheet(workbook, request.sheet), (fraction) =>
      post({ type: 'progress', fraction }),
    );
    const { ipc } = table;
    const whole = ipc.byteOffset === 0 && ipc.byteLength === ipc.buffer.byteLength;
    const buffer = (whole ? ipc : ipc.slice()).buffer as ArrayBuffer;
    post({ ...table, type: 'sheet', ipc: buffer }, [buffer]);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    const load =
      e instanceof LoadError
        ? {
            code: e.code,
            file: e.file,
            messages: e.messages,
            hint: e.hint,
            ...(e.row !== undefined ? { row: e.row } : {}),
            ...(e.column !== undefined ? { column: e.column } : {}),
          }
        : undefined;
    post({ type: 'error', name: error.name, message: error.message, ...(load ? { load } : {}) });
  }
};
