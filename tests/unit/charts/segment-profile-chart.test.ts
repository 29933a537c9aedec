import { describe, expect, it } from 'vitest';
import { segmentProfileChart } from '../../../src/charts/segment-profile-chart';
import type { SegmentProfileRow } from '../../../src/sql/segment-profile';
import { renderVegaLite } from '../../support/render-vega';

const row = (
  segment: string,
  feature: string,
  lift: number | null,
  std_diff: number | null,
  extra: Partial<SegmentProfileRow> = {},
): SegmentProfileRow => ({
  segment,
  customers: 10,
  kind: 'number',
  feature,
  value: null,
  n: 10,
  segment_mean: lift ?? 0,
  rest_mean: 1,
  overall_mean: 1,
  lift,
  std_diff,
  note: null,
  rank: 1,
  ...extra,
});

const rows = [
  row('VIP', 'frequency', 3.1, 1.9),
  row('VIP', 'monetary', 5, 3.5),
  row('VIP', 'region', 1.6, 0.8, { kind: 'attribute', value: '华东', segment_mean: 0.62 }),
  row('VIP', 'complaint_count', null, null, { note: 'no_spread' }),
  row('Rest', 'frequency', 0.6, -1.9),
  row('Rest', 'monetary', 0.5, -3.5),
  row('Rest', 'region', 1.1, 0.1, { kind: 'attribute', value: '华南', segment_mean: 0.3 }),
  row('Rest', 'complaint_count', null, null, { note: 'no_spread' }),
  row('New', 'is_prospect', 9, null, { note: 'separated', segment_mean: 1, rest_mean: 0 }),
];

describe('segment profile chart', () => {
  it('draws a cell per segment and feature that some segment differs on', async () => {
    const r = await renderVegaLite(
      segmentProfileChart({ rows, segments: ['VIP', 'Rest', 'New'], lang: 'en', width: 900 }),
    );
    expect(r.problems).toEqual([]);
    // complaints tell no segment apart: no row for them
    expect(r.items('rect')).toHaveLength(7);
    const labels = r.items('text').map((i) => String(i.text));
    expect(labels).toEqual(expect.arrayContaining(['3.1×', '华东', '5×', '9×']));
    const axis = r.texts('axis-label');
    expect(axis).toEqual(expect.arrayContaining(['VIP', 'Rest', 'New', 'Total spend', 'Region']));
    expect(axis).not.toContain('Complaints');
    // rows most different first: the separation, then spend (3.5), orders (1.9), region (0.8)
    const features = ['Orders', 'Total spend', 'Region', 'Prospect share'];
    expect(axis.filter((a) => features.includes(a))).toEqual([
      'Prospect share',
      'Total spend',
      'Orders',
      'Region',
    ]);
  });

  it('colours a separation at the end of the scale it is on, and clamps at ±2', async () => {
    const spec = segmentProfileChart({ rows, segments: [], lang: 'zh-CN', width: 390 });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    const colour = Object.fromEntries(
      r
        .items('rect')
        .map((i) => [`${String(i.datum!.segment)} ${String(i.datum!.feature)}`, i.datum!.std_diff]),
    );
    expect(colour['New 潜在客户占比']).toBe(2);
    expect(colour['VIP 累计消费']).toBe(2);
    expect(colour['Rest 累计消费']).toBe(-2);
    expect(colour['VIP 订单数']).toBe(1.9);
  });
});

describe('segment profile chart on a phone', () => {
  it('fits eleven segments into 340 px', async () => {
    const many = Array.from({ length: 11 }, (_, i) =>
      row(`S${i}`, 'frequency', 1 + i / 10, i / 5 - 1),
    );
    const segments = many.map((r) => r.segment);
    const r = await renderVegaLite(
      segmentProfileChart({ rows: many, segments, lang: 'en', width: 340 }),
    );
    expect(r.problems).toEqual([]);
    expect(r.view.width()).toBeLessThanOrEqual(340 - 104);
  });
});

describe('segment profile chart column labels', () => {
  /** The horizontal extents of the top axis's labels of `names`, left to right. */
  async function extents(names: string[]) {
    const many = names.flatMap((n, i) => [
      row(n, 'frequency', 1 + i / 10, i - 1.5),
      row(n, 'monetary', 2 - i / 10, 1.5 - i),
    ]);
    const r = await renderVegaLite(
      segmentProfileChart({ rows: many, segments: names, lang: 'en', width: 900 }),
    );
    expect(r.problems).toEqual([]);
    return r
      .textItemsOf('axis-label')
      .filter((t) => names.includes(String(t.text)))
      .map((t) => (t as unknown as { bounds: { x1: number; x2: number } }).bounds)
      .sort((a, b) => a.x1 - b.x1);
  }

  it('stands long names (a cluster named by its profile) up rather than overlap them', async () => {
    const names = [
      'Cluster 1: Frequent, high spend',
      'Cluster 2: Lapsed, low spend',
      'Cluster 3: New, infrequent',
      'Not clustered',
    ];
    const boxes = await extents(names);
    expect(boxes).toHaveLength(4);
    for (let i = 1; i < boxes.length; i++)
      expect(boxes[i]!.x1).toBeGreaterThanOrEqual(boxes[i - 1]!.x2);
  });

  it('keeps short names flat', async () => {
    const boxes = await extents(['VIP', 'Rest', 'New']);
    // Flat: each label wider than it is tall would be; it spans more than a line's height.
    expect(boxes.every((b) => b.x2 - b.x1 > 14)).toBe(true);
  });
});
