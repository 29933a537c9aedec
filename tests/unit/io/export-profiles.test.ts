import { describe, expect, it } from 'vitest';
import { profileExport } from '../../../src/io/export-profiles';
import type { SegmentProfileRow } from '../../../src/model/segment-description';

const base = {
  customers: 40,
  kind: 'number',
  value: null,
  n: 40,
  rest_mean: 1,
  overall_mean: 1.5,
  note: null,
} as const;
const rows: SegmentProfileRow[] = [
  {
    ...base,
    segment: 'VIP',
    feature: 'frequency',
    segment_mean: 4.65,
    lift: 3.1,
    std_diff: 1.8,
    rank: 1,
  },
  {
    ...base,
    segment: 'VIP',
    feature: 'complaint_count',
    segment_mean: 0,
    overall_mean: 0,
    lift: null,
    std_diff: null,
    note: 'no_spread',
    rank: 2,
  },
];

describe('profile export', () => {
  it('names each feature in the language, with the segment description on every row', () => {
    const { rows: out, columns } = profileExport(rows, 'zh-CN');
    expect(columns.map((c) => c.name)).toEqual([
      'segment',
      'description',
      'customers',
      'feature',
      'feature_label',
      'value',
      'n',
      'segment_mean',
      'rest_mean',
      'overall_mean',
      'lift',
      'std_diff',
      'rank',
      'note',
    ]);
    expect(out[0]).toMatchObject({
      segment: 'VIP',
      description: '购买频次是平均的3.1倍',
      feature: 'frequency',
      feature_label: '订单数',
      lift: 3.1,
      std_diff: 1.8,
    });
    expect(out[1]).toMatchObject({ feature_label: '投诉次数', lift: null, note: 'no_spread' });
  });
});
