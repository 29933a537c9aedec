import { describe, expect, it } from 'vitest';
import { recencyCheck } from '../../../../src/model/clv/recency-check';

describe('recencyCheck', () => {
  it('groups one-time buyers apart and repeat buyers by whole-unit slices of recency', () => {
    // max T = 39 and 8 slices: width ceil(39 / 8) = 5, slices [0,5), [5,10), ... [35,40].
    const frequency = [0, 0, 1, 2, 3, 1, 4];
    const recency = [0, 0, 4.9, 5, 9.99, 39, 36];
    const T = [30, 39, 20, 20, 30, 39, 39];
    const actual = [0, 1, 1, 2, 0, 3, 5];
    const predicted = [0.2, 0.4, 0.5, 1.5, 1, 2, 4];
    const rows = recencyCheck(frequency, recency, T, actual, predicted);
    const rounded = rows.map((r) => ({ ...r, predicted: Math.round(r.predicted * 1e12) / 1e12 }));
    expect(rounded).toEqual([
      { from: null, to: null, customers: 2, actual: 0.5, predicted: 0.3 },
      { from: 0, to: 5, customers: 1, actual: 1, predicted: 0.5 },
      { from: 5, to: 10, customers: 2, actual: 1, predicted: 1.25 },
      { from: 35, to: 40, customers: 2, actual: 4, predicted: 3 },
    ]);
  });

  it('uses slices of one unit when the ages are short (discrete periods)', () => {
    const rows = recencyCheck([1, 1, 2], [1, 2, 2], [3, 3, 3], [1, 0, 1], [0.5, 0.5, 0.5], 8);
    expect(rows.map((r) => [r.from, r.to, r.customers])).toEqual([
      [1, 2, 1],
      [2, 3, 2],
    ]);
  });

  it('is empty without customers or with mismatched arrays', () => {
    expect(recencyCheck([], [], [], [], [])).toEqual([]);
    expect(recencyCheck([1], [1], [2], [1, 2], [1])).toEqual([]);
  });
});
