import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toParquet } from '../../src/io/export-parquet';
import { readParquetSql, selectAllSql } from '../../src/sql/file-io';
import { NodeEngine } from '../../tests/support/node-engine';
import { NativeEngine } from '../src/native-engine';

/** The native engine answers as DuckDB-WASM does, so state/ code cannot tell them apart. */
let wasm: NodeEngine;
let native: NativeEngine;
let allowed: string;
let outside: string;

beforeAll(async () => {
  allowed = mkdtempSync(path.join(tmpdir(), 'seglab-allowed-'));
  outside = mkdtempSync(path.join(tmpdir(), 'seglab-outside-'));
  wasm = await NodeEngine.start();
  native = await NativeEngine.start([allowed]);
});
afterAll(async () => {
  wasm.close();
  await native.terminate();
  rmSync(allowed, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('NativeEngine', () => {
  it('gives the same columns and values as DuckDB-WASM for the types SegLab uses', async () => {
    const sql = `SELECT 1::BIGINT AS b, 3::INTEGER AS i, 2.5::DOUBLE AS d, 'x' AS s,
      DATE '2024-01-05' AS day, TIMESTAMP '2024-01-05 03:04:05' AS ts, true AS ok,
      NULL::VARCHAR AS nothing, 9007199254740993::BIGINT AS big`;
    const [a, b] = [await wasm.query(sql), await native.query(sql)];
    expect(b.columns).toEqual(a.columns);
    expect(b.rows).toEqual(a.rows);
  });

  it('makes a table from Arrow IPC, as predictions are stored', async () => {
    const ipc = tableToIPC(
      tableFromArrays({ customer_id: ['a', 'b'], p_alive: Float64Array.from([0.5, 0.25]) }),
      'stream',
    );
    await native.insertArrowIPC('scores', ipc, true);
    expect((await native.query('SELECT * FROM scores ORDER BY 1')).rows).toEqual([
      { customer_id: 'a', p_alive: 0.5 },
      { customer_id: 'b', p_alive: 0.25 },
    ]);
  });

  it('reads a Parquet file DuckDB reads itself, whose name and path need quoting', async () => {
    const bytes = toParquet(
      [
        { id: 'C1', amount: 1.5 },
        { id: "O'Brien", amount: 2 },
      ],
      [
        { name: 'id', kind: 'string' },
        { name: 'amount', kind: 'number' },
      ],
    );
    const file = path.join(allowed, "o'brien.parquet");
    writeFileSync(file, bytes);
    await native.exec(readParquetSql(file, 'my "orders"'));
    expect((await native.query(selectAllSql('my "orders"'))).rows).toEqual([
      { id: 'C1', amount: 1.5 },
      { id: "O'Brien", amount: 2 },
    ]);
  });

  it('reads files only in its folders', async () => {
    writeFileSync(path.join(allowed, 'in.csv'), 'a\n1\n');
    writeFileSync(path.join(outside, 'out.csv'), 'a\n1\n');
    const read = (file: string) => native.query(`SELECT * FROM read_csv('${file}')`);
    expect((await read(path.join(allowed, 'in.csv'))).rows).toEqual([{ a: 1 }]);
    await expect(read(path.join(outside, 'out.csv'))).rejects.toThrow(/Permission Error/i);
    await expect(native.exec('SET enable_external_access = true')).rejects.toThrow();
  });
});
