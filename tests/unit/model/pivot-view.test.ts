import { describe, expect, it } from 'vitest';
import { parsePivotChoice, resolvePivot } from '../../../src/model/pivot-view';
import { parseSqlView } from '../../../src/model/sql-chart';

const COLUMNS = [
  { name: 'customer_id', kind: 'number' as const },
  { name: '地区', kind: 'string' as const },
  { name: 'channel', kind: 'string' as const },
  { name: 'amount', kind: 'number' as const },
];

describe('resolvePivot', () => {
  it('suggests rows by the first text column and the first measure summed', () => {
    expect(resolvePivot(COLUMNS)).toEqual({ rows: ['地区'], value: 'amount', aggregate: 'sum' });
  });

  it('keeps choices that still name a column, drops stale ones and a column also in rows', () => {
    expect(
      resolvePivot(COLUMNS, {
        rows: ['gone', 'channel', 'channel'],
        column: 'channel',
        value: 'gone',
        aggregate: 'avg',
      }),
    ).toEqual({ rows: ['channel'], value: 'amount', aggregate: 'avg' });
    expect(
      resolvePivot(COLUMNS, {
        rows: [],
        column: '地区',
        value: 'channel',
        aggregate: 'count_distinct',
      }),
    ).toEqual({ rows: [], column: '地区', value: 'channel', aggregate: 'count_distinct' });
  });

  it('counts when there is no number to sum', () => {
    const text = [{ name: 'a', kind: 'string' as const }];
    expect(resolvePivot(text, { aggregate: 'sum' })).toEqual({
      rows: ['a'],
      value: 'a',
      aggregate: 'count',
    });
  });
});

describe('a saved pivot choice', () => {
  it('keeps what is well formed and drops the rest', () => {
    expect(
      parsePivotChoice({
        rows: ['a', 3, '', 'b', 'c', 'd'],
        column: null,
        value: 'x',
        aggregate: 'median',
      }),
    ).toEqual({ rows: ['a', 'b', 'c'], column: null, value: 'x' });
    expect(parsePivotChoice({ value: 'y'.repeat(1001) })).toBeUndefined();
    expect(parsePivotChoice('pivot')).toBeUndefined();
  });

  it('travels in a SQL cell view', () => {
    expect(
      parseSqlView({ show: 'pivot', pivot: { rows: ['地区'], column: '渠道', aggregate: 'sum' } }),
    ).toEqual({
      show: 'pivot',
      pivot: { rows: ['地区'], column: '渠道', aggregate: 'sum' },
    });
  });
});
