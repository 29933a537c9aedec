import { describe, expect, it } from 'vitest';
import { migrationFlows } from '../../../src/charts/migration-flows';
import type { FlowInput } from '../../../src/charts/flow-layout';
import { NEUTRAL_COLORS, SEGMENT_COLORS } from '../../../src/charts/palette';
import { embeddedRows, renderVegaLite } from '../../support/render-vega';

const p1 = {
  from_date: new Date('2024-01-01T00:00:00Z'),
  to_date: new Date('2024-04-01T00:00:00Z'),
};
const p2 = {
  from_date: new Date('2024-04-01T00:00:00Z'),
  to_date: new Date('2024-07-01T00:00:00Z'),
};
// the transitions of tests/unit/sql/migration.test.ts
const rows: FlowInput[] = [
  { ...p1, from_segment: 'Active', to_segment: 'Active', customers: 1, row_share: 0.5 },
  { ...p1, from_segment: 'Active', to_segment: 'Lapsed', customers: 1, row_share: 0.5 },
  { ...p1, from_segment: 'Lapsed', to_segment: 'Lapsed', customers: 1, row_share: 1 },
  { ...p1, from_segment: 'New', to_segment: 'Active', customers: 1, row_share: 1, is_new: true },
  { ...p2, from_segment: 'Active', to_segment: 'Active', customers: 2, row_share: 1 },
  { ...p2, from_segment: 'Lapsed', to_segment: 'Active', customers: 1, row_share: 0.5 },
  { ...p2, from_segment: 'Lapsed', to_segment: 'Lapsed', customers: 1, row_share: 0.5 },
  { ...p2, from_segment: 'New', to_segment: 'Lapsed', customers: 1, row_share: 1, is_new: true },
];

describe('migration flows', () => {
  it('draws a band per flow, a bar per segment and date, and the dates on top', async () => {
    const spec = migrationFlows({ rows, segments: ['Active', 'Lapsed'], lang: 'en' });
    expect(embeddedRows(spec)).toBe(8 * 21 + 8 + 8 + 3); // ribbon points, bars, labels, dates
    const r = await renderVegaLite(spec);
    expect(r.problems).toEqual([]);
    expect(r.items('area')).toHaveLength(8 * 21); // 8 bands of 21 points
    const bars = r.items('rect');
    // 01-01: Active, Lapsed, New; 04-01: Active, Lapsed, New; 07-01: Active, Lapsed
    expect(bars).toHaveLength(8);
    const fill = (seg: string) =>
      (bars.find((b) => b.datum?.segment === seg) as { fill?: string }).fill;
    expect(fill('Active')).toBe(SEGMENT_COLORS[0]);
    expect(fill('New')).toBe(NEUTRAL_COLORS[0]);
    const texts = r.items('text').map((t) => String(t.text));
    expect(texts).toEqual(
      expect.arrayContaining(['Active 2', 'New 1', 'Active 3', '2024-01-01', '2024-07-01']),
    );
    expect(r.texts('title-text')).toEqual(['Segment migration']);
    expect(r.textItems().every((t) => (t.fontSize ?? 0) >= 12)).toBe(true);
  });

  it('is titled in Chinese', async () => {
    const r = await renderVegaLite(
      migrationFlows({ rows, segments: ['Active', 'Lapsed'], lang: 'zh-CN' }),
    );
    expect(r.problems).toEqual([]);
    expect(r.texts('title-text')).toEqual(['分群迁移流向']);
    expect(r.texts('title-subtitle')[0]).toMatch(/色带/);
  });
});
