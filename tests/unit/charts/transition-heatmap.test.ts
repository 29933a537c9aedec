import { describe, expect, it } from 'vitest';
import { transitionHeatmap, type TransitionRow } from '../../../src/charts/transition-heatmap';
import { renderVegaLite } from '../../support/render-vega';

const d0 = new Date('2024-01-01T00:00:00Z');
const d1 = new Date('2024-04-01T00:00:00Z');
const d2 = new Date('2024-07-01T00:00:00Z');
const t = (
  from: string,
  to: string,
  customers: number,
  row_share: number,
  extra: Partial<TransitionRow> = {},
): TransitionRow => ({
  from_date: d0,
  to_date: d1,
  from_segment: from,
  to_segment: to,
  customers,
  row_share,
  ...extra,
});

const rows: TransitionRow[] = [
  t('New', 'Active', 4, 1, { is_new: true }),
  t('Lapsed', 'Active', 1, 0.25),
  t('Active', 'Lapsed', 3, 0.3),
  t('Active', 'Active', 7, 0.7),
  t('Lapsed', 'Lapsed', 3, 0.75),
  t('Active', 'Left', 0, 0, { is_left: true }),
];

describe('transition heatmap', () => {
  it('draws a cell per transition with count and row share, New and Left last', async () => {
    const r = await renderVegaLite(
      transitionHeatmap({ rows, segments: ['Active', 'Lapsed'], lang: 'en' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(6);
    const labels = r.items('text').map((i) => (i.text as string[]).join(' '));
    expect(labels).toEqual(expect.arrayContaining(['7 70%', '3 30%', '1 25%', '4 100%']));
    expect(r.texts('title-text')).toEqual(['Segment transitions']);
    const axis = r.texts('axis-label');
    expect(axis.slice(0, 3)).toEqual(['Active', 'Lapsed', 'Left']); // columns (to)
    expect(axis.slice(3)).toEqual(['Active', 'Lapsed', 'New']); // rows (from)
    // dark cells get white text
    const active = r.items('text').find((i) => (i.text as string[])[0] === '7') as {
      fill?: string;
    };
    expect(active.fill).toBe('white');
    expect(r.textItems().every((i) => (i.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('stands the column labels upright when one is wider than its cell', () => {
    // Each layer (cells, their text) carries the x axis: the set of its angles.
    const angles = (segments: string[]) => [
      ...new Set(
        [
          ...JSON.stringify(
            transitionHeatmap({
              rows: segments.map((s) => t(s, s, 1, 1)),
              segments,
              lang: 'en',
              width: 1000,
            }),
          ).matchAll(/"labelAngle":(-?\d+)/g),
        ].map((m) => Number(m[1])),
      ),
    ];
    // 1,000 px leave 88 px a column; "Increase spend" needs about 91 at 11 px.
    expect(angles(['Core', 'Grow loyalty', 'Increase spend', 'Low priority', 'Prospects'])).toEqual(
      [-90],
    );
    expect(angles(['Core', 'Grow', 'Keep'])).toEqual([0]);
  });

  it('stacks one heatmap per period, in Chinese', async () => {
    const later = rows.map((row) => ({ ...row, from_date: d1, to_date: d2 }));
    const r = await renderVegaLite(
      transitionHeatmap({
        rows: [...rows, ...later],
        segments: ['Active', 'Lapsed'],
        lang: 'zh-CN',
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(12);
    // facet header title, one header per period, then the chart title
    expect(r.texts('title-text')).toEqual([
      '期间',
      '2024-01-01 → 2024-04-01',
      '2024-04-01 → 2024-07-01',
      '分群迁移矩阵',
    ]);
    expect(r.texts('axis-title')).toEqual(expect.arrayContaining(['原分群', '新分群']));
  });
});
