import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../../src/ingest/load-file';
import { readBundle, writeBundle } from '../../../src/io/bundle-file';
import { tableToParquet } from '../../../src/state/table-to-parquet';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(`CREATE TABLE orders AS SELECT * FROM (VALUES
    (1::BIGINT, 'c1', '王芳', 12.5::DOUBLE, 3::INTEGER, DATE '2024-02-29', TIMESTAMP '2024-03-01 08:30:00', true),
    (2, 'c2', NULL, -0.25, NULL, DATE '2023-12-31', NULL, false),
    (3, 'c1', 'Li "Wei", Jr.', NULL, 7, NULL, TIMESTAMP '2024-01-02 00:00:01', NULL),
    (4, 'c3', '', 1e9, -2, DATE '1999-01-01', TIMESTAMP '1999-01-01 23:59:59', true),
    (5, 'c4', 'x', 0.1, 0, DATE '2024-06-30', TIMESTAMP '2024-06-30 12:00:00', false)
  ) t(id, customer_id, name, amount, qty, order_date, seen_at, vip)`);
  // Deleting leaves gaps in the row ids: pages must not assume them contiguous.
  await engine.exec(`CREATE TABLE gaps AS SELECT range AS id FROM range(10)`);
  await engine.exec(`DELETE FROM gaps WHERE id IN (2, 3, 4, 8)`);
  await engine.exec(`CREATE TABLE empty_table (id INTEGER, name VARCHAR)`);
});
afterAll(() => engine.close());

const all = async (table: string) =>
  (await engine.query(`SELECT * FROM "${table}" ORDER BY id`)).rows;
const types = async (table: string) =>
  (
    await engine.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
    )
  ).rows.map((r) => `${r.column_name} ${r.data_type}`);

describe('tables to Parquet and back through a bundle', () => {
  it('pages a table into row groups and loads it back through the Parquet ingest path', async () => {
    const { parquet, rows } = await tableToParquet(engine, 'orders', 2);
    expect(rows).toBe(5);
    expect(
      parquetMetadata(parquet.slice().buffer).row_groups.map((g) => Number(g.num_rows)),
    ).toEqual([2, 2, 1]);
    const notebook = {
      version: 1 as const,
      title: '',
      cells: [],
      tables: [],
      mappings: [],
      asOf: '',
    };
    const opened = readBundle(
      writeBundle({ notebook, createdWith: 'test', tables: [{ table: 'orders', rows, parquet }] }),
    );
    const loaded = await loadFile(
      engine,
      { name: 'orders.parquet', data: opened.tables[0]!.parquet },
      'orders_back',
    );
    expect(loaded.rowCount).toBe(5);
    expect(await all('orders_back')).toEqual(await all('orders'));
    expect(await types('orders_back')).toEqual([
      'id BIGINT',
      'customer_id VARCHAR',
      'name VARCHAR',
      'amount DOUBLE',
      'qty BIGINT',
      'order_date DATE',
      'seen_at TIMESTAMP',
      'vip BOOLEAN',
    ]);
  });

  it('writes every row of a table whose row ids have gaps, in order', async () => {
    const { parquet, rows } = await tableToParquet(engine, 'gaps', 3);
    expect(rows).toBe(6);
    await loadFile(engine, { name: 'gaps.parquet', data: parquet }, 'gaps_back');
    expect((await all('gaps_back')).map((r) => r.id)).toEqual([0, 1, 5, 6, 7, 9]);
  });

  it('writes an empty table with its columns', async () => {
    const { parquet, rows } = await tableToParquet(engine, 'empty_table');
    expect(rows).toBe(0);
    const buffer = parquet.slice().buffer;
    const metadata = parquetMetadata(buffer);
    expect(Number(metadata.num_rows)).toBe(0);
    expect(metadata.schema.slice(1).map((e) => e.name)).toEqual(['id', 'name']);
  });
});
