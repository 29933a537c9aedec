import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('DuckDB-WASM engine in Node', () => {
  it('converts Arrow types to plain values', async () => {
    const { rows, columns } = await engine.query(
      "SELECT 42::BIGINT AS n, 1.25::DECIMAL(10,2) AS d, DATE '2024-01-05' AS day, 'x' AS s, NULL::INT AS z",
    );
    expect(columns.map((c) => c.kind)).toEqual(['number', 'number', 'date', 'string', 'number']);
    expect(rows).toEqual([
      { n: 42, d: 1.25, day: new Date('2024-01-05T00:00:00Z'), s: 'x', z: null },
    ]);
  });

  it('reads ENUM values as plain strings', async () => {
    const { rows, columns } = await engine.query(
      "SELECT 'b'::ENUM('a', 'b') AS e UNION ALL SELECT NULL::ENUM('a', 'b')",
    );
    expect(columns[0]?.kind).toBe('string');
    expect(rows).toEqual([{ e: 'b' }, { e: null }]);
  });

  it('has extension autoloading switched off', async () => {
    const { rows } = await engine.query(
      "SELECT value FROM duckdb_settings() WHERE name = 'autoload_known_extensions'",
    );
    expect(rows[0]?.value).toBe('false');
    await expect(engine.query("SELECT * FROM read_parquet('nope.parquet')")).rejects.toThrow(
      /parquet/i,
    );
  });
});
