import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, QueryResult } from '../../../src/engine/types';
import { FEATURES_TABLE } from '../../../src/model/features-table';
import { WARM_UP_ORDERS, warmUpPipeline } from '../../../src/state/warm-up-pipeline';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

/** The engine, recording every statement and the row count of every query. */
function recording(inner: Engine) {
  const log: { sql: string; rows?: number }[] = [];
  const wrapped: Engine = {
    query: async (sql): Promise<QueryResult> => {
      const result = await inner.query(sql);
      log.push({ sql, rows: result.rows.length });
      return result;
    },
    queryNumbers: async (sql) => {
      log.push({ sql });
      return inner.queryNumbers(sql);
    },
    exec: async (sql) => {
      log.push({ sql });
      await inner.exec(sql);
    },
    registerFile: (name, data) => inner.registerFile(name, data),
    dropFile: (name) => inner.dropFile(name),
    insertArrowIPC: (table, ipc, create) => inner.insertArrowIPC(table, ipc, create),
    cancel: () => inner.cancel(),
  };
  return { wrapped, log };
}

const CATALOG = `SELECT table_name, table_type FROM information_schema.tables ORDER BY 1`;

describe('warmUpPipeline', () => {
  it("runs the first analysis's statements through the app's code and leaves nothing behind", async () => {
    const before = await engine.query(CATALOG);
    const { wrapped, log } = recording(engine);
    await warmUpPipeline(wrapped);
    const ran = (pattern: RegExp) => log.filter((s) => pattern.test(s.sql));
    // The CSV load with its checks, then features, both presets and the quadrant's queries.
    expect(ran(/read_csv\(/)).toHaveLength(1);
    expect(ran(/duckdb_memory\(\)/)).toHaveLength(1);
    expect(ran(/AS as_of FROM/)).toHaveLength(1);
    const features = ran(new RegExp(`^CREATE OR REPLACE TABLE "${FEATURES_TABLE}"`));
    expect(features).toHaveLength(1);
    expect(features[0]!.sql).toContain(`FROM "${WARM_UP_ORDERS}"`);
    const cells = ran(/^CREATE OR REPLACE TABLE "__seglab_cell_warmup_/);
    expect(cells.map((s) => s.sql.slice(0, 60))).toHaveLength(2);
    // The quadrant's spread (to pick its axes), its cells (the bins' query), then its 4999
    // customers as points.
    const quadrant = ran(/^WITH\s+"segmented" AS/);
    expect(quadrant).toHaveLength(3);
    expect(quadrant[0]!.sql).toMatch(/AS value_median/);
    expect(quadrant[0]!.rows).toBe(1);
    expect(quadrant[1]!.sql).toMatch(/\bunclamped AS\b/);
    expect(quadrant[1]!.rows).toBeGreaterThan(0);
    expect(quadrant[2]!.sql).toMatch(/'point' AS kind/);
    expect(quadrant[2]!.rows).toBe(4999);
    expect((await engine.query(CATALOG)).rows).toEqual(before.rows);
  });

  it('stops between steps once work is waiting for the engine, dropping what it made', async () => {
    const before = await engine.query(CATALOG);
    const { wrapped, log } = recording(engine);
    // Work arrives while the warm-up loads its CSV.
    const waiting = () => log.some((s) => /read_csv\(/.test(s.sql));
    await warmUpPipeline(wrapped, waiting);
    expect(log.filter((s) => /read_csv\(/.test(s.sql))).toHaveLength(1);
    expect(log.filter((s) => /AS as_of FROM|CREATE OR REPLACE TABLE/.test(s.sql))).toEqual([]);
    expect((await engine.query(CATALOG)).rows).toEqual(before.rows);
  });

  it('runs only its first statement when work is already waiting', async () => {
    const before = await engine.query(CATALOG);
    const { wrapped, log } = recording(engine);
    await warmUpPipeline(wrapped, () => true);
    expect(log.map((s) => s.sql)).toHaveLength(1);
    expect(log[0]!.sql).toMatch(/^SELECT/);
    expect((await engine.query(CATALOG)).rows).toEqual(before.rows);
  });

  it('drops what it made when a step fails', async () => {
    const before = await engine.query(CATALOG);
    const { wrapped } = recording(engine);
    const failing: Engine = {
      ...wrapped,
      query: async (sql) => {
        if (/^CREATE OR REPLACE TABLE "__seglab_cell_warmup_value/.test(sql)) {
          throw new Error('out of luck');
        }
        return wrapped.query(sql);
      },
    };
    await expect(warmUpPipeline(failing)).rejects.toThrow('out of luck');
    expect((await engine.query(CATALOG)).rows).toEqual(before.rows);
  });

  it('leaves a database that already has a features table alone', async () => {
    await engine.exec(`CREATE TABLE ${FEATURES_TABLE} AS SELECT 'C1' AS customer_id`);
    const before = await engine.query(CATALOG);
    const { wrapped, log } = recording(engine);
    await warmUpPipeline(wrapped);
    expect(log.filter((s) => !/^SELECT/.test(s.sql))).toEqual([]);
    expect((await engine.query(CATALOG)).rows).toEqual(before.rows);
    expect((await engine.query(`SELECT * FROM ${FEATURES_TABLE}`)).rows).toEqual([
      { customer_id: 'C1' },
    ]);
    await engine.exec(`DROP TABLE ${FEATURES_TABLE}`);
  });
});
