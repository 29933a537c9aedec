import { LocalizedError } from '../domain/localized-error';
import type { PredictProgress, PredictResult } from '../model/clv/predict';
import type { PredictRequest } from '../model/clv/predict-request';

import type { ClvWorkerMessage } from './clv.worker';

/** Fits the CLV models in a Web Worker, reporting progress as it goes. */
export function fitInWorker(
  request: PredictRequest,
  onProgress: (p: PredictProgress) => void,
): Promise<PredictResult> {
  const worker = new Worker(new URL('./clv.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<PredictResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ClvWorkerMessage>) => {
      const m = event.data;
      if (m.type === 'progress') return onProgress(m.progress);
      worker.terminate();
      if (m.type === 'done') resolve(m.result);
      else reject(m.labels ? new LocalizedError(m.labels) : new Error(m.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(request);
  });
}
