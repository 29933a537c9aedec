import { describe, expect, it } from 'vitest';
import { lorenzChart } from '../../../src/charts/lorenz-chart';
import { renderVegaLite } from '../../support/render-vega';

// spend 4, 3, 2, 1: Gini 0.25, the top 20% (one customer) bring 40%
const points = [
  { customer_share: 0, revenue_share: 0 },
  { customer_share: 0.25, revenue_share: 0.4 },
  { customer_share: 0.5, revenue_share: 0.7 },
  { customer_share: 0.75, revenue_share: 0.9 },
  { customer_share: 1, revenue_share: 1 },
];

describe('lorenz chart', () => {
  it('draws the curve with the diagonal and the Gini in the title', async () => {
    const r = await renderVegaLite(lorenzChart({ points, gini: 0.25, topShare: 0.4, lang: 'en' }));
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['Revenue concentration (Gini 0.25)']);
    expect(r.texts('title-subtitle')).toEqual(['The top 20% of customers bring 40% of revenue.']);
    expect(r.items('symbol')).toHaveLength(5); // hover targets on the curve
    const lines = r.items('line');
    expect(lines).toHaveLength(5 + 2); // curve points + diagonal end points
    expect(r.items('area')).toHaveLength(5);
    expect(r.texts('legend-label')).toEqual(['Customers', 'Equal spend']);
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['0%', '100%']));
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('speaks Chinese and copes with no spend', async () => {
    const zh = await renderVegaLite(
      lorenzChart({ points, gini: 0.4567, topShare: 0.4, topFraction: 0.1, lang: 'zh-CN' }),
    );
    expect(zh.texts('title-text')).toEqual(['销售额集中度（基尼系数 0.46）']);
    expect(zh.texts('title-subtitle')).toEqual(['前 10% 的客户贡献了 40% 的销售额。']);
    const empty = await renderVegaLite(
      lorenzChart({ points: [{ customer_share: 0, revenue_share: null }], gini: null, lang: 'en' }),
    );
    expect(empty.problems).toEqual([]);
    expect(empty.texts('title-text')).toEqual(['Revenue concentration']);
    expect(empty.items('symbol')).toHaveLength(0);
  });
});
