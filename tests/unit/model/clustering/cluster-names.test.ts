import { describe, expect, it } from 'vitest';
import {
  clusterDefinition,
  clusterName,
  clusterStrategy,
} from '../../../../src/model/clustering/cluster-names';

const FEATURES = ['recency_days', 'frequency', 'monetary'];

describe('cluster names', () => {
  it('names a cluster by the one or two features that set it apart most', () => {
    expect(clusterName(1, FEATURES, [-0.2, 0.9, 1.6])).toEqual({
      en: 'Cluster 1: High spend · frequent',
      zh: '群1：高消费·高频',
    });
    expect(clusterName(3, FEATURES, [1.4, -0.1, -0.7])).toEqual({
      en: 'Cluster 3: Lapsed · low spend',
      zh: '群3：久未购买·低消费',
    });
  });

  it('calls a cluster near the average typical', () => {
    expect(clusterName(2, FEATURES, [0.1, -0.3, 0.4]).en).toBe('Cluster 2: Typical');
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
