import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relationCte, relationSql } from '../../../src/sql/relation';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE "odd ""name""" AS SELECT 1 AS x`);
});
afterAll(() => engine.close());

describe('relation', () => {
  it('reads a table with a hostile name, or SQL with trailing semicolons and comments', async () => {
    const table = await engine.query(relationSql({ table: 'odd "name"' }));
    expect(table.rows).toEqual([{ x: 1 }]);
    const cte = relationCte('r', { sql: 'SELECT 2 AS x -- trailing comment\n;;  ' });
    expect((await engine.query(`WITH ${cte} SELECT * FROM r`)).rows).toEqual([{ x: 2 }]);
  });

  it('rejects empty input', () => {
    expect(() => relationSql({ sql: ' ; ' })).toThrow(/SQL is empty/);
    expect(() => relationSql({ table: '' })).toThrow(/table name is empty/);
  });
});
