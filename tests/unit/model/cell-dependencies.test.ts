import { describe, expect, it } from 'vitest';
import { dependentCells } from '../../../src/model/cell-dependencies';
import type { Cell } from '../../../src/model/notebook';

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
    expect(dependentCells(cells, 'a')).toEqual(['b', 'd']);
  });

  it('has nothing to re-run for an unnamed or last cell', () => {
    expect(dependentCells(cells, 'c')).toEqual([]);
    expect(dependentCells(cells, 'e')).toEqual([]);
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
    expect(dependentCells(withPreset, 'p')).toEqual(['q']);
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
    expect(dependentCells(cells, 'a')).toEqual(['c', 'd']);
    expect(dependentCells(cells, 'b')).toEqual(['c', 'd']);
  });

  it('ignores cells above the changed one', () => {
    const loop: Cell[] = [sql('x', 'SELECT * FROM y', 'x'), sql('y', 'SELECT * FROM x', 'y')];
    expect(dependentCells(loop, 'y')).toEqual([]);
  });
});
