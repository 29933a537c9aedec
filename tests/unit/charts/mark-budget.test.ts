import { describe, expect, it } from 'vitest';
import { checkRowBudget, MAX_CHART_ROWS } from '../../../src/charts/mark-budget';

describe('checkRowBudget', () => {
  it('allows 50,000 rows and refuses more, in both languages', () => {
    const name = { en: 'test', zh: '测试' };
    expect(MAX_CHART_ROWS).toBe(50_000);
    expect(() => checkRowBudget(new Array(50_000).fill(0), name)).not.toThrow();
    expect(() => checkRowBudget(new Array(50_001).fill(0), name)).toThrow(
      /The test chart got 50001 rows[\s\S]*测试图收到 50001 行/,
    );
    expect(() => checkRowBudget('rows' as unknown as unknown[], name)).toThrow(/needs a list/);
  });
});
