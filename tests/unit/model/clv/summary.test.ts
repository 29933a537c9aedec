import { describe, expect, it } from 'vitest';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';
import { assertValidRfm, summaryFromRows } from '../../../../src/model/clv/summary';

describe('summaryFromRows', () => {
  it('reads the summary columns into typed arrays, in row order', () => {
    const s = summaryFromRows([
      { customer_id: 'A', frequency: 2, recency: 90, T: 90, monetary_value: 20 },
      { customer_id: 'B', frequency: 0, recency: 0, T: 50, monetary_value: null },
    ]);
    expect(Array.from(s.frequency)).toEqual([2, 0]);
    expect(Array.from(s.recency)).toEqual([90, 0]);
    expect(Array.from(s.T)).toEqual([90, 50]);
    expect(Array.from(s.monetaryValue)).toEqual([20, 0]);
  });
});

describe('assertValidRfm', () => {
  const labels = (data: Parameters<typeof assertValidRfm>[0]) => {
    try {
      assertValidRfm(data);
    } catch (e) {
      expect(e).toBeInstanceOf(ClvInputError);
      return (e as ClvInputError).labels;
    }
    throw new Error('did not throw');
  };

  it('accepts valid customers', () => {
    expect(() => assertValidRfm({ frequency: [0, 3], recency: [0, 4], T: [0, 4] })).not.toThrow();
  });

  it('names the customer and the problem in English and Chinese', () => {
    const m = labels({ frequency: [0, 1, 2], recency: [0, 1, 9], T: [5, 5, 5] });
    expect(m.en).toBe('Customer 3: recency (9) must be between 0 and T (5).');
    expect(m.zh).toBe('第 3 位客户：最近购买间隔（9）必须介于 0 与 T（5）之间。');
    expect(labels({ frequency: [-1], recency: [0], T: [1] }).en).toMatch(/whole number >= 0/);
    expect(labels({ frequency: [0], recency: [2], T: [3] }).zh).toMatch(/没有复购/);
    expect(labels({ frequency: [1], recency: [Number.NaN], T: [3] }).en).toMatch(/recency/);
    expect(labels({ frequency: [], recency: [], T: [] }).zh).toMatch(/没有可用于拟合/);
  });
});
