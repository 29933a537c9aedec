import { ident, num, str } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

/** A fitted clustering as its SQL needs it (model/clustering/cluster-fit.ts). */
export interface ClusterSqlModel {
  features: string[];
  log: boolean;
  /** Per feature: subtracted, then divided by, after the log. */
  center: number[];
  scale: number[];
  /** One row per cluster, in standardised units; cluster i is segment key `cluster-(i+1)`. */
  centroids: number[][];
  k: number;
  seed: number;
}

/** The segment key of cluster i (0-based). */
export function clusterKey(i: number): string {
  return `cluster-${i + 1}`;
}

export const NOT_CLUSTERED_KEY = 'not_clustered';

/** `x - c`, written `x + 4.2` for a negative c: `x - -4.2` would start a comment. */
function minus(expr: string, c: number): string {
  return c < 0 ? `${expr} + ${num(-c)}` : `${expr} - ${num(c)}`;
}

function zName(feature: string): string {
  return ident(`z_${feature}`);
}

/** Reads the features a clustering is fitted on, in a fixed order (NULL reads as NaN). */
export function clusterInputSql(features: string[], table: string): string {
  const cols = features.map((f) => `CAST(${ident(f)} AS DOUBLE) AS ${ident(f)}`);
  return `SELECT ${cols.join(', ')} FROM ${ident(table)} ORDER BY customer_id`;
}

/**
 * The clusters SELECT: each customer's standardised features, the squared distance to each
 * centroid, and the nearest centroid's segment (the first of equals); a customer missing a
 * chosen feature is not clustered.
 */
export function clustersSql(
  m: ClusterSqlModel,
  ctx: PresetContext,
  segments: SegmentLabel[],
): string {
  const standardised = m.features.map((f, j) => {
    const x = ident(f);
    const value = m.log ? `sign(${x}) * ln(1 + abs(${x}))` : `CAST(${x} AS DOUBLE)`;
    return `    (${minus(value, m.center[j]!)}) / ${num(m.scale[j]!)} AS ${zName(f)}`;
  });
  const d = (i: number) => `d_${i + 1}`;
  const distances = m.centroids.map((centroid, i) => {
    const terms = centroid.map((c, j) => `power(${minus(zName(m.features[j]!), c)}, 2)`);
    return `    ${terms.join('\n      + ')} AS ${d(i)}`;
  });
  const rules = m.centroids.slice(0, -1).map((_, i) => {
    const rest = m.centroids.map((_c, o) => d(o)).slice(i + 1);
    const test =
      rest.length === 1 ? `${d(i)} <= ${rest[0]}` : `${d(i)} <= least(${rest.join(', ')})`;
    return `      WHEN ${test} THEN ${str(clusterKey(i))}`;
  });
  const missing = m.features.map((f) => `${zName(f)} IS NULL`).join(' OR ');
  const raw = m.features.map(ident);
  const logNote = m.log ? 'sign(x) * ln(1 + |x|), then ' : '';
  return `-- k-means, k = ${m.k}, seed ${m.seed}: each feature as ${logNote}(x - mean) / sd;
-- each customer goes to the nearest centroid (squared distance d_1 .. d_${m.k}).
WITH standardised AS (
  SELECT
    customer_id,
${[...raw.map((c) => `    ${c},`), ...standardised.map((s, j) => (j < standardised.length - 1 ? `${s},` : s))].join('\n')}
  FROM ${ident(ctx.features)}
),
distances AS (
  SELECT
    *,
${distances.join(',\n')}
  FROM standardised
),
assigned AS (
  SELECT
    *,
    CASE
      WHEN ${missing} THEN ${str(NOT_CLUSTERED_KEY)}
${rules.join('\n')}
      ELSE ${str(clusterKey(m.k - 1))}
    END AS segment_key
  FROM distances
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
${raw.map((c) => `  ${c}`).join(',\n')}
FROM assigned`;
}

/** Before the first fit (it is made when the cell runs): every customer is not clustered yet. */
export function unfittedClustersSql(ctx: PresetContext, segments: SegmentLabel[]): string {
  return `-- Not fitted yet: the clusters are fitted when the cell runs.
SELECT
  customer_id,
  ${segmentCase(str(NOT_CLUSTERED_KEY), segments, ctx.lang)} AS segment,
  ${str(NOT_CLUSTERED_KEY)} AS segment_key
FROM ${ident(ctx.features)}`;
}
