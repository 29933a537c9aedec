/// <reference lib="webworker" />
import { predict, type PredictProgress, type PredictSettings } from '../model/clv/predict';

export interface ClvWorkerRequest {
  rows: Record<string, unknown>[];
  settings: PredictSettings;
}

export type ClvWorkerMessage =
  | { type: 'progress'; progress: PredictProgress }
  | { type: 'done'; result: ReturnType<typeof predict> }
  | { type: 'error'; message: string; labels?: { en: string; zh: string } };

// Fitting takes long enough to freeze the page, so it runs here, off the main thread.
self.onmessage = (event: MessageEvent<ClvWorkerRequest>) => {
  const post = (m: ClvWorkerMessage) => self.postMessage(m);
  try {
    const result = predict(event.data.rows, event.data.settings, (progress) =>
      post({ type: 'progress', progress }),
    );
    post({ type: 'done', result });
  } catch (e) {
    const labels = (e as { labels?: { en: string; zh: string } }).labels;
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), labels });
  }
};
