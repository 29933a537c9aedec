import { describe, expect, it } from 'vitest';
import {
  clusterDefinition,
  clusterNames,
  clusterStrategy,
} from '../../../../src/model/clustering/cluster-names';
import { fitClusters } from '../../../../src/model/clustering/fit-clusters';
import { clusters, type ClustersParams } from '../../../../src/model/presets/clusters';
import { describeSegment, type ProfileTrait } from '../../../../src/model/segment-description';
import { blobs } from './synthetic';

const FEATURES = ['recency_days', 'frequency', 'monetary'];

describe('cluster names', () => {
  it('names each cluster by the short form of its profile, in English and Chinese', () => {
    // Centroids in standard deviations: spend +1.6 and orders +0.9; days since the last order
    // +1.4 and spend −0.7; nothing half a deviation from average.
    const names = clusterNames(FEATURES, [
      [-0.2, 0.9, 1.6],
      [1.4, -0.1, -0.7],
      [0.1, -0.3, 0.4],
    ]);
    expect(names).toEqual([
      { en: 'Cluster 1: High spend, frequent', zh: '群1：高消费、高频' },
      { en: 'Cluster 2: Lapsed, low spend', zh: '群2：久未购买、低消费' },
      { en: 'Cluster 3: Typical', zh: '群3：中间客户' },
    ]);
  });

  it('names the traits the Profiles tab describes, in the same order', () => {
    const traits = (z: number[]): ProfileTrait[] =>
      FEATURES.map((feature, j) => ({
        kind: 'number',
        feature,
        value: null,
        segmentMean: null,
        overallMean: null,
        lift: null,
        stdDiff: z[j]!,
      }));
    // The same centroids as profiles: the description's first two phrases are the name's words
    // (it goes on to differences of 0.2, the name stops at half a deviation).
    expect(describeSegment(traits([-0.2, 0.9, 1.6]), 'en')).toBe(
      'Spends more in total, buys more often, bought more recently',
    );
    expect(describeSegment(traits([1.4, -0.1, -0.7]), 'zh-CN')).toBe('较久未购买，累计消费偏低');
  });

  it('says one thing of features alike: orders and purchase days are both "frequent"', () => {
    const [name] = clusterNames(['purchase_days', 'frequency', 'monetary'], [[1.5, 1.4, 0.8]]);
    // Orders, the plainer of the two, differs nearly as much: it is said, once.
    expect(name).toEqual({ en: 'Cluster 1: Frequent, high spend', zh: '群1：高频、高消费' });
  });

  it('tells apart clusters that would share their words, by the next feature', () => {
    const features = ['monetary', 'frequency', 'tenure_days', 'discount_share'];
    const names = clusterNames(features, [
      [1.8, 1.2, 0.3, -0.1],
      [1.7, 1.1, -0.35, 0.05],
      [-1.2, -0.9, 0, 0.6],
    ]);
    expect(names.map((n) => n.en)).toEqual([
      'Cluster 1: High spend, frequent, long-standing',
      'Cluster 2: High spend, frequent, new',
      'Cluster 3: Low spend, infrequent',
    ]);
    expect(names.map((n) => n.zh)).toEqual([
      '群1：高消费、高频、老客户',
      '群2：高消费、高频、新客户',
      '群3：低消费、低频',
    ]);
  });

  it('names clusters fitted to groups made unlike on purpose, the same on every fit', () => {
    // Big spenders ordering often and lately, lapsed small buyers, and customers in between:
    // in log space the first two sit more than a deviation out on every feature.
    const centres = [
      [10, 40, 20_000],
      [600, 1, 30],
      [60, 5, 500],
    ];
    const data = blobs(
      centres.map((c) => c.map(() => 0)),
      60,
      0.05,
      11,
    );
    const columns: Record<string, Float64Array> = {};
    FEATURES.forEach((f, j) => {
      columns[f] = Float64Array.from({ length: data.n }, (_, i) =>
        Math.round(centres[data.truth[i]!]![j]! * Math.exp(data.values[i * 3 + j]!)),
      );
    });
    const settings = { features: FEATURES, log: true, seed: 7, restarts: 3 };
    const labels = () => {
      const fit = fitClusters(columns, settings);
      const params: ClustersParams = { ...settings, k: '3', fit };
      return clusters.segments(params).map((s) => s.label);
    };
    const named = labels();
    expect(labels()).toEqual(named);
    const words = (en: string) =>
      new Set(
        en
          .replace(/^Cluster \d: /, '')
          .toLowerCase()
          .split(', '),
      );
    const sets = named.slice(0, 3).map((l) => words(l.en));
    expect(sets).toContainEqual(new Set(['frequent', 'high spend']));
    expect(sets).toContainEqual(new Set(['lapsed', 'low spend']));
    expect(sets).toContainEqual(new Set(['typical']));
    expect(new Set(named.map((l) => l.en)).size).toBe(named.length);
    expect(new Set(named.map((l) => l.zh)).size).toBe(named.length);
    expect(named.at(-1)).toEqual({ en: 'Not clustered', zh: '未聚类' });
  });

  it('gives lapsed valuable customers a win-back playbook', () => {
    expect(clusterStrategy(FEATURES, [1, 0, 1]).en).toMatch(/win-back/);
    expect(clusterStrategy(FEATURES, [-1, 0, 1]).en).toMatch(/Protect/);
  });

  it('spells the centroid out in standard deviations', () => {
    expect(clusterDefinition(FEATURES, [1.44, -0.06, 0]).en).toContain(
      'Days since last order +1.4, Orders −0.1, Spend +0.0',
    );
  });
});
