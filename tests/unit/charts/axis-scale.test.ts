import { describe, expect, it } from 'vitest';
import { chooseScale, skewedScale, symlogTicks } from '../../../src/charts/axis-scale';

describe('axis scales', () => {
  it('takes a log axis for skewed spend and order counts, not for shares or even spreads', () => {
    expect(skewedScale({ min: 0, median: 640, max: 280_000 })).toBe('symlog');
    expect(skewedScale({ min: 1, median: 3, max: 60 })).toBe('symlog');
    expect(skewedScale({ min: 0, median: 0.5, max: 1 })).toBe('linear');
    expect(skewedScale({ min: 10, median: 400, max: 900 })).toBe('linear');
    expect(skewedScale({ min: -50, median: 10, max: 5_000 })).toBe('linear');
    expect(skewedScale({ min: null, median: null, max: null })).toBe('linear');
    expect(chooseScale('linear', { min: 0, median: 640, max: 280_000 })).toBe('linear');
    expect(chooseScale('log', { min: 10, median: 400, max: 900 })).toBe('symlog');
  });

  it('ticks a log axis at powers of ten, with steps between when it spans few decades', () => {
    expect(symlogTicks(0, 280_000)).toEqual([0, 10, 100, 1_000, 10_000, 100_000]);
    expect(symlogTicks(1, 120)).toEqual([1, 3, 10, 30, 100]);
    expect(symlogTicks(0, 40)).toEqual([0, 1, 2, 5, 10, 20]);
    expect(symlogTicks(5, 5)).toEqual([5]);
  });
});
