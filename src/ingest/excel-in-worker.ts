import type { ExcelWorkerMessage, ExcelWorkerRequest } from './excel.worker';
import { LoadError } from './load-error';
import type { WorkbookProgress, WorkbookReader } from './workbook-reader';

/**
 * Opens a workbook in a Web Worker (see openWorkbookReader): resolves with its sheets once
 * SheetJS has parsed it; `read` then has the worker pack the chosen sheet as Arrow, whose buffer
 * is handed over, not copied. One request at a time; `close` terminates the worker.
 */
export async function openWorkbookInWorker(
  data: File | Uint8Array,
  fileName: string,
  onProgress: WorkbookProgress,
): Promise<WorkbookReader> {
  const worker = new Worker(new URL('./excel.worker.ts', import.meta.url), { type: 'module' });
  let waiting: { resolve: (m: ExcelWorkerMessage) => void; reject: (e: Error) => void } | null =
    null;
  const fail = (error: Error) => {
    waiting?.reject(error);
    waiting = null;
  };
  worker.onmessage = (event: MessageEvent<ExcelWorkerMessage>) => {
    const m = event.data;
    if (m.type === 'progress') return onProgress(m.fraction);
    if (m.type === 'error') {
      return fail(
        m.load ? new LoadError(m.load) : Object.assign(new Error(m.message), { name: m.name }),
      );
    }
    waiting?.resolve(m);
    waiting = null;
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(event.message || 'the workbook reader failed'));
  };
  worker.onmessageerror = () => fail(new Error('the workbook reader sent unreadable data'));
  const ask = (request: ExcelWorkerRequest) =>
    new Promise<ExcelWorkerMessage>((resolve, reject) => {
      waiting = { resolve, reject };
      worker.postMessage(request);
    });
  try {
    onProgress(null);
    const opened = await ask({ type: 'open', data, fileName });
    if (opened.type !== 'sheets') throw new Error('the workbook reader answered out of turn');
    return {
      sheets: opened.sheets,
      read: async (sheet) => {
        const m = await ask({ type: 'read', sheet });
        if (m.type !== 'sheet') throw new Error('the workbook reader answered out of turn');
        const { type: _type, ipc, ...rest } = m;
        return { ...rest, ipc: new Uint8Array(ipc) };
      },
      close: () => worker.terminate(),
    };
  } catch (e) {
    worker.terminate();
    throw e;
  }
}
