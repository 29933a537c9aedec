import { Table, tableToIPC, type Vector } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrowColumn, arrowColumnOf } from '../../../src/ingest/arrow-column';
import { NodeEngine } from '../../support/node-engine';

/** Every column of a loaded test table, with the wide ones as text so they compare exactly. */
const readBack = (table: string) =>
  `SELECT b, i, l::VARCHAR AS l, f, d::VARCHAR AS d, t::VARCHAR AS t, s FROM ${table}`;

/** What DuckDB makes of each Arrow column type the loaders produce. */
const DUCKDB_TYPES = {
  b: 'BOOLEAN',
  i: 'INTEGER',
  l: 'BIGINT',
  f: 'DOUBLE',
  d: 'DATE',
  t: 'TIMESTAMP',
  s: 'VARCHAR',
};

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function load(table: string, vectors: Record<string, Vector>) {
  await engine.insertArrowIPC(table, tableToIPC(new Table(vectors), 'stream'), true);
  const types = await engine.query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
  );
  return Object.fromEntries(types.rows.map((r) => [r.column_name, r.data_type]));
}

describe('arrowColumn', () => {
  it('converts JS values and nulls to each type', async () => {
    const types = await load('from_values', {
      b: arrowColumn('bool', [true, null, false]),
      i: arrowColumn('int32', [1, undefined, -3]),
      l: arrowColumn('int64', [2n ** 60n, null, 7]),
      f: arrowColumn('float64', [1.5, null, -0.25]),
      d: arrowColumn('date', [new Date('2024-02-29T00:00:00Z'), null, Date.UTC(1969, 11, 31)]),
      t: arrowColumn('timestamp', [new Date('2024-01-05T10:30:00.123Z'), null, 0]),
      s: arrowColumn('text', ['王芳', null, '']),
    });
    expect(types).toEqual(DUCKDB_TYPES);
    const { rows } = await engine.query(readBack('from_values'));
    expect(rows).toEqual([
      {
        b: true,
        i: 1,
        l: '1152921504606846976',
        f: 1.5,
        d: '2024-02-29',
        t: '2024-01-05 10:30:00.123',
        s: '王芳',
      },
      { b: null, i: null, l: null, f: null, d: null, t: null, s: null },
      { b: false, i: -3, l: '7', f: -0.25, d: '1969-12-31', t: '1970-01-01 00:00:00', s: '' },
    ]);
  });
});

describe('arrowColumnOf', () => {
  it('wraps buffers already in Arrow layout without copying them', async () => {
    const valid = Uint8Array.of(0b101); // rows 0 and 2 have values
    const days = Int32Array.of(19782, 0, -1);
    const micros = BigInt64Array.of(1_704_450_600_123_456n, 0n, -1_000n);
    const text = new TextEncoder().encode('客户ok');
    const vectors = {
      b: arrowColumnOf('bool', {
        length: 3,
        data: Uint8Array.of(0b001),
        nullBitmap: valid,
        nullCount: 1,
      }),
      i: arrowColumnOf('int32', { length: 3, data: Int32Array.of(1, 2, 3), nullCount: 0 }),
      l: arrowColumnOf('int64', {
        length: 3,
        data: BigInt64Array.of(-(2n ** 62n), 0n, 2n ** 62n + 1n),
        nullBitmap: valid,
        nullCount: 1,
      }),
      f: arrowColumnOf('float64', { length: 3, data: Float64Array.of(0.1, 2, 3), nullCount: 0 }),
      d: arrowColumnOf('date', { length: 3, data: days, nullBitmap: valid, nullCount: 1 }),
      t: arrowColumnOf('timestamp', { length: 3, data: micros, nullBitmap: valid, nullCount: 1 }),
      s: arrowColumnOf('text', {
        length: 3,
        data: text,
        valueOffsets: Int32Array.of(0, 6, 6, 8),
        nullBitmap: valid,
        nullCount: 1,
      }),
    };
    expect(vectors.d.data[0]!.values.buffer).toBe(days.buffer);
    expect(vectors.t.data[0]!.values.buffer).toBe(micros.buffer);
    expect(vectors.s.data[0]!.values.buffer).toBe(text.buffer);
    const types = await load('from_storage', vectors);
    expect(types).toEqual(DUCKDB_TYPES);
    const { rows } = await engine.query(readBack('from_storage'));
    expect(rows).toEqual([
      {
        b: true,
        i: 1,
        l: '-4611686018427387904',
        f: 0.1,
        d: '2024-02-29',
        t: '2024-01-05 10:30:00.123456',
        s: '客户',
      },
      { b: null, i: 2, l: null, f: 2, d: null, t: null, s: null },
      {
        b: false,
        i: 3,
        l: '4611686018427387905',
        f: 3,
        d: '1969-12-31',
        t: '1969-12-31 23:59:59.999',
        s: 'ok',
      },
    ]);
  });
});
