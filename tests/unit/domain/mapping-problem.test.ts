import { describe, expect, it } from 'vitest';
import { mappingProblem } from '../../../src/domain/mapping-problem';

describe('mappingProblem', () => {
  it('accepts a mapping with its required roles', () => {
    const columns = { customerId: 'id', orderDate: 'day', amount: 'paid' };
    expect(mappingProblem({ table: 'o', kind: 'orders', columns })).toBeNull();
    expect(
      mappingProblem({ table: 'c', kind: 'customers', columns: { customerId: 'id' } }),
    ).toBeNull();
  });

  it('accepts quantity and unit price instead of an amount, but not one of them', () => {
    const columns = { customerId: 'id', orderDate: 'day', quantity: 'n', unitPrice: 'p' };
    expect(mappingProblem({ table: 'o', kind: 'orders', columns })).toBeNull();
    expect(
      mappingProblem({ table: 'o', kind: 'orders', columns: { ...columns, unitPrice: undefined } }),
    ).toEqual({
      en: 'Orders table "o": choose the Amount column, or both Quantity and Unit price.',
      zh: '订单表“o”：请选择“金额”列，或同时选择“数量”和“单价”列。',
    });
  });

  it('names the first missing role in both languages', () => {
    expect(
      mappingProblem({ table: '活动', kind: 'campaigns', columns: { customerId: 'id' } }),
    ).toEqual({
      en: 'Campaigns table "活动": choose the Responded column.',
      zh: '营销活动表“活动”：请选择“是否响应”列。',
    });
    expect(mappingProblem({ table: 't', kind: 'interactions', columns: {} })?.en).toMatch(
      /Customer ID/,
    );
    expect(mappingProblem({ table: '', kind: 'orders', columns: {} })?.en).toMatch(
      /Choose a table/,
    );
  });
});

describe('a customer summary', () => {
  const base = { table: 's', kind: 'summary' as const };
  it('takes recency days for the last purchase date', () => {
    const columns = { customerId: 'id', orderCount: 'n', totalSpend: 'm' };
    expect(mappingProblem({ ...base, columns: { ...columns, recencyDays: 'r' } })).toBeNull();
    expect(mappingProblem({ ...base, columns: { ...columns, lastOrderDate: 'l' } })).toBeNull();
    expect(mappingProblem({ ...base, columns })).toEqual({
      en: 'Customer summary table "s": choose the Last purchase date column, or Days since last purchase.',
      zh: '客户汇总表“s”：请选择“最近购买日期”列，或“最近购买天数”列。',
    });
  });
});
