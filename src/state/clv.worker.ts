/// <reference lib="webworker" />
import type { PredictProgress, PredictResult } from '../model/clv/predict';
import { predictRequest, type PredictRequest } from '../model/clv/predict-request';

export type ClvWorkerMessage =
  | { type: 'progress'; progress: PredictProgress }
  | { type: 'done'; result: PredictResult }
  | { type: 'error'; message: string; labels?: { en: string; zh: string } };

// Fitting takes long enough to freeze the page, so it runs here, off the main thread.
self.onmessage = (event: MessageEvent<PredictRequest>) => {
  const post = (m: ClvWorkerMessage) => self.postMessage(m);
  try {
    const result = predictRequest(event.data, (progress) => post({ type: 'progress', progress }));
    post({ type: 'done', result });
  } catch (e) {
    const labels = (e as { labels?: { en: string; zh: string } }).labels;
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), labels });
  }
};
