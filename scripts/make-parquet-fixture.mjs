// Writes tests/fixtures/parquet/duckdb-v1.parquet with native DuckDB, an independent writer
// whose files use version 1 data pages, PLAIN and dictionary encodings and OPTIONAL columns
// (hyparquet-writer, used by the other Parquet tests, writes version 2 pages). Needs
// `npm install --no-save @duckdb/node-api` (as the benchmark does). The values follow the
// formulas in tests/unit/ingest/parquet-flat-column.test.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const out = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../tests/fixtures/parquet/duckdb-v1.parquet',
);
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
await conn.run(`
  COPY (
    SELECT
      i::INTEGER AS i,
      CASE WHEN i % 7 = 3 THEN NULL ELSE i * 37 - 50000 END::INTEGER AS n,
      CASE WHEN i % 5 = 1 THEN NULL
           ELSE 9007199254740993 + i * 1000003 * (CASE WHEN i % 2 = 1 THEN -1 ELSE 1 END) END::BIGINT AS big,
      CASE WHEN i % 6 = 2 THEN NULL ELSE i * 0.25 - 100.125 END::DOUBLE AS amount,
      ((i % 16) / 8)::FLOAT AS ratio,
      CASE WHEN i % 9 = 4 THEN NULL ELSE DATE '2020-01-01' + (i - 1500)::INTEGER END AS day,
      make_timestamp(-86400000123 + i * 987654321) AS at_us,
      make_timestamp_ms(-86400123 + i * 98765)::TIMESTAMP_MS AS at_ms,
      make_timestamp_ns(-86400000123457 + i * 987654321987) AS at_ns,
      'O' || i || CASE WHEN i % 11 = 0 THEN '🙂名' ELSE '' END AS id,
      ['北京', '上海', NULL, chr(65279) || 'bom', 'Shenzhen'][i % 5 + 1] AS city,
      repeat('x', i % 40) || i AS long
    FROM range(3000) t(i)
  ) TO '${out}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000)`);
console.log(`wrote ${out}`);
