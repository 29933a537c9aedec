import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableSql, selectAllSql } from '../../../src/sql/file-io';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

/** readParquetSql needs DuckDB's Parquet reader, which the WASM tests leave out: cli/tests. */
describe('file-io SQL', () => {
  it('creates an empty table with the given column types', async () => {
    await engine.exec(
      createTableSql('scores "x"', [
        { name: 'customer id', type: 'VARCHAR' },
        { name: 'p', type: 'DOUBLE' },
        { name: 'n', type: 'BIGINT' },
        { name: 'day', type: 'DATE' },
      ]),
    );
    const { rows } = await engine.query(`DESCRIBE ${selectAllSql('scores "x"')}`);
    expect(rows.map((r) => [r.column_name, r.column_type])).toEqual([
      ['customer id', 'VARCHAR'],
      ['p', 'DOUBLE'],
      ['n', 'BIGINT'],
      ['day', 'DATE'],
    ]);
  });
});
