import { describe, expect, it } from 'vitest';
import { silhouetteCurve } from '../../../src/charts/silhouette-curve';
import { renderVegaLite } from '../../support/render-vega';

const points = [
  { k: 2, silhouette: 0.31 },
  { k: 3, silhouette: 0.52 },
  { k: 4, silhouette: 0.44 },
  { k: 5, silhouette: 0.4 },
];

describe('silhouette curve', () => {
  it('draws one point per k and labels the k in use', async () => {
    const r = await renderVegaLite(
      silhouetteCurve({ points, chosen: 3, sample: null, lang: 'en' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['Silhouette by number of clusters']);
    expect(r.items('symbol')).toHaveLength(4);
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['2', '3', '4', '5']));
    const labels = r.textItems().map((t) => t.text);
    expect(labels).toContain('k = 3 · 0.52');
    expect(labels).not.toContain('k = 2 · 0.31');
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('says when silhouettes come from a sample, in Chinese too', async () => {
    const zh = await renderVegaLite(
      silhouetteCurve({ points, chosen: 5, sample: 3000, lang: 'zh-CN' }),
    );
    expect(zh.texts('title-text')).toEqual(['不同聚类数的轮廓系数']);
    expect(zh.texts('title-subtitle')).toEqual(['基于固定抽样的 3,000 位客户计算']);
    expect(zh.textItems().map((t) => t.text)).toContain('k = 5 · 0.40');
  });
});
