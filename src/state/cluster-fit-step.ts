import type { Engine } from '../engine/types';
import type { ClusterFit, ClusterSettings } from '../model/clustering/cluster-fit';
import { FEATURES_TABLE } from '../model/features-table';
import type { PresetCell } from '../model/notebook';
import {
  clusters,
  clusterSettings,
  fitIsCurrent,
  type ClustersParams,
} from '../model/presets/clusters';
import { clusterInputSql } from '../sql/presets/clusters';

/** Fits clusters from feature columns (in the app: fitClustersInWorker). */
export type FitClusters = (
  columns: Record<string, Float64Array>,
  settings: ClusterSettings,
) => Promise<ClusterFit>;

export interface ClusterFitContext {
  exclusive: <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;
  /** Builds the features table if needed; resolves to its analysis date. */
  ensureFeatures: (engine: Engine) => Promise<string>;
  fit: FitClusters;
}

/**
 * A clusters cell's new fit, when it has none, or one made with other settings or on features
 * of another analysis date; null when its fit is current (or its settings are invalid, which
 * its SQL then reports). The columns are read in one turn on the engine; the fit runs off it.
 */
export async function refitClusters(
  cell: PresetCell,
  ctx: ClusterFitContext,
): Promise<ClusterFit | null> {
  const params = { ...clusters.defaults(), ...cell.params } as ClustersParams;
  if (clusters.validate({ ...params, fit: null }).length > 0) return null;
  const read = await ctx.exclusive(async (engine) => {
    const asOf = await ctx.ensureFeatures(engine);
    if (fitIsCurrent(params, asOf)) return null;
    const columns = await engine.queryNumbers(clusterInputSql(params.features, FEATURES_TABLE));
    return { asOf, columns };
  });
  if (!read) return null;
  const fit = await ctx.fit(read.columns, clusterSettings(params));
  return { ...fit, asOf: read.asOf };
}
