import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listColumnsSql } from '../../../src/sql/catalog';
import { describeTableSql } from '../../../src/sql/read-file-sql';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`
    CREATE TABLE "订单 2024" AS SELECT 1 AS "客户ID", DATE '2024-01-01' AS "day", 2.5 AS "a""b";
    CREATE VIEW "big_spenders" AS SELECT "客户ID" FROM "订单 2024";
    CREATE TEMP TABLE scratch AS SELECT 'x' AS note;
    CREATE TABLE __seglab_cell_1 AS SELECT 1 AS hidden;
  `);
});
afterAll(() => engine.close());

describe('catalog SQL', () => {
  it('lists what information_schema lists, tables and views apart, our working tables left out', async () => {
    const { rows } = await engine.query(listColumnsSql());
    const { rows: reference } = await engine.query(`
      SELECT c.table_name, c.column_name, c.data_type,
        CASE WHEN t.table_type = 'VIEW' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type
      FROM information_schema.columns AS c
      JOIN information_schema.tables AS t USING (table_schema, table_name)
      WHERE c.table_schema = 'main' AND c.table_name NOT LIKE '\\_\\_seglab%' ESCAPE '\\'
      ORDER BY c.table_name, c.ordinal_position`);
    expect(rows).toEqual(reference);
    expect(rows.map((r) => [r.table_name, r.column_name, r.table_type])).toEqual([
      ['big_spenders', '客户ID', 'VIEW'],
      ['scratch', 'note', 'BASE TABLE'],
      ['订单 2024', '客户ID', 'BASE TABLE'],
      ['订单 2024', 'day', 'BASE TABLE'],
      ['订单 2024', 'a"b', 'BASE TABLE'],
    ]);
  });

  it('describes one table or view in column order, and nothing for a table that is not there', async () => {
    const { rows } = await engine.query(describeTableSql('订单 2024'));
    expect(rows).toEqual([
      { column_name: '客户ID', data_type: 'INTEGER' },
      { column_name: 'day', data_type: 'DATE' },
      { column_name: 'a"b', data_type: 'DECIMAL(2,1)' },
    ]);
    expect((await engine.query(describeTableSql('big_spenders'))).rows).toHaveLength(1);
    expect((await engine.query(describeTableSql('missing'))).rows).toEqual([]);
  });
});
