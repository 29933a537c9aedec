import { describe, expect, it } from 'vitest';
import {
  segmentSharesChart,
  shareComparisonChart,
  sharesLayout,
  type SegmentShareRow,
} from '../../../src/charts/segment-shares';
import { SEGMENT_COLORS } from '../../../src/charts/palette';
import { renderVegaLite } from '../../support/render-vega';

const rows: SegmentShareRow[] = [
  { segment: 'VIP', customers: 10, customer_share: 0.1, revenue: 60_000, revenue_share: 0.6 },
  { segment: 'Regular', customers: 50, customer_share: 0.5, revenue: 35_000, revenue_share: 0.35 },
  { segment: 'Dormant', customers: 40, customer_share: 0.4, revenue: 5_000, revenue_share: 0.05 },
  {
    segment: 'Total',
    is_total: true,
    customers: 100,
    customer_share: 1,
    revenue: 100_000,
    revenue_share: 1,
  },
];
const segments = ['VIP', 'Regular', 'Dormant'];

describe('segment shares', () => {
  it('draws a bar per segment for customers and for revenue, total left out', async () => {
    const r = await renderVegaLite(segmentSharesChart({ rows, segments, lang: 'en' }));
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(6);
    expect(r.texts('title-text')).toEqual([
      'Customers',
      'Revenue',
      'Customers and revenue by segment',
    ]);
    // English compact labels on the revenue axis
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['60K', '0']));
    // VIP keeps the first palette colour in both panels
    const vip = r.items('rect').filter((i) => i.datum?.segment === 'VIP');
    expect(vip.map((i) => (i as { fill?: string }).fill)).toEqual([
      SEGMENT_COLORS[0],
      SEGMENT_COLORS[0],
    ]);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('draws donuts with Chinese titles', async () => {
    const r = await renderVegaLite(
      segmentSharesChart({ rows, segments, lang: 'zh-CN', kind: 'donut' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('arc')).toHaveLength(6);
    expect(r.texts('title-text')).toEqual(['客户数', '销售额', '各分群客户数与销售额']);
    expect(r.texts('legend-title')).toEqual(['分群']);
  });

  it('keeps the donuts side by side on a phone, within its width, the legend under them', async () => {
    // A 390 px phone's slide leaves about 340 px for the chart.
    const r = await renderVegaLite(
      segmentSharesChart({ rows, segments, lang: 'en', kind: 'donut', width: 340 }),
    );
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['Customers', 'Revenue']);
    const scene = r.view.scenegraph() as unknown as {
      root: { bounds: { x2: number; y2: number } };
    };
    const bounds = scene.root.bounds;
    expect(bounds.x2).toBeLessThanOrEqual(340);
    // Two charts in a row: together not much taller than one of them and the legend.
    const layout = sharesLayout('donut', 340);
    expect(layout).toEqual({ stacked: false, legendBelow: true, size: 150 });
    expect(bounds.y2).toBeLessThan(2 * layout.size);
    expect(sharesLayout('donut', 760)).toEqual({ stacked: false, legendBelow: false, size: 260 });
  });

  it('puts the comparison legend under the bars on a phone, beside them on a laptop', () => {
    const legend = (width: number) =>
      (
        shareComparisonChart({ rows, segments, lang: 'en', width }) as {
          encoding: { color: { legend?: { orient?: string } } };
        }
      ).encoding.color.legend?.orient;
    expect(legend(340)).toBe('bottom');
    expect(legend(760)).toBeUndefined();
  });

  it('compares customer and revenue shares side by side', async () => {
    const r = await renderVegaLite(shareComparisonChart({ rows, segments, lang: 'zh-CN' }));
    expect(r.problems).toEqual([]);
    const bars = r.items('rect');
    expect(bars).toHaveLength(6);
    const vip = bars
      .filter((b) => b.datum?.segment === 'VIP')
      .map((b) => [b.datum?.measure, b.datum?.share]);
    expect(vip).toEqual([
      ['客户占比', 0.1],
      ['销售额占比', 0.6],
    ]);
    expect(r.texts('title-text')).toEqual(['客户占比与销售额占比对比']);
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['60%']));
  });
});
