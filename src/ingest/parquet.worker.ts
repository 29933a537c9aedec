/// <reference lib="webworker" />
import { parquetToArrowBatches, type ParquetBatch } from './parquet-to-arrow';

/**
 * `open` starts reading a file; each `next` lets the worker send one more batch, so it never
 * runs more than a few batches ahead of the page's inserts into DuckDB.
 */
export type ParquetWorkerRequest = { type: 'open'; data: Blob | Uint8Array } | { type: 'next' };

export type ParquetWorkerMessage =
  | { type: 'batch'; ipc: ArrayBuffer; rowsDone: number; rowsTotal: number }
  | { type: 'done' }
  | { type: 'error'; name: string; message: string };

let batches: AsyncGenerator<ParquetBatch> | undefined;
let credits = 0;
let pumping = false;

const post = (m: ParquetWorkerMessage, transfer: Transferable[] = []) =>
  self.postMessage(m, transfer);

// Decoding a large file takes seconds, so it runs here, off the main thread.
self.onmessage = (event: MessageEvent<ParquetWorkerRequest>) => {
  if (event.data.type === 'open') batches = parquetToArrowBatches(event.data.data);
  else credits++;
  void pump();
};

async function pump(): Promise<void> {
  if (pumping || !batches) return;
  pumping = true;
  try {
    while (credits > 0) {
      const next = await batches.next();
      if (next.done) return post({ type: 'done' });
      credits--;
      const { ipc, rowsDone, rowsTotal } = next.value;
      const whole = ipc.byteOffset === 0 && ipc.byteLength === ipc.buffer.byteLength;
      const buffer = (whole ? ipc : ipc.slice()).buffer as ArrayBuffer;
      post({ type: 'batch', ipc: buffer, rowsDone, rowsTotal }, [buffer]);
    }
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({ type: 'error', name: error.name, message: error.message });
  } finally {
    pumping = false;
  }
}
