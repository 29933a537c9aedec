import { describe, expect, it } from 'vitest';
import {
  segmentSizesOverTime,
  type SegmentSizeRow,
} from '../../../src/charts/segment-sizes-over-time';
import { renderVegaLite } from '../../support/render-vega';

const day = (d: string) => new Date(`${d}T00:00:00Z`);
// the sizes of tests/unit/sql/migration.test.ts
const rows: SegmentSizeRow[] = [
  { as_of: day('2024-01-01'), segment: 'Active', customers: 2, share: 2 / 3 },
  { as_of: day('2024-01-01'), segment: 'Lapsed', customers: 1, share: 1 / 3 },
  { as_of: day('2024-04-01'), segment: 'Active', customers: 2, share: 0.5 },
  { as_of: day('2024-04-01'), segment: 'Lapsed', customers: 2, share: 0.5 },
  { as_of: day('2024-07-01'), segment: 'Active', customers: 3, share: 0.6 },
  { as_of: day('2024-07-01'), segment: 'Lapsed', customers: 2, share: 0.4 },
];

describe('segment sizes over time', () => {
  it('stacks a bar per segment at each date, dates as YYYY-MM-DD', async () => {
    const r = await renderVegaLite(
      segmentSizesOverTime({ rows, segments: ['Active', 'Lapsed'], lang: 'en' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.items('rect')).toHaveLength(6);
    expect(r.texts('axis-label')).toEqual(
      expect.arrayContaining(['2024-01-01', '2024-04-01', '2024-07-01']),
    );
    expect(r.texts('title-text')).toEqual(['Segment sizes over time']);
    // the July stack (5) is taller than the January one (3) by 5/3
    const bars = r.items('rect') as { datum?: { as_of: string }; height?: number }[];
    const total = (d: string) =>
      bars.filter((b) => b.datum!.as_of === d).reduce((s, b) => s + b.height!, 0);
    expect(total('2024-07-01') / total('2024-01-01')).toBeCloseTo(5 / 3, 6);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('draws a normalised stacked area in Chinese', async () => {
    const spec = segmentSizesOverTime({
      rows,
      segments: ['Active', 'Lapsed'],
      kind: 'area',
      normalize: true,
      lang: 'zh-CN',
    });
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    expect(r.items('area')).toHaveLength(6); // two areas of three dates
    expect(r.items('line')).toHaveLength(6);
    expect(r.texts('title-text')).toEqual(['各分群规模变化']);
    expect(r.texts('axis-title')).toEqual(expect.arrayContaining(['客户占比', '截至日期']));
    expect(r.texts('axis-label')).toEqual(
      expect.arrayContaining(['100%', '2024-01-01', '2024-04-01', '2024-07-01']),
    );
  });

  it('slants the dates where they do not fit side by side', () => {
    const angle = (width: number) =>
      (
        segmentSizesOverTime({ rows, segments: ['Active', 'Lapsed'], lang: 'en', width }) as {
          encoding: { x: { axis: { labelAngle: number } } };
        }
      ).encoding.x.axis.labelAngle;
    // three dates: 330 - 150 px of legend leaves 60 px a date, under a label's 75
    expect(angle(330)).toBe(-40);
    expect(angle(760)).toBe(0);
  });
});
