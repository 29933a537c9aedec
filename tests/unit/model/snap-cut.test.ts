import { describe, expect, it } from 'vitest';
import { snapCut } from '../../../src/model/snap-cut';

describe('snapCut', () => {
  it('keeps whole counts whole however fine the pointer', () => {
    expect(snapCut(3.4, 0, 0.01)).toBe(3);
    expect(snapCut(3.6, 0, 0.01)).toBe(4);
  });

  it('keeps cents for spend when a pixel spans less than a cent', () => {
    expect(snapCut(12.3456, 2, 0.004)).toBe(12.35);
  });

  it('rounds to what one pixel spans: tens where a pixel is 37 units', () => {
    expect(snapCut(1234.567, 2, 37)).toBe(1230);
    expect(snapCut(1235.1, 2, 37)).toBe(1240);
  });

  it('gives no floating-point tails', () => {
    expect(snapCut(0.30000000000000004, 2, 0.001)).toBe(0.3);
    expect(String(snapCut(1.005 * 3, 1, 0.02))).toBe('3');
  });

  it('falls back to the data precision when the pixel size is unknown', () => {
    expect(snapCut(7.77, 1, 0)).toBe(7.8);
    expect(snapCut(7.77, 1, Number.NaN)).toBe(7.8);
  });

  it('snaps negative values the same way', () => {
    expect(snapCut(-12.6, 0, 0.5)).toBe(-13);
  });
});
