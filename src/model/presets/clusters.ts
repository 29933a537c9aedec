import type { Labels } from '../../domain/labels';
import { fitProblem } from '../clustering/check-fit';
import { K_RANGE, type ClusterFit, type ClusterSettings } from '../clustering/cluster-fit';
import { CLUSTER_FEATURES, DEFAULT_CLUSTER_FEATURES } from '../clustering/cluster-features';
import { clusterDefinition, clusterNames, clusterStrategy } from '../clustering/cluster-names';
import {
  clusterKey,
  clustersSql,
  NOT_CLUSTERED_KEY,
  unfittedClustersSql,
} from '../../sql/presets/clusters';
import { assertContext, choiceError, errorsOf, numberError, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';

export interface ClustersParams extends ClusterSettings {
  /** `auto`: the k of highest silhouette; else the k chosen, '2'..'8'. */
  k: string;
  /** The fitted clusters: fitted when the cell runs without a current fit. */
  fit: ClusterFit | null;
}

export const CLUSTERS_ID = 'clusters';

const L = {
  features: { en: 'Features to cluster on', zh: '聚类特征' },
  log: { en: 'Log-transform the features', zh: '对特征取对数' },
  k: { en: 'Number of clusters (k)', zh: '聚类数（k）' },
  seed: { en: 'Random seed', zh: '随机种子' },
  restarts: { en: 'Restarts', zh: '重启次数' },
  fit: { en: 'Fitted clusters', zh: '聚类结果' },
} satisfies Record<keyof ClustersParams, Labels>;

const NOT_CLUSTERED: SegmentDef = {
  key: NOT_CLUSTERED_KEY,
  label: { en: 'Not clustered', zh: '未聚类' },
  definition: {
    en: 'Customers missing a chosen feature (prospects have no recency, tenure or order value): nothing is filled in for them.',
    zh: '缺少所选特征的客户（潜在客户没有最近购买间隔、客户年龄和客单价）：不为其填补任何值。',
  },
  strategy: {
    en: 'Not part of the clustering: treat them with another segmentation (e.g. lifecycle for prospects).',
    zh: '不参与聚类：请用其他分群处理（如用生命周期分群处理潜在客户）。',
  },
};

function defaults(): ClustersParams {
  return {
    features: [...DEFAULT_CLUSTER_FEATURES],
    log: true,
    k: 'auto',
    seed: 42,
    restarts: 5,
    fit: null,
  };
}

/** The settings a fit is made from. */
export function clusterSettings(p: ClustersParams): ClusterSettings {
  return { features: [...p.features], log: p.log, seed: p.seed, restarts: p.restarts };
}

/** Whether `p.fit` was fitted with `p`'s settings on features as of `asOf`. */
export function fitIsCurrent(p: ClustersParams, asOf: string): boolean {
  const f = p.fit;
  if (!f || fitProblem(f)) return false;
  return (
    f.asOf === asOf &&
    f.log === p.log &&
    f.seed === p.seed &&
    f.restarts === p.restarts &&
    f.features.join('\n') === p.features.join('\n')
  );
}

/** The k the clusters use: the chosen one, or the best by silhouette. */
export function chosenK(p: ClustersParams): number | null {
  if (!p.fit) return null;
  return p.k === 'auto' ? p.fit.bestK : Number(p.k);
}

const K_CHOICES = ['auto', ...Array.from({ length: K_RANGE.max - 1 }, (_, i) => String(i + 2))];

function validate(p: ClustersParams): ParamError[] {
  const features = Array.isArray(p.features) ? p.features : [];
  const unknown = features.filter((f) => typeof f !== 'string' || !(f in CLUSTER_FEATURES));
  const featureError: ParamError | null =
    !Array.isArray(p.features) || features.length === 0
      ? {
          key: 'features',
          message: { en: 'Choose at least one feature.', zh: '请至少选择一个特征。' },
        }
      : unknown.length > 0 || new Set(features).size !== features.length
        ? {
            key: 'features',
            message: {
              en: `Not features that can be clustered on: ${unknown.join(', ') || 'a repeated feature'}.`,
              zh: `以下不是可聚类的特征：${unknown.join('、') || '重复的特征'}。`,
            },
          }
        : null;
  const errors = errorsOf([
    featureError,
    typeof p.log === 'boolean'
      ? null
      : { key: 'log', message: { en: 'Log must be on or off.', zh: '取对数必须为开或关。' } },
    choiceError('k', L.k, p.k, K_CHOICES),
    numberError('seed', L.seed, p.seed, { min: 0, max: 2 ** 31 - 1, integer: true }),
    numberError('restarts', L.restarts, p.restarts, { min: 1, max: 50, integer: true }),
  ]);
  if (errors.length > 0 || p.fit === null) return errors;
  const problem = fitProblem(p.fit);
  if (problem) return [{ key: 'fit', message: problem }];
  const k = chosenK(p)!;
  if (!p.fit.solutions.some((s) => s.k === k)) {
    const ks = p.fit.solutions.map((s) => s.k);
    return [
      {
        key: 'k',
        message: {
          en: `k = ${k} was not fitted: with this few customers, only k = ${ks[0]}–${ks.at(-1)}.`,
          zh: `未拟合 k = ${k}：客户太少，只能取 k = ${ks[0]}–${ks.at(-1)}。`,
        },
      },
    ];
  }
  return [];
}

/** The clusters of the chosen k, named from their centroids, then "Not clustered". */
function segments(p: ClustersParams): SegmentDef[] {
  const k = chosenK(p);
  const solution = p.fit?.solutions.find((s) => s.k === k);
  if (!p.fit || !solution || fitProblem(p.fit)) return [{ ...NOT_CLUSTERED }];
  const { features } = p.fit;
  const names = clusterNames(features, solution.centroids);
  const clusters = solution.centroids.map((centroid, i) => ({
    key: clusterKey(i),
    label: names[i]!,
    definition: clusterDefinition(features, centroid),
    strategy: clusterStrategy(features, centroid),
  }));
  return [...clusters, { ...NOT_CLUSTERED }];
}

function toSql(p: ClustersParams, ctx: PresetContext): string {
  throwIfInvalid(clusters.label, validate(p));
  assertContext(ctx);
  if (!p.fit) return unfittedClustersSql(ctx, segments(p));
  const k = chosenK(p)!;
  const solution = p.fit.solutions.find((s) => s.k === k)!;
  const model = { ...p.fit, centroids: solution.centroids, k };
  return clustersSql(model, ctx, segments(p));
}

/** Explained clusters: k-means on chosen features, assigned by readable SQL. */
export const clusters: Preset<ClustersParams> = {
  id: CLUSTERS_ID,
  label: { en: 'Explained clusters (k-means)', zh: '可解释聚类（k-means）' },
  description: {
    en: 'Groups customers that look alike on the features you pick, with no rules of your own: k-means (k-means++ start, fixed seed, several restarts) on log-transformed, standardised features, with k chosen by silhouette over 2–8. Each cluster is named from its centre; the assignment is plain SQL (distance to each centre), so “Show SQL” reads exactly how a customer is placed. Same data and seed, same clusters.',
    zh: '无需自定规则，按您选择的特征把相似的客户归为一群：对取对数并标准化后的特征做 k-means（k-means++ 初始化、固定随机种子、多次重启），k 在 2–8 之间按轮廓系数选择。每个群按其中心命名；分配规则是普通 SQL（到各中心的距离），“查看 SQL”即可看到每位客户如何归群。数据和种子相同，结果相同。',
  },
  params: [
    { key: 'features', kind: 'custom', label: L.features },
    {
      key: 'log',
      kind: 'boolean',
      label: L.log,
      help: {
        en: 'sign(x)·ln(1 + |x|): spend and order counts are skewed; without it a few big spenders make their own clusters.',
        zh: 'sign(x)·ln(1 + |x|)：消费额和订单数偏态严重；不取对数时少数大客户会自成一群。',
      },
    },
    { key: 'fit', kind: 'custom', label: L.fit },
    {
      key: 'k',
      kind: 'select',
      label: L.k,
      options: K_CHOICES.map((value) => ({
        value,
        label:
          value === 'auto'
            ? { en: 'Best silhouette', zh: '轮廓系数最优' }
            : { en: `k = ${value}`, zh: `k = ${value}` },
      })),
    },
    { key: 'seed', kind: 'integer', label: L.seed, min: 0 },
    {
      key: 'restarts',
      kind: 'integer',
      label: L.restarts,
      min: 1,
      max: 50,
      help: {
        en: 'Runs from different starting centres; the tightest clustering is kept.',
        zh: '从不同初始中心多次运行，保留最紧凑的结果。',
      },
    },
  ],
  defaults,
  validate,
  segments,
  toSql,
};
