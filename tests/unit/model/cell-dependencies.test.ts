import { describe, expect, it } from 'vitest';
import { dependentCells, runOrder } from '../../../src/model/cell-dependencies';
import { defaultPredictCell, type Cell } from '../../../src/model/notebook';

const ctx = { inputTables: new Set(['orders']) };

const sql = (id: string, source: string, name?: string): Cell =>
  name ? { id, kind: 'sql', source, name } : { id, kind: 'sql', source };

describe('dependentCells', () => {
  const cells: Cell[] = [
    sql('a', 'SELECT * FROM orders', 'recent'),
    { id: 'm', kind: 'markdown', source: 'uses recent' },
    sql('b', 'SELECT count(*) FROM Recent', 'counted'),
    sql('c', 'SELECT 1'),
    sql('d', 'SELECT * FROM "counted"'),
    sql('e', "SELECT 'recent' AS s"),
  ];

  it('follows names transitively, in notebook order', () => {
    expect(dependentCells(cells, 'a', ctx)).toEqual(['b', 'd']);
  });

  it('has nothing to re-run for an unnamed or last cell', () => {
    expect(dependentCells(cells, 'c', ctx)).toEqual([]);
    expect(dependentCells(cells, 'e', ctx)).toEqual([]);
  });

  it('follows a preset result into SQL cells that read it', () => {
    const withPreset: Cell[] = [
      {
        id: 'p',
        kind: 'preset',
        presetId: 'rfm',
        params: {},
        name: 'rfm_segments',
        strategies: {},
      },
      sql('q', 'SELECT segment, count(*) FROM rfm_segments GROUP BY 1'),
      { id: 'p2', kind: 'preset', presetId: 'lifecycle', params: {}, name: 'life', strategies: {} },
    ];
    expect(dependentCells(withPreset, 'p', ctx)).toEqual(['q']);
  });

  it('re-runs a combining preset when one of its inputs changes', () => {
    const cells: Cell[] = [
      {
        id: 'a',
        kind: 'preset',
        presetId: 'value-tiers',
        params: {},
        name: 'tiers',
        strategies: {},
      },
      { id: 'b', kind: 'preset', presetId: 'lifecycle', params: {}, name: 'life', strategies: {} },
      {
        id: 'c',
        kind: 'preset',
        presetId: 'combine',
        params: { left: 'Tiers', right: 'life' },
        name: 'tiers_x_life',
        strategies: {},
      },
      sql('d', 'SELECT * FROM tiers_x_life'),
    ];
    expect(dependentCells(cells, 'a', ctx)).toEqual(['c', 'd']);
    expect(dependentCells(cells, 'b', ctx)).toEqual(['c', 'd']);
  });

  it('follows readers above the changed one too, and stops at a loop', () => {
    const loop: Cell[] = [sql('x', 'SELECT * FROM y', 'x'), sql('y', 'SELECT * FROM x', 'y')];
    expect(dependentCells(loop, 'y', ctx)).toEqual(['x']);
    expect(runOrder(loop, ctx)).toEqual(['x', 'y']);
  });
});

const preset = (id: string, presetId: string, name: string, params = {}): Cell => ({
  id,
  kind: 'preset',
  presetId,
  params,
  name,
  strategies: {},
});

describe('runOrder', () => {
  it('runs a preset after the Predict cell below it, and Combine after its inputs', () => {
    const cells: Cell[] = [
      { id: 'md', kind: 'markdown', source: '# Title' },
      preset('combo', 'combine', 'both', { left: 'risk', right: 'tiers' }),
      preset('risk', 'churn-risk', 'risk'),
      sql('s', 'SELECT * FROM orders'),
      preset('tiers', 'value-tiers', 'tiers'),
      { ...defaultPredictCell('p', 'clv'), kind: 'predict' },
      sql('empty', '  '),
    ];
    expect(runOrder(cells, ctx)).toEqual(['s', 'p', 'risk', 'tiers', 'combo']);
    expect(dependentCells(cells, 'p', ctx)).toEqual(['risk', 'tiers', 'combo']);
  });

  it('runs a SQL result the features are built from before every preset', () => {
    const cells: Cell[] = [
      preset('r', 'rfm', 'rfm'),
      sql('q', 'SELECT * FROM customer_features'),
      sql('clean', 'SELECT * FROM raw_orders', 'clean_orders'),
    ];
    const mapped = { inputTables: new Set(['clean_orders']) };
    expect(runOrder(cells, mapped)).toEqual(['clean', 'r', 'q']);
    expect(dependentCells(cells, 'clean', mapped)).toEqual(['r', 'q']);
    // Not mapped: page order, and a change of it re-runs nothing.
    expect(runOrder(cells, ctx)).toEqual(['r', 'q', 'clean']);
    expect(dependentCells(cells, 'clean', ctx)).toEqual([]);
  });
});
