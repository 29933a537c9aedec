import { LocalizedError } from '../domain/localized-error';
import type { ClusterFit, ClusterSettings } from '../model/clustering/cluster-fit';
import { fitClusters } from '../model/clustering/fit-clusters';
import type { ClustersWorkerMessage } from './clusters.worker';

/**
 * Fits the clusters in a Web Worker; the columns' buffers move to it. Where there is no Worker
 * (Node, in tests) the same code fits in line.
 */
export async function fitClustersInWorker(
  columns: Record<string, Float64Array>,
  settings: ClusterSettings,
): Promise<ClusterFit> {
  if (typeof Worker === 'undefined') return fitClusters(columns, settings);
  const worker = new Worker(new URL('./clusters.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ClusterFit>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ClustersWorkerMessage>) => {
      const m = event.data;
      worker.terminate();
      if (m.type === 'done') resolve(m.fit);
      else reject(m.labels ? new LocalizedError(m.labels) : new Error(m.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    const buffers = Object.values(columns).map((c) => c.buffer as ArrayBuffer);
    worker.postMessage({ columns, settings }, buffers);
  });
}
