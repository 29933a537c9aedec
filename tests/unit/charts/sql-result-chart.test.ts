import { describe, expect, it } from 'vitest';
import { sqlResultChart } from '../../../src/charts/sql-result-chart';
import { renderVegaLite } from '../../support/render-vega';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('sqlResultChart', () => {
  it('draws revenue by month as a line through one point a month', async () => {
    const rows = [
      { month: day('2024-01-01'), orders: 10, revenue: 1000 },
      { month: day('2024-02-01'), orders: 12, revenue: 3000 },
      { month: day('2024-03-01'), orders: 9, revenue: 2000 },
    ];
    const r = await renderVegaLite(
      sqlResultChart({
        rows,
        columns: [
          { name: 'month', kind: 'date' },
          { name: 'orders', kind: 'number' },
          { name: 'revenue', kind: 'number' },
        ],
        chart: { kind: 'line', x: 'month', y: 'revenue' },
        lang: 'en',
        width: 600,
      }),
    );
    expect(r.problems).toEqual([]);
    // One line, its vertices the three months.
    expect(r.items('line')).toHaveLength(3);
    const points = r.items('symbol') as { y: number; datum: { y: number } }[];
    expect(points.map((p) => p.datum.y)).toEqual([1000, 3000, 2000]);
    // Higher revenue is drawn higher up (smaller y).
    expect(points[1].y).toBeLessThan(points[2].y);
    expect(points[2].y).toBeLessThan(points[0].y);
    expect(r.texts('axis-title')).toEqual(expect.arrayContaining(['month', 'revenue']));
  });

  it('draws bars per text, longest first, with 万 labels in Chinese', async () => {
    const r = await renderVegaLite(
      sqlResultChart({
        rows: [
          { segment: 'Ordinary', revenue: 20000 },
          { segment: 'VIP', revenue: 90000 },
        ],
        columns: [
          { name: 'segment', kind: 'string' },
          { name: 'revenue', kind: 'number' },
        ],
        chart: { kind: 'bar', x: 'segment', y: 'revenue' },
        lang: 'zh-CN',
        width: 400,
      }),
    );
    expect(r.problems).toEqual([]);
    const bars = r.items('rect') as { y: number; width: number; datum: { x: string } }[];
    expect(bars).toHaveLength(2);
    const vip = bars.find((b) => b.datum.x === 'VIP')!;
    const ordinary = bars.find((b) => b.datum.x === 'Ordinary')!;
    expect(vip.y).toBeLessThan(ordinary.y);
    expect(vip.width / ordinary.width).toBeCloseTo(90000 / 20000, 1);
    expect(r.texts('axis-label').some((t) => t.endsWith('万'))).toBe(true);
  });

  it('draws two numbers as a scatter', async () => {
    const r = await renderVegaLite(
      sqlResultChart({
        rows: [
          { frequency: 1, monetary: 10 },
          { frequency: 5, monetary: 80 },
        ],
        columns: [
          { name: 'frequency', kind: 'number' },
          { name: 'monetary', kind: 'number' },
        ],
        chart: { kind: 'scatter', x: 'frequency', y: 'monetary' },
        lang: 'en',
        width: 300,
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('symbol')).toHaveLength(2);
  });
});
