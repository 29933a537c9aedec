import type { Labels } from '../../domain/labels';
import { K_RANGE, type ClusterFit } from './cluster-fit';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numbers = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && v.every(finite);

/**
 * Whether a stored fit (from a saved notebook or a link) has the shape its SQL needs: the same
 * number of constants as features, k finite centroids for each k. Null when it does.
 */
export function fitProblem(fit: unknown): Labels | null {
  const f = fit as Partial<ClusterFit> | null;
  const d = Array.isArray(f?.features) ? f.features.length : -1;
  const ok =
    f !== null &&
    typeof f === 'object' &&
    d > 0 &&
    f.features!.every((x) => typeof x === 'string') &&
    typeof f.log === 'boolean' &&
    finite(f.seed) &&
    numbers(f.center, d) &&
    numbers(f.scale, d) &&
    f.scale.every((s) => s > 0) &&
    Array.isArray(f.solutions) &&
    f.solutions.length > 0 &&
    f.solutions.every(
      (s) =>
        Number.isInteger(s?.k) &&
        s.k >= K_RANGE.min &&
        s.k <= K_RANGE.max &&
        Array.isArray(s.centroids) &&
        s.centroids.length === s.k &&
        s.centroids.every((c) => numbers(c, d)) &&
        finite(s.silhouette),
    ) &&
    f.solutions.some((s) => s.k === f.bestK);
  return ok
    ? null
    : {
        en: 'The stored clusters are damaged or incomplete: press “Fit clusters” to fit them again.',
        zh: '保存的聚类结果已损坏或不完整：请点击“拟合聚类”重新拟合。',
      };
}
