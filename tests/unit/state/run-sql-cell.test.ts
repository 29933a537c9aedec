import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmptyCellError, fetchPage, runSqlCell } from '../../../src/state/run-sql-cell';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec('CREATE TABLE nums AS SELECT range AS i FROM range(250)');
});
afterAll(() => engine.close());

describe('runSqlCell', () => {
  it('stores a query result, counts it and returns the first page', async () => {
    const result = await runSqlCell(engine, {
      id: 'a',
      kind: 'sql',
      source: '-- evens\nSELECT i FROM nums WHERE i % 2 = 0 ORDER BY i;',
    });
    expect(result.rowCount).toBe(125);
    expect(result.page).toHaveLength(100);
    expect(result.page[0]).toEqual({ i: 0 });
    expect(result.stored).toBe(true);
    const next = await fetchPage(engine, 'a', result, 100);
    expect(next.page.map((r) => r.i)).toEqual([
      200, 202, 204, 206, 208, 210, 212, 214, 216, 218, 220, 222, 224, 226, 228, 230, 232, 234, 236,
      238, 240, 242, 244, 246, 248,
    ]);
  });

  it('exposes a named result as a view later cells can query', async () => {
    await runSqlCell(engine, {
      id: 'b',
      kind: 'sql',
      source: 'SELECT i FROM nums WHERE i < 10',
      name: 'small',
    });
    const downstream = await runSqlCell(engine, {
      id: 'c',
      kind: 'sql',
      source: 'SELECT sum(i) AS s FROM small',
    });
    expect(downstream.page).toEqual([{ s: 45 }]);
  });

  it('runs earlier statements first and shows the output of a final non-query', async () => {
    const result = await runSqlCell(engine, {
      id: 'd',
      kind: 'sql',
      source: 'CREATE TABLE t2 AS SELECT 1 AS x; DESCRIBE t2',
    });
    expect(result.stored).toBe(false);
    expect(result.page[0]).toMatchObject({ column_name: 'x', column_type: 'INTEGER' });
  });

  it('throws DuckDB errors and refuses an empty cell', async () => {
    await expect(
      runSqlCell(engine, { id: 'e', kind: 'sql', source: 'SELECT nope FROM nums' }),
    ).rejects.toThrow(/nope/);
    await expect(
      runSqlCell(engine, { id: 'f', kind: 'sql', source: '-- only a comment' }),
    ).rejects.toBeInstanceOf(EmptyCellError);
  });
});
