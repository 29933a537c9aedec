import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignClusters } from '../../../../src/model/clustering/assign-clusters';
import { fitClusters } from '../../../../src/model/clustering/fit-clusters';
import { clusters, type ClustersParams } from '../../../../src/model/presets/clusters';
import { clusterInputSql } from '../../../../src/sql/presets/clusters';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, type FeatureRow } from '../../../support/features-fixture';
import { blobs } from '../../model/clustering/synthetic';

const FEATURES = ['recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_order_value'];

/**
 * Three kinds of buyer (recent big spenders, lapsed one-off buyers, new small buyers) drawn
 * around centres in log space, and ten prospects (no recency, tenure or order value).
 */
function customers(): FeatureRow[] {
  const centres = [
    [Math.log(10), Math.log(20), Math.log(5000), Math.log(700)],
    [Math.log(400), Math.log(1.5), Math.log(80), Math.log(500)],
    [Math.log(20), Math.log(2), Math.log(150), Math.log(40)],
  ];
  const data = blobs(centres, 120, 0.25, 2024);
  const rows: FeatureRow[] = [];
  for (let i = 0; i < data.n; i++) {
    const v = (j: number) => Math.exp(data.values[i * 4 + j]!);
    const frequency = Math.max(1, Math.round(v(1)));
    const monetary = Math.round(v(2) * 100) / 100;
    rows.push({
      customer_id: `c${String(i).padStart(4, '0')}`,
      recency_days: Math.round(v(0)),
      frequency,
      monetary,
      tenure_days: Math.round(v(3)) + Math.round(v(0)),
      avg_order_value: monetary / frequency,
    });
  }
  for (let i = 0; i < 10; i++) rows.push({ customer_id: `p${i}`, is_prospect: true });
  return rows;
}

let engine: NodeEngine;
let columns: Record<string, Float64Array>;
let ids: string[];
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, customers());
  columns = await engine.queryNumbers(clusterInputSql(FEATURES, 'features'));
  const { rows } = await engine.query('SELECT customer_id FROM features ORDER BY customer_id');
  ids = rows.map((r) => String(r.customer_id));
});
afterAll(() => engine.close());

async function assignedBySql(p: ClustersParams, lang: 'en' | 'zh-CN' = 'en') {
  const sql = clusters.toSql(p, { features: 'features', asOf: '2025-01-01', lang });
  const { rows } = await engine.query(`${sql} ORDER BY customer_id`);
  return rows;
}

/** The JS assignment as segment keys, by customer, in the same order. */
function assignedByJs(p: ClustersParams, k: number): string[] {
  const labels = assignClusters(p.fit!, k, columns);
  return Array.from(labels, (c) => (c < 0 ? 'not_clustered' : `cluster-${c + 1}`));
}

describe('clusters preset SQL', () => {
  it('assigns every customer the cluster the JS fit assigns, for every k', async () => {
    const settings = { features: FEATURES, log: true, seed: 42, restarts: 5 };
    const fit = fitClusters(columns, settings);
    expect(fit.bestK).toBe(3);
    expect(fit.customers).toBe(360);
    expect(fit.notClustered).toBe(10);
    for (const s of fit.solutions) {
      const p: ClustersParams = { ...settings, k: String(s.k), fit };
      const rows = await assignedBySql(p);
      expect(rows.map((r) => r.customer_id)).toEqual(ids);
      expect(rows.map((r) => r.segment_key)).toEqual(assignedByJs(p, s.k));
    }
  });

  it('puts the three kinds of buyer in three clusters, prospects in Not clustered', async () => {
    const settings = { features: FEATURES, log: true, seed: 7, restarts: 3 };
    const p: ClustersParams = { ...settings, k: 'auto', fit: fitClusters(columns, settings) };
    const rows = await assignedBySql(p);
    // Generated interleaved: customer i is of kind i % 3.
    const byKind = new Map<number, Set<unknown>>();
    rows.forEach((r) => {
      const id = String(r.customer_id);
      const kind = id.startsWith('p') ? -1 : Number(id.slice(1)) % 3;
      byKind.set(kind, (byKind.get(kind) ?? new Set()).add(r.segment_key));
    });
    expect(byKind.get(-1)).toEqual(new Set(['not_clustered']));
    const keys = [0, 1, 2].map((kind) => [...byKind.get(kind)!]);
    expect(keys.every((k) => k.length === 1)).toBe(true);
    // Numbered by spend, highest first: the big spenders are cluster 1.
    expect(keys.flat()).toEqual(['cluster-1', 'cluster-3', 'cluster-2']);
    expect(rows.find((r) => r.customer_id === 'c0000')?.segment).toMatch(/^Cluster 1: /);
    const zh = await assignedBySql(p, 'zh-CN');
    expect(zh.find((r) => r.customer_id === 'p0')?.segment).toBe('未聚类');
  });

  it('matches without the log transform too', async () => {
    const settings = { features: ['frequency', 'monetary'], log: false, seed: 1, restarts: 2 };
    const fit = fitClusters(columns, settings);
    const p: ClustersParams = { ...settings, k: '5', fit };
    const rows = await assignedBySql(p);
    expect(rows.map((r) => r.segment_key)).toEqual(assignedByJs(p, 5));
    // Prospects have a frequency and spend of 0: clustered here.
    expect(rows.some((r) => r.segment_key === 'not_clustered')).toBe(false);
  });

  it('refuses a damaged stored fit with a readable message', () => {
    const settings = { features: FEATURES, log: true, seed: 42, restarts: 1 };
    const fit = fitClusters(columns, settings);
    const broken = { ...fit, center: [1, 2] };
    const p: ClustersParams = { ...settings, k: 'auto', fit: broken };
    expect(clusters.validate(p)[0]?.key).toBe('fit');
    expect(() => clusters.toSql(p, { features: 'f', asOf: '2025-01-01', lang: 'en' })).toThrow(
      /Fit clusters/,
    );
  });
});
