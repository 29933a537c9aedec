import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import {
  quadrantAxisTitles,
  quadrantChart,
  type QuadrantScatterRow,
  type QuadrantSummaryRow,
} from '../../../src/charts/quadrant-chart';
import { quadrantPoint as point } from '../../support/quadrant-rows';
import {
  embeddedRows,
  renderVegaLite,
  type Rendered,
  type SceneNode,
} from '../../support/render-vega';

const SEGMENTS = ['Core', 'Grow loyalty', 'Increase spend', 'Low priority'];

/** The corner labels (not their white halos). */
const cornerItems = (r: Rendered) =>
  r.items('text').filter((t) => (t as { fill?: string }).fill !== 'white' && Array.isArray(t.text));
/** The thresholds' values written along their lines. */
const thresholdItems = (r: Rendered) => r.items('text').filter((t) => typeof t.text === 'string');

function bin(i: number, j: number, customers: number): QuadrantScatterRow {
  return {
    kind: 'bin',
    customer_id: null,
    segment: SEGMENTS[(i + j) % 4]!,
    value: i * 10 + 5,
    loyalty: j + 0.5,
    value_lo: i * 10,
    value_hi: i * 10 + 10,
    loyalty_lo: j,
    loyalty_hi: j + 1,
    customers,
    segment_share: 0.6,
  };
}

const quadrants: QuadrantSummaryRow[] = [
  {
    segment: 'Core',
    high_value: true,
    high_loyalty: true,
    customers: 2,
    customer_share: 0.2,
    revenue_share: 0.55,
  },
  {
    segment: 'Grow loyalty',
    high_value: true,
    high_loyalty: false,
    customers: 3,
    customer_share: 0.3,
    revenue_share: 0.25,
  },
  {
    segment: 'Increase spend',
    high_value: false,
    high_loyalty: true,
    customers: 1,
    customer_share: 0.1,
    revenue_share: 0.05,
  },
  {
    segment: 'Low priority',
    high_value: false,
    high_loyalty: false,
    customers: 3,
    customer_share: 0.3,
    revenue_share: 0.15,
  },
  {
    segment: 'Prospects',
    high_value: false,
    high_loyalty: false,
    customers: 1,
    customer_share: 0.1,
    revenue_share: 0,
  },
];

