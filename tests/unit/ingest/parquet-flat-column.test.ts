import { readFileSync } from 'node:fs';
import { parquetMetadata } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../../src/ingest/load-file';
import { flatColumnOf, readFlatColumn } from '../../../src/ingest/parquet-flat-column';
import { parquetColumns } from '../../../src/ingest/parquet-to-arrow';
import { NodeEngine } from '../../support/node-engine';

/**
 * Written by native DuckDB (scripts/make-parquet-fixture.mjs): version 1 data pages, PLAIN and
 * dictionary pages, every column OPTIONAL, two row groups. The values below
 * are the formulas of that script, worked out here in JS.
 */
const FIXTURE = new URL('../../fixtures/parquet/duckdb-v1.parquet', import.meta.url);
const ROWS = 3000;

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const MS_PER_DAY = 86_400_000;
const CITIES = ['北京', '上海', null, 'bom', 'Shenzhen'];

function expectedRow(i: number) {
  const n = BigInt(i);
  const big = 9007199254740993n + BigInt(i * 1000003) * (i % 2 === 1 ? -1n : 1n);
  // Timestamps are kept in whole milliseconds, cut toward zero (BigInt division does that).
  const us = -86400000123n + n * 987654321n;
  const ms = -86400123n + n * 98765n;
  const ns = -86400000123457n + n * 987654321987n;
  return {
    i,
    n: i % 7 === 3 ? null : i * 37 - 50000,
    big: i % 5 === 1 ? null : String(big),
    amount: i % 6 === 2 ? null : i * 0.25 - 100.125,
    ratio: (i % 16) / 8,
    day:
      i % 9 === 4
        ? null
        : new Date(Date.UTC(2020, 0, 1) + (i - 1500) * MS_PER_DAY).toISOString().slice(0, 10),
    at_us: String((us / 1000n) * 1000n),
    at_ms: String(ms * 1000n),
    at_ns: String((ns / 1_000_000n) * 1000n),
    id: `O${i}${i % 11 === 0 ? '🙂名' : ''}`,
    // The leading byte-order mark is dropped, as TextDecoder does.
    city: CITIES[i % 5],
    long: 'x'.repeat(i % 40) + String(i),
  };
}

describe('readFlatColumn', () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE));
  const metadata = parquetMetadata(bytes.buffer);

  it('decodes every column chunk of a DuckDB-written file itself', () => {
    const columns = parquetColumns(metadata);
    expect(metadata.row_groups.length).toBeGreaterThan(1);
    for (const group of metadata.row_groups) {
      columns.forEach((column, c) => {
        const flat = flatColumnOf(metadata.schema[c + 1]!, column.type);
        expect(flat, column.name).toBeDefined();
        const meta = group.columns[c]!.meta_data!;
        const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
        const chunk = bytes.subarray(start, start + Number(meta.total_compressed_size));
        const storage = readFlatColumn(chunk, meta, flat!, Number(group.num_rows), compressors);
        expect(storage.length).toBe(Number(group.num_rows));
      });
    }
  });

  it('loads the file into DuckDB value for value, in the file order', async () => {
    const loaded = await loadFile(engine, { name: 'duckdb.parquet', data: bytes }, 'duckdb_v1');
    expect(loaded.rowCount).toBe(ROWS);
    const { rows } = await engine.query(
      `SELECT i, n, big::VARCHAR AS big, amount, ratio, day::VARCHAR AS day,
        epoch_us(at_us)::VARCHAR AS at_us, epoch_us(at_ms)::VARCHAR AS at_ms,
        epoch_us(at_ns)::VARCHAR AS at_ns, id, city, long
       FROM duckdb_v1 ORDER BY rowid`,
    );
    expect(rows).toHaveLength(ROWS);
    rows.forEach((row, i) => expect(row).toEqual(expectedRow(i)));
  });
});
