import { describe, expect, it } from 'vitest';
import { NEUTRAL_COLORS, SEGMENT_COLORS, segmentColorScale } from '../../../src/charts/palette';

describe('segmentColorScale', () => {
  it('gives the i-th segment the i-th colour and greys to the neutral labels', () => {
    const scale = segmentColorScale(['VIP', 'Regular', 'VIP'], ['New', 'Regular', 'Left']);
    expect(scale.domain).toEqual(['VIP', 'Regular', 'New', 'Left']);
    expect(scale.range).toEqual([
      SEGMENT_COLORS[0],
      SEGMENT_COLORS[1],
      NEUTRAL_COLORS[0],
      NEUTRAL_COLORS[1],
    ]);
  });

  it('is stable: a segment keeps its colour whatever the data, and colours repeat after 16', () => {
    const labels = Array.from({ length: 18 }, (_, i) => `S${i}`);
    const scale = segmentColorScale(labels);
    expect(new Set(scale.range.slice(0, 16)).size).toBe(16);
    expect(scale.range[16]).toBe(SEGMENT_COLORS[0]);
    expect(segmentColorScale(labels.slice(0, 3)).range).toEqual(scale.range.slice(0, 3));
    expect(SEGMENT_COLORS.some((c) => (NEUTRAL_COLORS as readonly string[]).includes(c))).toBe(
      false,
    );
  });
});
