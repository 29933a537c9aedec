import { BundleError, readBundle, type Bundle } from '../io/bundle-file';
import type { BundleWorkerMessage, BundleWorkerRequest } from './bundle.worker';

/**
 * Reads a `.seglab` bundle (see readBundle) in a Web Worker, so the page stays responsive while
 * the entries are inflated; where there are no workers (Node), in this thread.
 */
export function readBundleInWorker(bytes: Uint8Array, maxBytes: number): Promise<Bundle> {
  if (typeof Worker === 'undefined')
    return Promise.resolve().then(() => readBundle(bytes, maxBytes));
  const worker = new Worker(new URL('./bundle.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Bundle>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BundleWorkerMessage>) => {
      const m = event.data;
      worker.terminate();
      if (m.type === 'bundle') resolve(m.bundle);
      else reject(new BundleError(m.code, m.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new BundleError('damaged', event.message || 'the bundle reader failed'));
    };
    worker.onmessageerror = () => {
      worker.terminate();
      reject(new BundleError('damaged', 'the bundle reader sent unreadable data'));
    };
    const request: BundleWorkerRequest = { bytes, maxBytes };
    worker.postMessage(request);
  });
}
