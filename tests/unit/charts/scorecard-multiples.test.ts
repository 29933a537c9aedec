import { describe, expect, it } from 'vitest';
import {
  scorecardMultiples,
  type ScorecardChartRow,
} from '../../../src/charts/scorecard-multiples';
import { renderVegaLite } from '../../support/render-vega';

const rows: ScorecardChartRow[] = [
  {
    segment: 'A',
    is_total: false,
    revenue_share: 0.7,
    avg_order_value: 250,
    orders_per_customer: 3,
    repurchase_rate: 0.5,
    churn_rate: 0.2,
    avg_recency_days: 30,
    avg_satisfaction: 4.5,
  },
  {
    segment: 'B',
    is_total: false,
    revenue_share: 0.3,
    avg_order_value: 80,
    orders_per_customer: 1.2,
    repurchase_rate: 0.1,
    churn_rate: 0.6,
    avg_recency_days: 200,
    avg_satisfaction: null,
  },
  {
    segment: 'Total',
    is_total: true,
    revenue_share: 1,
    avg_order_value: 180,
    orders_per_customer: 2,
    repurchase_rate: 0.3,
    churn_rate: 0.4,
    avg_recency_days: 115,
    avg_satisfaction: 4.5,
  },
];

describe('scorecard small multiples', () => {
  it('draws one bar chart per metric with the total as a line', async () => {
    const r = await renderVegaLite(
      scorecardMultiples({ rows, segments: ['A', 'B'], lang: 'zh-CN' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(6 * 2);
    expect(r.items('rule')).toHaveLength(6);
    expect(r.items('rule').every((i) => i.datum?.segment === 'Total')).toBe(true);
    expect(r.texts('title-text')).toEqual(
      expect.arrayContaining(['分群指标对比', '客单价', '复购率', '流失率', '距上次购买天数']),
    );
    expect(r.texts('title-subtitle')).toEqual(['虚线：全部客户']);
    // churn is the fifth panel: A (0.2) ends below the total line (0.4), B (0.6) above it
    const bars = r.named('concat_4_layer_0_marks') as { datum?: { segment: string }; y?: number }[];
    const [line] = r.named('concat_4_layer_1_marks') as { y?: number }[];
    const top = (s: string) => bars.find((b) => b.datum!.segment === s)!.y!;
    expect(top('A')).toBeGreaterThan(line!.y!);
    expect(top('B')).toBeLessThan(line!.y!);
    expect(top('A') - line!.y!).toBeCloseTo(line!.y! - top('B'), 6);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('draws only the chosen metrics and skips missing values', async () => {
    const spec = scorecardMultiples({
      rows,
      segments: ['A', 'B'],
      metrics: ['avg_satisfaction', 'churn_rate'],
      lang: 'en',
    });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(1 + 2); // B has no satisfaction
    expect(r.texts('title-text')).toEqual(
      expect.arrayContaining(['Segment scorecard', 'Satisfaction', 'Churn rate']),
    );
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['60%']));
    expect(() =>
      scorecardMultiples({ rows, segments: [], metrics: ['nps' as 'churn_rate'], lang: 'en' }),
    ).toThrow(/Choose scorecard metrics/);
  });
});
