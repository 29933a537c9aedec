import { LocalizedError } from '../../domain/localized-error';
import {
  FIT_SAMPLE,
  K_RANGE,
  SILHOUETTE_SAMPLE,
  type ClusterFit,
  type ClusterSettings,
  type ClusterSolution,
} from './cluster-fit';
import { meanAndScale, roundSignificant, transformValue } from './feature-transform';
import { kmeans } from './kmeans';
import { subset, type Points } from './points';
import { sampleIndices } from './random';
import { pairwiseDistances, silhouetteFrom } from './silhouette';

/** Fewer customers with every chosen feature than this cannot be clustered usefully. */
export const MIN_CUSTOMERS = 10;

/** Clusters are numbered by this feature's centroid, highest first: the first chosen of these. */
const ORDER_BY = ['monetary', 'avg_order_value', 'frequency'];

/**
 * Fits k-means for k = 2..8 on the chosen features (NaN = missing), logged and standardised,
 * and measures each k's silhouette. `columns` must come in a fixed order (by customer id): the
 * same rows and seed give the same clusters.
 */
export function fitClusters(
  columns: Record<string, Float64Array>,
  settings: ClusterSettings,
  limits: { fitSample?: number; silhouetteSample?: number } = {},
): ClusterFit {
  const { features, log } = settings;
  const cols = features.map((f) => {
    const col = columns[f];
    if (!col) throw new Error(`No column ${f}`);
    return col;
  });
  const total = cols[0]?.length ?? 0;
  const complete: number[] = [];
  for (let i = 0; i < total; i++) if (cols.every((c) => !Number.isNaN(c[i]!))) complete.push(i);
  const n = complete.length;
  if (n < MIN_CUSTOMERS) {
    throw new LocalizedError({
      en: `Only ${n} customers have every chosen feature; clustering needs at least ${MIN_CUSTOMERS}. Choose features most customers have (prospects have no recency, tenure or order value).`,
      zh: `仅有${n}位客户具备所有所选特征；聚类至少需要${MIN_CUSTOMERS}位。请选择多数客户都有的特征（潜在客户没有最近购买间隔、客户年龄和客单价）。`,
    });
  }
  const d = features.length;
  const center: number[] = [];
  const scale: number[] = [];
  const logged = cols.map((col) =>
    Float64Array.from(complete, (i) => transformValue(col[i]!, log)),
  );
  for (const values of logged) {
    const m = meanAndScale(values);
    center.push(roundSignificant(m.center, 6));
    scale.push(roundSignificant(m.scale, 6));
  }
  const all: Points = { values: new Float64Array(n * d), n, d };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) all.values[i * d + j] = (logged[j]![i]! - center[j]!) / scale[j]!;
  }
  const fitCap = limits.fitSample ?? FIT_SAMPLE;
  const points = n > fitCap ? subset(all, sampleIndices(n, fitCap, settings.seed)) : all;
  const silCap = limits.silhouetteSample ?? SILHOUETTE_SAMPLE;
  const silIndices = sampleIndices(points.n, silCap, settings.seed + 1);
  const silPoints = subset(points, silIndices);
  const distances = pairwiseDistances(silPoints);
  const solutions: ClusterSolution[] = [];
  for (let k = K_RANGE.min; k <= Math.min(K_RANGE.max, points.n - 1); k++) {
    const run = kmeans(points, k, { seed: settings.seed, restarts: settings.restarts });
    const silLabels = Int32Array.from(silIndices, (i) => run.labels[i]!);
    const centroids = orderCentroids(run.centroids, k, d, orderColumn(features));
    solutions.push({
      k,
      centroids: centroids.map((c) => c.map((v) => Number(v.toFixed(4)))),
      inertia: run.inertia,
      silhouette: silhouetteFrom(distances, silPoints.n, silLabels, k),
    });
  }
  const bestK = solutions.reduce((a, b) => (b.silhouette > a.silhouette ? b : a)).k;
  return {
    ...settings,
    features: [...features],
    center,
    scale,
    solutions,
    bestK,
    customers: n,
    notClustered: total - n,
    fitSample: points.n < n ? points.n : null,
    silhouetteSample: silPoints.n < points.n ? silPoints.n : null,
  };
}

function orderColumn(features: string[]): number {
  const named = ORDER_BY.map((f) => features.indexOf(f)).find((j) => j >= 0);
  return named ?? 0;
}

/** The centroids as rows, highest on column `by` first (then by the other columns, in order). */
function orderCentroids(flat: Float64Array, k: number, d: number, by: number): number[][] {
  const rows = Array.from({ length: k }, (_, c) => Array.from(flat.subarray(c * d, c * d + d)));
  return rows.sort((a, b) => {
    if (a[by] !== b[by]) return b[by]! - a[by]!;
    for (let j = 0; j < d; j++) if (a[j] !== b[j]) return b[j]! - a[j]!;
    return 0;
  });
}
