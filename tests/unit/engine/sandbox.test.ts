import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES_DIR } from '../../../src/engine/sandbox';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
let server: Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('secret,value\nkey,42\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  engine = await NodeEngine.start();
});
afterAll(async () => {
  engine.close();
  await new Promise((resolve) => server.close(resolve));
});

const refused = (sql: string) => expect(engine.query(sql)).rejects.toThrow();

describe('the engine sandbox', () => {
  it('reads a registered file, the way a dropped CSV is loaded', async () => {
    await engine.registerFile(`${FILES_DIR}orders.csv`, new TextEncoder().encode('id,n\n1,2\n'));
    const { rows } = await engine.query(`SELECT * FROM read_csv('${FILES_DIR}orders.csv')`);
    expect(rows).toEqual([{ id: 1, n: 2 }]);
  });

  it('refuses URLs without making a request', async () => {
    for (const sql of [
      `SELECT * FROM read_csv('${base}/secret.csv')`,
      `SELECT * FROM '${base}/secret.csv'`,
      `SELECT * FROM read_text('${base}/secret.csv')`,
      `ATTACH '${base}/db.duckdb' AS remote`,
      `COPY (SELECT 1) TO '${base}/upload.csv'`,
    ]) {
      await expect(engine.query(sql), sql).rejects.toThrow(/Permission Error|disabled/);
    }
    expect(hits).toEqual([]);
  });

  it('refuses paths outside the registered files, also by climbing out of their folder', async () => {
    await engine.registerFile('outside.csv', new TextEncoder().encode('a\n1\n'));
    await refused(`SELECT * FROM read_csv('outside.csv')`);
    await refused(`SELECT * FROM read_csv('/etc/passwd')`);
    await refused(`SELECT * FROM read_text('${FILES_DIR}../etc/hostname')`);
    await refused(`ATTACH '/tmp/seglab-test.duckdb'`);
    await refused(`COPY (SELECT 1) TO '/tmp/seglab-test.csv'`);
  });

  it('loads no extensions, and a cell cannot switch any of this back on', async () => {
    await expect(engine.query('LOAD httpfs')).rejects.toThrow(/disabled/);
    await expect(engine.query('SET enable_external_access = true')).rejects.toThrow(
      /Cannot change enable_external_access/,
    );
    await expect(engine.query(`SET allowed_directories = ['/']`)).rejects.toThrow(
      /Cannot change allowed_directories/,
    );
    await expect(engine.query(`SET allowed_paths = ['/etc/passwd']`)).rejects.toThrow(
      /Cannot change allowed_paths/,
    );
    await engine.exec('SET autoload_known_extensions = true');
    await engine.exec('SET autoinstall_known_extensions = true');
    await engine.exec(`SET custom_extension_repository = '${base}/extensions'`);
    await refused(`SELECT * FROM read_csv('${base}/after-set.csv')`);
    for (const sql of [
      `SELECT * FROM read_json('${FILES_DIR}orders.csv')`,
      `SELECT * FROM read_parquet('${base}/secret.parquet')`,
      'INSTALL httpfs; LOAD httpfs',
    ]) {
      await expect(engine.query(sql), sql).rejects.toThrow(
        /Loading external extensions is disabled/,
      );
    }
    const { rows } = await engine.query(
      "SELECT value FROM duckdb_settings() WHERE name = 'enable_external_access'",
    );
    expect(rows).toEqual([{ value: 'false' }]);
    expect(hits).toEqual([]);
  });
});