describe('quadrant chart', () => {
  it('draws one circle per customer, two threshold rules and four corner labels', async () => {
    const rows = [
      point(1, 'Core', 900, 6),
      point(2, 'Core', 700, 5),
      point(3, 'Grow loyalty', 800, 1),
      point(4, 'Increase spend', 100, 7),
      point(5, 'Low priority', 50, 1),
    ];
    const spec = quadrantChart({
      rows,
      valueThreshold: 300,
      loyaltyThreshold: 2,
      quadrants,
      segments: SEGMENTS,
      lang: 'en',
    });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    expect(r.items('symbol')).toHaveLength(5);
    expect(r.items('rule')).toHaveLength(2);
    expect(r.items('rect')).toHaveLength(0);
    expect(r.texts('title-text')).toEqual(['Value × loyalty']);
    expect(r.texts('axis-title')).toEqual(expect.arrayContaining(['Value', 'Loyalty']));
    // Each threshold's value is written along its line.
    expect(thresholdItems(r).map((t) => t.text)).toEqual(['300', '2']);
    const corners = cornerItems(r).map((t) => (t.text as string[]).join(' | '));
    expect(corners).toEqual([
      'Core | Customers 20.0% | Revenue 55.0%',
      'Grow loyalty | Customers 30.0% | Revenue 25.0%',
      'Increase spend | Customers 10.0% | Revenue 5.0%',
      'Low priority / Prospects | Customers 40.0% | Revenue 15.0%',
    ]);
    // each label has a white halo under it, with the same text
    expect(r.items('text').filter((t) => (t as { fill?: string }).fill === 'white')).toHaveLength(
      4,
    );
    // the tooltip shows the customer with formatted measures
    expect((r.items('symbol')[0] as { tooltip?: unknown }).tooltip).toEqual({
      Customer: 'c1',
      Segment: 'Core',
      Value: '900.00',
      Loyalty: '6.00',
    });
    // every circle coloured by its segment's palette entry
    const fills = r.items('symbol').map((s) => (s as { fill?: string }).fill);
    expect(fills[0]).toBe(fills[1]);
    expect(new Set(fills).size).toBe(4);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('draws bins, not points, in density mode, in Chinese', async () => {
    const rows: QuadrantScatterRow[] = [];
    for (let i = 0; i < 60; i++) for (let j = 0; j < 40; j++) rows.push(bin(i, j, 1 + i * j));
    const spec = quadrantChart({
      rows,
      valueThreshold: 250,
      loyaltyThreshold: 20,
      quadrants,
      segments: SEGMENTS,
      scale: 'symlog',
      valueTitle: { en: 'Spend', zh: '消费额' },
      lang: 'zh-CN',
    });
    // bins, two thresholds and their labels, four corners and their halos
    expect(embeddedRows(spec)).toBeLessThanOrEqual(2400 + 2 * 2 + 4 * 2);
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(2400);
    expect(r.items('symbol')).toHaveLength(0);
    // bin (2, 3): 7 customers, 60% in its segment, value 20–30, loyalty 3–4
    const tip = r.items('rect').find((b) => b.datum?.value_lo === 20 && b.datum?.loyalty_lo === 3);
    expect((tip as { tooltip?: unknown }).tooltip).toEqual({
      分群: 'Grow loyalty',
      客户数: '7',
      占该格比例: '60.0%',
      价值自: '20.00',
      价值至: '30.00',
      忠诚度自: '3.00',
      忠诚度至: '4.00',
    });
    expect(r.texts('title-text')).toEqual(['价值 × 忠诚度']);
    expect(r.texts('title-subtitle')[0]).toMatch(/按网格汇总/);
    expect(r.texts('axis-title')).toEqual(expect.arrayContaining(['消费额', '忠诚度']));
    expect(cornerItems(r)[0]!.text).toEqual(['Core', '客户 20.0%', '销售额 55.0%']);
  });

  it('leaves out a missing threshold and an empty corner, and refuses more than 50k rows', async () => {
    const spec = quadrantChart({
      rows: [point(1, 'Core', 1, 1)],
      valueThreshold: null,
      loyaltyThreshold: 1,
      quadrants: quadrants.slice(0, 1),
      segments: SEGMENTS,
      lang: 'en',
    });
    const r = await renderVegaLite(spec);
    expect(r.items('rule')).toHaveLength(1);
    expect(thresholdItems(r).map((t) => t.text)).toEqual(['1']);
    expect(cornerItems(r).map((t) => (t.text as string[])[0])).toEqual(['Core']);
    const many = Array.from({ length: 50_001 }, (_, i) => point(i, 'Core', i, 1));
    expect(() =>
      quadrantChart({
        rows: many,
        valueThreshold: 1,
        loyaltyThreshold: 1,
        segments: [],
        lang: 'en',
      }),
    ).toThrow(/at most 50000 rows/);
  });
});

describe('quadrant chart on skewed spend', () => {
  // Spend from about 50 to 250K (log-uniform), orders 1 to 30: a split at 2,002 spend and 2
  // orders is where the sample data puts it.
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const rows = Array.from({ length: 600 }, (_, i) => {
    const spend = Math.exp(4 + random() * 8.4);
    const orders = 1 + Math.floor(Math.exp(random() * 3.4));
    const high = spend > 2002;
    const loyal = orders > 2;
    const segment = SEGMENTS[high ? (loyal ? 0 : 1) : loyal ? 2 : 3]!;
    return point(i, segment, spend, orders);
  });
  const draw = async (width: number, scale: 'linear' | 'symlog', lang: 'en' | 'zh-CN' = 'en') => {
    const spec = quadrantChart({
      rows,
      valueThreshold: 2002,
      loyaltyThreshold: 2,
      quadrants,
      segments: SEGMENTS,
      scale,
      ...quadrantAxisTitles('monetary', 'frequency'),
      lang,
    });
    // A container of this width, as the app's panel gives it.
    return renderVegaLite({ ...spec, width, autosize: { type: 'pad' } } as TopLevelSpec);
  };
  type Box = { x1: number; y1: number; x2: number; y2: number };
  const boxOf = (t: SceneNode) => (t as { bounds: Box }).bounds;
  const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

  it('spreads the quadrants on a log axis, with measure and unit in the axis titles', async () => {
    const log = await draw(700, 'symlog');
    expect(log.problems).toEqual([]);
    expect(log.texts('axis-title')).toEqual(
      expect.arrayContaining(['Spend (total, ¥/$)', 'Orders (count)']),
    );
    expect(log.texts('axis-label')).toEqual(expect.arrayContaining(['100', '1K', '10K', '100K']));
    const split = (r: Rendered) => {
      const rule = r.items('rule').find((x) => (x as { y2?: number }).y2 !== undefined)!;
      return (rule as { x: number }).x / r.view.width();
    };
    // On a linear axis the split sits in the left sliver; on the log axis, near the middle.
    expect(split(await draw(700, 'linear'))).toBeLessThan(0.05);
    expect(split(log)).toBeGreaterThan(0.3);
    expect(split(log)).toBeLessThan(0.7);
    const zh = await draw(700, 'symlog', 'zh-CN');
    expect(zh.texts('axis-title')).toEqual(
      expect.arrayContaining(['累计消费额（¥/$）', '订单数（笔）']),
    );
    expect(zh.texts('axis-label')).toEqual(expect.arrayContaining(['1万', '10万']));
  });

  it.each([700, 330])(
    'keeps the corner labels apart, inside the plot and off the points at %i px',
    async (width) => {
      const r = await draw(width, 'symlog');
      // The thresholds' values are written at their lines, apart from the corner labels; the
      // value split's sits over the plot, clear of the title and every other text.
      const corners = cornerItems(r);
      const thresholds = thresholdItems(r);
      const labels = [...corners, ...thresholds].map(boxOf);
      expect(labels).toHaveLength(6);
      // The loyalty split's value sits past the right end of its line, clear of the tick labels.
      const loyaltyLabel = boxOf(thresholds[1]!);
      for (const [i, a] of labels.entries()) {
        if (a === loyaltyLabel) expect(a.x1).toBeGreaterThanOrEqual(r.view.width());
        else expect(a.x1).toBeGreaterThanOrEqual(0);
        if (a !== loyaltyLabel) expect(a.x2).toBeLessThanOrEqual(r.view.width());
        expect(a.y1).toBeGreaterThanOrEqual(i < corners.length ? 0 : -24);
        expect(a.y2).toBeLessThanOrEqual(r.view.height());
        for (const b of labels.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
      }
      const mine = new Set<SceneNode>([...corners, ...thresholds]);
      const others = r
        .textItems()
        .filter((t) => !mine.has(t) && (t as { fill?: string }).fill !== 'white')
        .map(boxOf);
      expect(others.length).toBeGreaterThan(5);
      for (const t of thresholds.map(boxOf)) {
        for (const o of others) expect(overlaps(t, o)).toBe(false);
      }
      const points = r.items('symbol').map((p) => p as unknown as { x: number; y: number });
      expect(points).toHaveLength(600);
      // Every dot whole inside the plot, the largest customers' too (radius 3 px).
      for (const p of points) {
        expect(p.x - 3).toBeGreaterThanOrEqual(0);
        expect(p.x + 3).toBeLessThanOrEqual(r.view.width());
      }
      const covered = points.filter((p) =>
        labels.some((b) => p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2),
      );
      expect(covered.length).toBe(0);
    },
  );
});

describe('quadrant chart built again', () => {
  const drawnValues = (spec: TopLevelSpec) =>
    (spec as { layer: { data: { values: object[] } }[] }).layer[0]!.data.values;

  it('hands Vega the same objects for the rows it had, new ones for rows that changed', () => {
    const rows = [point(1, 'Core', 10, 3), point(2, 'Low priority', 1, 1)];
    const options = { rows, valueThreshold: 5, loyaltyThreshold: 2, segments: SEGMENTS };
    const first = drawnValues(quadrantChart({ ...options, lang: 'en' }));
    const recoloured = [rows[0]!, { ...rows[1]!, segment: 'Increase spend' }];
    const again = drawnValues(quadrantChart({ ...options, rows: recoloured, lang: 'en' }));
    expect(again[0]).toBe(first[0]);
    expect(again[1]).not.toBe(first[1]);
    expect(again[1]).toMatchObject({ segment: 'Increase spend' });
    // The tooltip is in the chart's language: another language makes new objects.
    const zh = drawnValues(quadrantChart({ ...options, lang: 'zh-CN' }));
    expect(zh[0]).not.toBe(first[0]);
    expect(zh[0]).toMatchObject({ tip: { 客户: 'c1' } });
  });
});

describe('a symlog quadrant drawn again from the same data', () => {
  it('has the same spec when spends differ only in the last bits (summed in another order)', () => {
    // 286786.78 summed in two orders, as DuckDB's threads do: 0.1 + 0.2 !== 0.3 in doubles.
    const chart = (top: number) =>
      JSON.stringify(
        quadrantChart({
          rows: [point(1, 'Core', top, 40), point(2, 'Low priority', 0.1 + 0.2, 1)],
          valueThreshold: 2002.5,
          loyaltyThreshold: 8,
          segments: SEGMENTS,
          valueScale: 'symlog',
          loyaltyScale: 'symlog',
          lang: 'en',
        }),
      );
    const a = chart(286786.7799999999);
    const b = chart(286786.77999999997);
    const domain = (s: string) => s.match(/"domain":\[[^\]]*\]/g);
    expect(domain(a)).toEqual(domain(b));
    expect(domain(a)![0]).toBe('"domain":[0.3,286786.78]');
  });
});
