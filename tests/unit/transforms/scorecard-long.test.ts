import { afterEach, describe, expect, it, vi } from 'vitest';
import { scorecardLong } from '../../../src/transforms/scorecard-long';

afterEach(() => vi.unstubAllGlobals());

describe('scorecardLong', () => {
  it('folds metric columns into one row per metric and segment', () => {
    vi.stubGlobal('Function', () => {
      throw new EvalError('code generation is not allowed');
    });
    const rows = [
      { segment: 'A', is_total: false, churn_rate: 0.2, avg_order_value: 250 },
      { segment: 'B', is_total: false, churn_rate: null, avg_order_value: Number.NaN },
      { segment: 'Total', is_total: true, churn_rate: 0.3, avg_order_value: 180 },
    ];
    expect(scorecardLong(rows, ['churn_rate', 'avg_order_value'])).toEqual([
      { segment: 'A', is_total: false, metric: 'churn_rate', value: 0.2 },
      { segment: 'B', is_total: false, metric: 'churn_rate', value: null },
      { segment: 'Total', is_total: true, metric: 'churn_rate', value: 0.3 },
      { segment: 'A', is_total: false, metric: 'avg_order_value', value: 250 },
      { segment: 'B', is_total: false, metric: 'avg_order_value', value: null },
      { segment: 'Total', is_total: true, metric: 'avg_order_value', value: 180 },
    ]);
  });

  it('treats a missing total flag as a segment', () => {
    expect(scorecardLong([{ segment: 'A', revenue: 5 }], ['revenue'])).toEqual([
      { segment: 'A', is_total: false, metric: 'revenue', value: 5 },
    ]);
  });
});
