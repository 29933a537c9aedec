/// <reference lib="webworker" />
import type { ClusterFit, ClusterSettings } from '../model/clustering/cluster-fit';
import { fitClusters } from '../model/clustering/fit-clusters';

export interface ClustersRequest {
  columns: Record<string, Float64Array>;
  settings: ClusterSettings;
}

export type ClustersWorkerMessage =
  | { type: 'done'; fit: ClusterFit }
  | { type: 'error'; message: string; labels?: { en: string; zh: string } };

// Seven k-means fits with restarts and their silhouettes take long enough to freeze the page.
self.onmessage = (event: MessageEvent<ClustersRequest>) => {
  const post = (m: ClustersWorkerMessage) => self.postMessage(m);
  try {
    post({ type: 'done', fit: fitClusters(event.data.columns, event.data.settings) });
  } catch (e) {
    const labels = (e as { labels?: { en: string; zh: string } }).labels;
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), labels });
  }
};
