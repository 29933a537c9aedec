import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  brushedRanges,
  quadrantBrush,
  QUADRANT_BRUSH,
  wholeRange,
} from '../../../src/charts/quadrant-brush';
import { quadrantChart } from '../../../src/charts/quadrant-chart';

describe('quadrant brush', () => {
  it('reads the ranges of points and of density bins, ends in order', () => {
    expect(brushedRanges({ value: [900, 120], loyalty: [2, 5] })).toEqual({
      value: [120, 900],
      loyalty: [2, 5],
    });
    expect(brushedRanges({ value_lo: [1, 2], loyalty_lo: [5, 3] })).toEqual({
      value: [1, 2],
      loyalty: [3, 5],
    });
  });

  it('reads nothing brushed from a cleared or partial brush', () => {
    for (const signal of [
      {},
      null,
      undefined,
      { value: [1, 2] },
      { value: [1, NaN], loyalty: [1, 2] },
    ]) {
      expect(brushedRanges(signal)).toBeNull();
    }
  });

  it('narrows a range of orders or days to the whole numbers in it', () => {
    expect(wholeRange([4.4, 37.55], 'frequency')).toEqual([5, 37]);
    expect(wholeRange([2, 5], 'tenure')).toEqual([2, 5]);
    expect(wholeRange([4.2, 4.8], 'frequency')).toEqual([4.2, 4.8]);
    expect(wholeRange([0.12, 0.5], 'repurchase')).toEqual([0.12, 0.5]);
  });

  it('starts drawn over given ranges only when both are given', () => {
    expect(quadrantBrush({ value: [1, 2], loyalty: [3, 4] }).value).toEqual({
      x: [1, 2],
      y: [3, 4],
    });
    expect(quadrantBrush({ value: [1, 2] }).value).toBeUndefined();
  });

  it('compiles into the chart as an interval selection with its signals', () => {
    const spec = quadrantChart({
      rows: [
        {
          kind: 'point',
          customer_id: 'c1',
          segment: 'Core',
          value: 10,
          loyalty: 2,
          value_lo: null,
          value_hi: null,
          loyalty_lo: null,
          loyalty_hi: null,
          customers: 1,
          segment_share: 1,
        },
      ],
      valueThreshold: 5,
      loyaltyThreshold: 1,
      segments: ['Core'],
      lang: 'en',
      brush: { value: [1, 20], loyalty: [1, 3] },
    });
    const signals = (compile(spec).spec.signals ?? []).map((s) => s.name);
    expect(signals).toEqual(
      expect.arrayContaining([QUADRANT_BRUSH, `${QUADRANT_BRUSH}_x`, `${QUADRANT_BRUSH}_y`]),
    );
  });
});
