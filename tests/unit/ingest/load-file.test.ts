import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadFile, UnsupportedFormatError } from '../../../src/ingest/load-file';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const bytes = (text: string) => new TextEncoder().encode(text);

describe('loadFile', () => {
  it('loads a CSV with DuckDB sniffing types', async () => {
    const loaded = await loadFile(
      engine,
      { name: 'orders.csv', data: bytes('id;day;amount\n1;2024-01-05;12.5\n2;2024-02-01;3\n') },
      'orders',
    );
    expect(loaded).toEqual({
      table: 'orders',
      rowCount: 2,
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'day', type: 'DATE' },
        { name: 'amount', type: 'DOUBLE' },
      ],
    });
  });

  it('loads Parquet through hyparquet, keeping types', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'customer', data: ['a', 'b', null], type: 'STRING' },
        { name: 'n', data: [1, 2, 3], type: 'INT32' },
        { name: 'big', data: [10n, 20n, 30n], type: 'INT64' },
        { name: 'amount', data: [1.5, 2.25, null], type: 'DOUBLE' },
        { name: 'ok', data: [true, false, true], type: 'BOOLEAN' },
        {
          name: 'at',
          data: [new Date('2024-01-05T10:00:00Z'), null, new Date(0)],
          type: 'TIMESTAMP',
        },
      ],
    });
    const loaded = await loadFile(engine, { name: 'p.parquet', data: new Uint8Array(buffer) }, 'p');
    expect(loaded.rowCount).toBe(3);
    expect(loaded.columns.map((c) => c.type)).toEqual([
      'VARCHAR',
      'INTEGER',
      'BIGINT',
      'DOUBLE',
      'BOOLEAN',
      'TIMESTAMP',
    ]);
    const { rows } = await engine.query('SELECT * FROM p ORDER BY n');
    expect(rows[0]).toEqual({
      customer: 'a',
      n: 1,
      big: 10,
      amount: 1.5,
      ok: true,
      at: new Date('2024-01-05T10:00:00Z'),
    });
    expect(rows[2]?.customer).toBeNull();
  });

  it('loads NDJSON', async () => {
    const loaded = await loadFile(
      engine,
      {
        name: 'events.ndjson',
        data: bytes('{"id":1,"kind":"complaint"}\n{"id":2,"kind":"referral"}\n'),
      },
      'events',
    );
    expect(loaded.rowCount).toBe(2);
    expect(loaded.columns.map((c) => c.name)).toEqual(['id', 'kind']);
  });

  it('loads a JSON array and names the bad line of broken NDJSON', async () => {
    const loaded = await loadFile(
      engine,
      { name: 'a.json', data: bytes('[{"x": 1}, {"x": 2}]') },
      'arr',
    );
    expect(loaded.rowCount).toBe(2);
    await expect(
      loadFile(engine, { name: 'b.ndjson', data: bytes('{"x": 1}\n{"x": \n') }, 'broken'),
    ).rejects.toThrow(/line 2/);
  });

  it('fails cleanly and leaves earlier tables untouched', async () => {
    await expect(
      loadFile(engine, { name: 'bad.parquet', data: bytes('not a parquet file at all') }, 'bad'),
    ).rejects.toThrow();
    await expect(
      loadFile(engine, { name: 'notes.docx', data: bytes('x') }, 'notes'),
    ).rejects.toBeInstanceOf(UnsupportedFormatError);
    const { rows } = await engine.query(
      "SELECT table_name FROM information_schema.tables WHERE table_name IN ('bad', 'orders', 'notes')",
    );
    expect(rows).toEqual([{ table_name: 'orders' }]);
  });
});
