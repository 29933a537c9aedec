import { describe, expect, it } from 'vitest';
import { churnText } from '../../../src/components/churn-text';

describe('churn statement', () => {
  it('says where the threshold comes from: data, setting, default, or nobody bought twice', () => {
    const fromData = { days: 90, shorterShare: 0.92 };
    expect(churnText('en', 90, undefined, fromData)).toMatch(
      /^Churned = no order in 90 days \(.*92%/,
    );
    expect(churnText('en', 120, 120, fromData)).toMatch(/your setting; your data suggests 90 days/);
    // Before the orders have loaded (or with only a customer summary) the data has said nothing.
    expect(churnText('en', 365, undefined, null)).toMatch(/the default, until orders show/);
    expect(churnText('zh-CN', 365, undefined, null)).toMatch(/默认值/);
    expect(churnText('en', 365, undefined, { days: null, shorterShare: null })).toMatch(
      /nobody bought on two different days/,
    );
  });
});
