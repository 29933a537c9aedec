import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentRankSql } from '../../../src/sql/segment-rank';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('segmentRankSql', () => {
  it('sorts labels by their rank, unknown ones after, whatever size or spelling', async () => {
    const order = ['VIP', "Can't lose", 'Ordinary'];
    const { rows } = await engine.query(`SELECT s FROM (VALUES
      ('Ordinary', 900), ('No segment', 1), ('VIP', 10), ('Can''t lose', 50), ('Aardvark', 2)
    ) t(s, n)
    ORDER BY ${segmentRankSql('s', order)}n DESC`);
    expect(rows.map((r) => r.s)).toEqual([
      'VIP',
      "Can't lose",
      'Ordinary',
      'Aardvark',
      'No segment',
    ]);
  });

  it('adds nothing without an order', () => {
    expect(segmentRankSql('s', undefined)).toBe('');
    expect(segmentRankSql('s', [])).toBe('');
  });
});
