import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { toParquet } from '../../../src/io/export-parquet';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function readBack(bytes: Uint8Array) {
  const file = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  return { rows: await parquetReadObjects({ file }), metadata: parquetMetadata(file) };
}

describe('Parquet export', () => {
  it('round-trips a DuckDB result, column kinds included', async () => {
    const result = await engine.query(`
      SELECT * FROM (VALUES
        ('c1', '重要客户', 3::BIGINT, -12.5::DOUBLE, false, DATE '2024-02-29', TIMESTAMP '2024-03-01 08:30:00'),
        ('c2', NULL, NULL, NULL, true, NULL, NULL)
      ) t(customer_id, segment, frequency, monetary, is_prospect, first_order_date, seen_at)
      ORDER BY customer_id`);
    const { rows, metadata } = await readBack(toParquet(result.rows, result.columns));
    expect(rows).toEqual([
      {
        customer_id: 'c1',
        segment: '重要客户',
        frequency: 3n,
        monetary: -12.5,
        is_prospect: false,
        first_order_date: new Date('2024-02-29T00:00:00Z'),
        seen_at: new Date('2024-03-01T08:30:00Z'),
      },
      {
        customer_id: 'c2',
        segment: null,
        frequency: null,
        monetary: null,
        is_prospect: true,
        first_order_date: null,
        seen_at: null,
      },
    ]);
    const types = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, e.type]));
    expect(types).toEqual({
      customer_id: 'BYTE_ARRAY',
      segment: 'BYTE_ARRAY',
      frequency: 'INT64',
      monetary: 'DOUBLE',
      is_prospect: 'BOOLEAN',
      first_order_date: 'INT32',
      seen_at: 'INT64',
    });
  });

  it('keeps integers beyond 2^53 exact and writes unknown kinds as text', async () => {
    const { rows } = await readBack(
      toParquet(
        [{ id: '9007199254740993', tags: '[1,2]' }],
        [
          { name: 'id', kind: 'number', type: 'Int64' },
          { name: 'tags', kind: 'other' },
        ],
      ),
    );
    expect(rows).toEqual([{ id: 9007199254740993n, tags: '[1,2]' }]);
  });

  it('rejects duplicate column names', () => {
    expect(() =>
      toParquet(
        [],
        [
          { name: 'a', kind: 'string' },
          { name: 'a', kind: 'number' },
        ],
      ),
    ).toThrow(/unique/);
  });
});
