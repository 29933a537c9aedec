import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../../src/io/notebook-file';
import type { Notebook } from '../../../src/model/notebook';
import { parseSqlView, resolveChart, suggestChart } from '../../../src/model/sql-chart';

const col = (name: string, kind: 'number' | 'string' | 'date' | 'timestamp' | 'boolean') => ({
  name,
  kind,
});

describe('suggestChart', () => {
  it('draws a number over a date as a line', () => {
    expect(suggestChart([col('month', 'date'), col('orders', 'number')])).toEqual({
      kind: 'line',
      x: 'month',
      y: 'orders',
    });
    expect(suggestChart([col('n', 'number'), col('at', 'timestamp')])).toEqual({
      kind: 'line',
      x: 'at',
      y: 'n',
    });
  });

  it('draws a number per text as bars, skipping identifier columns', () => {
    expect(
      suggestChart([
        col('customer_id', 'number'),
        col('segment', 'string'),
        col('revenue', 'number'),
      ]),
    ).toEqual({ kind: 'bar', x: 'segment', y: 'revenue' });
  });

  it('draws two numbers as a scatter, and nothing without a number', () => {
    expect(suggestChart([col('frequency', 'number'), col('monetary', 'number')])).toEqual({
      kind: 'scatter',
      x: 'frequency',
      y: 'monetary',
    });
    expect(suggestChart([col('name', 'string'), col('flag', 'boolean')])).toBeNull();
    expect(suggestChart([col('revenue', 'number')])).toBeNull();
  });
});

describe('resolveChart', () => {
  const columns = [col('month', 'date'), col('orders', 'number'), col('revenue', 'number')];

  it("keeps the author's choices and suggests the rest", () => {
    expect(resolveChart(columns, { y: 'revenue' })).toEqual({
      kind: 'line',
      x: 'month',
      y: 'revenue',
    });
    expect(resolveChart(columns, { kind: 'bar', x: 'month', y: 'revenue' })).toEqual({
      kind: 'bar',
      x: 'month',
      y: 'revenue',
    });
  });

  it('forgets a choice naming a column the result no longer has, or a text y', () => {
    expect(resolveChart(columns, { x: 'gone', y: 'month' })).toEqual({
      kind: 'line',
      x: 'month',
      y: 'orders',
    });
  });

  it('survives a save and load of the notebook', () => {
    const nb: Notebook = {
      version: 1,
      title: 't',
      tables: [],
      mappings: [],
      asOf: '',
      cells: [
        {
          id: 's',
          kind: 'sql',
          source: 'SELECT 1',
          view: { show: 'chart', chart: { kind: 'line', y: 'revenue' } },
        },
      ],
    };
    expect(parseNotebook(serializeNotebook(nb)).cells[0]).toMatchObject({
      view: { show: 'chart', chart: { kind: 'line', y: 'revenue' } },
    });
    expect(parseSqlView({ show: 'pie' })).toBeUndefined();
    expect(parseSqlView({ show: 'chart', chart: { kind: 'pie', x: 3 } })).toEqual({
      show: 'chart',
    });
  });
});
