import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARM_UP_FILE, WARM_UP_SQL, warmUpCsv } from '../../../src/engine/warm-up';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('WARM_UP_SQL', () => {
  it('reads the synthetic orders inside the sandbox and leaves no table behind', async () => {
    const tables = 'SELECT table_name FROM information_schema.tables ORDER BY 1';
    const before = await engine.query(tables);
    await engine.registerFile(WARM_UP_FILE, warmUpCsv());
    await engine.exec(WARM_UP_SQL[0]!);
    const { rows } = await engine.query(
      `SELECT count(*) AS n, count(DISTINCT customer_id) AS c, typeof(any_value(order_date)) AS t,
        typeof(any_value(amount)) AS a FROM __seglab_warmup`,
    );
    expect(rows[0]).toEqual({ n: 100000, c: 4999, t: 'TIMESTAMP', a: 'DOUBLE' });
    expect((await engine.query(WARM_UP_SQL[1]!)).rows).toHaveLength(4999);
    for (const sql of WARM_UP_SQL.slice(2)) await engine.exec(sql);
    await engine.dropFile(WARM_UP_FILE);
    expect((await engine.query(tables)).rows).toEqual(before.rows);
  });
});
