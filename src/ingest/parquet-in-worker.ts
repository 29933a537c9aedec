import type { ParquetBatch } from './parquet-to-arrow';
import type { ParquetWorkerMessage, ParquetWorkerRequest } from './parquet.worker';

/** Batches the worker may decode ahead of the caller: one being inserted, one on its way. */
const WINDOW = 2;

/**
 * Reads a Parquet file into Arrow IPC batches in a Web Worker (see parquetToArrowBatches).
 * The worker decodes a batch only when the caller has taken one, so a big file does not pile up
 * in memory; stopping early (or an error) terminates it.
 */
export async function* parquetInWorker(data: Blob | Uint8Array): AsyncGenerator<ParquetBatch> {
  const worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module' });
  const inbox: ParquetWorkerMessage[] = [];
  let wake = () => {};
  const receive = (m: ParquetWorkerMessage) => {
    inbox.push(m);
    wake();
  };
  worker.onmessage = (event: MessageEvent<ParquetWorkerMessage>) => receive(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    receive({
      type: 'error',
      name: 'Error',
      message: event.message || 'the Parquet reader failed',
    });
  };
  worker.onmessageerror = () =>
    receive({ type: 'error', name: 'Error', message: 'the Parquet reader sent unreadable data' });
  const send = (m: ParquetWorkerRequest) => worker.postMessage(m);
  try {
    send({ type: 'open', data });
    for (let i = 0; i < WINDOW; i++) send({ type: 'next' });
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift()!;
      if (m.type === 'done') return;
      if (m.type === 'error') throw Object.assign(new Error(m.message), { name: m.name });
      send({ type: 'next' });
      yield { ipc: new Uint8Array(m.ipc), rowsDone: m.rowsDone, rowsTotal: m.rowsTotal };
    }
  } finally {
    worker.terminate();
  }
}
