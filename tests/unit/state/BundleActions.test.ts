import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBundle } from '../../../src/io/bundle-file';
import { nodeWorkspace } from '../../support/workspace';
import { declareZipEntry } from '../../support/zip-declare';

const bytes = (text: string) => new TextEncoder().encode(text);
const ORDERS = 'order_id,customer_id,amount\n1,c1,10.5\n2,c2,-20\n3,c1,4.5\n4,c3,\n';
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function workspace() {
  const w = nodeWorkspace();
  closers.push(w.close);
  return w.ws;
}

async function rows(ws: ReturnType<typeof workspace>, sql: string) {
  return ws.exclusive(async (engine) => (await engine.query(sql)).rows);
}

describe('bundles in the workspace', () => {
  it('export the notebook with its tables as loaded, and open with the steps applied again', async () => {
    const sender = workspace();
    await sender.session.loadFiles([{ name: 'orders.csv', data: bytes(ORDERS) }]);
    await sender.cleaning.apply('orders', {
      kind: 'exclude',
      filter: { test: 'negative', column: 'amount' },
    });
    await sender.data.loadSample(['customers']);
    const cell = sender.cells.addCell('sql');
    if (cell.kind === 'sql') cell.source = 'SELECT count(*) AS n, sum(amount) AS s FROM orders';
    await sender.cells.runAll();
    expect(sender.notebook.runs[cell.id]?.result?.page).toEqual([{ n: 3, s: 15 }]);

    const bundle = await sender.bundles.exportBundle();
    expect(bundle).not.toBeNull();
    // The table as loaded (4 rows, the refund too) travels; the sample does not.
    const entries = unzipSync(bundle!);
    expect(Object.keys(entries).sort()).toEqual([
      'manifest.json',
      'notebook.json',
      'tables/orders.parquet',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
    expect(manifest.tables).toEqual([{ table: 'orders', file: 'tables/orders.parquet', rows: 4 }]);
    expect(manifest.createdWith).toMatch(/^SegLab \d+\.\d+\.\d+/);

    const recipient = workspace();
    expect(await recipient.bundles.openBundle('sent.seglab', bundle!)).toBe(true);
    expect(recipient.data.missingTables()).toEqual([]);
    expect(recipient.catalog.has('customers')).toBe(true); // the sample, from the app
    expect(await rows(recipient, 'SELECT count(*) AS n FROM orders__raw')).toEqual([{ n: 4 }]);
    const opened = recipient.notebook.notebook.cells[0]!.id;
    // Opened for review: its cells run when the user says so.
    expect(recipient.notebook.runs[opened]).toBeUndefined();
    await recipient.session.approveRun();
    expect(recipient.notebook.runs[opened]?.result?.page).toEqual([{ n: 3, s: 15 }]);
    expect(recipient.notebook.notebook.tables.find((t) => t.table === 'orders')).toMatchObject({
      fileName: 'orders.csv',
      steps: [{ kind: 'exclude' }],
    });
  });

  it('names a bundle from a newer SegLab, a damaged one and a file that is none, keeping the notebook', async () => {
    const ws = workspace();
    ws.notebook.notebook.title = 'Mine';
    const notebook = {
      version: 1 as const,
      title: 'x',
      cells: [],
      tables: [],
      mappings: [],
      asOf: '',
    };
    const good = writeBundle({ notebook, tables: [], createdWith: 'SegLab 0.1.0' });
    const entries = unzipSync(good);
    const newer = zipSync({
      ...entries,
      'manifest.json': strToU8(
        '{"format":"seglab-bundle","version":2,"createdWith":"SegLab 9.0.0"}',
      ),
    });
    const damaged = zipSync({ ...entries, 'notebook.json': strToU8('{"format":') });
    expect(await ws.bundles.openBundle('new.seglab', newer)).toBe(false);
    expect(await ws.bundles.openBundle('bad.seglab', damaged)).toBe(false);
    expect(await ws.bundles.openBundle('orders.seglab', bytes(ORDERS))).toBe(false);
    expect(ws.notices.map((n) => n.text)).toEqual([
      'Could not open new.seglab: it was written by a newer version of SegLab (version 2 (SegLab 9.0.0)); update SegLab to open it.',
      expect.stringMatching(/^Could not open bad\.seglab: the file is damaged \(notebook\.json: /),
      'Could not open orders.seglab: it is not a SegLab bundle (.seglab).',
    ]);
    expect(ws.notebook.notebook.title).toBe('Mine');
  });

  it('names a bundle table name it cannot use and a bomb, keeping the notebook and its tables', async () => {
    const ws = workspace();
    await ws.session.loadFiles([{ name: 'orders.csv', data: bytes(ORDERS) }]);
    const notebook = {
      version: 1 as const,
      title: 'x',
      cells: [],
      tables: [],
      mappings: [],
      asOf: '',
    };
    const manifest = (table: string) =>
      strToU8(
        JSON.stringify({
          format: 'seglab-bundle',
          version: 1,
          tables: [{ table, file: 'tables/t.parquet', rows: 1 }],
        }),
      );
    const entries = unzipSync(writeBundle({ notebook, tables: [], createdWith: 'SegLab 0.1.0' }));
    const named = (table: string) =>
      zipSync({ ...entries, 'manifest.json': manifest(table), 'tables/t.parquet': strToU8('x') });
    expect(await ws.bundles.openBundle('empty.seglab', named(''))).toBe(false);
    expect(await ws.bundles.openBundle('inner.seglab', named('__seglab_cell_c0'))).toBe(false);
    // The table entry declares 3 GiB: refused from the directory, before anything is inflated.
    const bomb = declareZipEntry(named('big'), 'tables/t.parquet', 3 * 1024 ** 3);
    expect(await ws.bundles.openBundle('bomb.seglab', bomb)).toBe(false);
    expect(ws.notices.map((n) => n.text).filter((t) => t.startsWith('Could not'))).toEqual([
      'Could not open empty.seglab: one of its tables has a name SegLab cannot use (a table has an empty name). Ask the sender to rename the table and export the bundle again.',
      'Could not open inner.seglab: one of its tables has a name SegLab cannot use (table "__seglab_cell_c0" has a name SegLab or DuckDB uses itself). Ask the sender to rename the table and export the bundle again.',
      expect.stringMatching(
        /^Could not open bomb\.seglab: it is too big to open \(its tables declare 3\.0 GB uncompressed/,
      ),
    ]);
    expect(await rows(ws, 'SELECT count(*)::INT AS n FROM orders')).toEqual([{ n: 4 }]);
  });
});
