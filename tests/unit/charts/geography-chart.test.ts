import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { geographyChart, type GeographyRow } from '../../../src/charts/geography-chart';
import { renderVegaLite } from '../../support/render-vega';

const row = (place: string, rank: number, segment: string, customers: number, revenue: number) =>
  ({ place, place_rank: rank, segment, customers, revenue, share_in_place: 0 }) as GeographyRow;

const rows: GeographyRow[] = [
  row('其他', 4, 'A', 5, 20_000),
  row('广东', 1, 'A', 30, 200_000),
  row('广东', 1, 'B', 10, 100_000),
  row('北京', 2, 'A', 8, 90_000),
  row('北京', 2, 'B', 12, 60_000),
  row('上海', 3, 'B', 9, 40_000),
];

describe('geography chart', () => {
  it('dims the bars of every place but the selected one', async () => {
    const spec = geographyChart({
      rows,
      segments: ['A', 'B'],
      level: 'province',
      lang: 'en',
      selected: '北京',
    });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    const bars = r.items('rect') as unknown as { opacity?: number; datum: GeographyRow }[];
    const opacity = bars.map((b) => [b.datum.place, b.datum.segment, b.opacity]);
    expect(opacity).toEqual(
      expect.arrayContaining([
        ['北京', 'A', 1],
        ['北京', 'B', 1],
        ['广东', 'A', 0.3],
        ['其他', 'A', 0.3],
      ]),
    );
  });

  it('stacks segments per place in rank order, Other last', async () => {
    const spec = geographyChart({
      rows,
      segments: ['A', 'B'],
      level: 'province',
      lang: 'zh-CN',
      measure: 'revenue',
    });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(6);
    expect(r.texts('title-text')).toEqual(['各省份分群分布']);
    const yLabels = r.texts('axis-label').filter((t) => !/^[\d.,]+万?$/.test(t));
    expect(yLabels).toEqual(['广东', '北京', '上海', '其他']);
    expect(r.texts('axis-label')).toEqual(expect.arrayContaining(['10万', '20万']));
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('normalises every bar to the full width for the segment mix', async () => {
    const spec = geographyChart({
      rows,
      segments: ['A', 'B'],
      level: 'region',
      normalize: true,
      lang: 'en',
    });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['Segments by Region']);
    const widths = new Map<string, number>();
    for (const bar of r.items('rect') as { datum?: { place: string }; width?: number }[]) {
      const place = bar.datum!.place;
      widths.set(place, (widths.get(place) ?? 0) + bar.width!);
    }
    const all = [...widths.values()];
    expect(all).toHaveLength(4);
    for (const w of all) expect(w).toBeCloseTo(all[0]!, 6);
    // Guangdong is 30 A to 10 B customers: A takes three quarters of its bar
    const gd = (
      r.items('rect') as { datum?: { place: string; segment: string }; width?: number }[]
    ).filter((b) => b.datum!.place === '广东');
    const a = gd.find((b) => b.datum!.segment === 'A')!.width!;
    expect(a / all[0]!).toBeCloseTo(0.75, 6);
  });

  it('on a phone, puts the legend under the bars and spaces the axis labels', async () => {
    type Box = { x1: number; x2: number; y1: number };
    const many = Array.from({ length: 12 }, (_, i) => row(`P${i}`, i + 1, 'A', 100 * (i + 1), 1));
    const draw = (width: number) =>
      renderVegaLite({
        ...geographyChart({
          rows: many,
          segments: ['A', 'B'],
          level: 'province',
          lang: 'en',
          width,
        }),
        width,
        autosize: { type: 'pad' },
      } as TopLevelSpec);
    const narrow = await draw(330);
    expect(narrow.problems).toEqual([]);
    const numbers = narrow
      .textItemsOf('axis-label')
      // labels Vega hid to avoid an overlap have opacity 0
      .filter(
        (t) => /^[\d.,]+K?$/.test(String(t.text)) && (t as { opacity?: number }).opacity !== 0,
      )
      .map((t) => (t as unknown as { bounds: Box }).bounds)
      .sort((a, b) => a.x1 - b.x1);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    // at least 8 px between neighbouring labels
    for (let i = 1; i < numbers.length; i++)
      expect(numbers[i]!.x1 - numbers[i - 1]!.x2).toBeGreaterThan(8);
    const legend = (width: number) =>
      (
        geographyChart({ rows: many, segments: ['A'], level: 'province', lang: 'en', width }) as {
          encoding: { color: { legend?: { orient?: string } } };
        }
      ).encoding.color.legend?.orient;
    expect(legend(330)).toBe('bottom');
    expect(legend(760)).toBeUndefined();
  });
});
