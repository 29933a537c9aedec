import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogState } from '../../../src/state/CatalogState.svelte';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec('CREATE TABLE orders AS SELECT range AS id FROM range(5)');
  await engine.exec('CREATE TABLE __seglab_cell_1 AS SELECT 1 AS a');
  await engine.exec('CREATE VIEW segments AS SELECT * FROM __seglab_cell_1');
});
afterAll(() => engine.close());

describe('CatalogState', () => {
  it('lists tables before views with their columns and row counts, not its own tables', async () => {
    const catalog = new CatalogState();
    await catalog.refresh(engine);
    expect(catalog.tables).toEqual([
      { name: 'orders', kind: 'table', rowCount: 5, columns: [{ name: 'id', type: 'BIGINT' }] },
      { name: 'segments', kind: 'view', rowCount: 1, columns: [{ name: 'a', type: 'INTEGER' }] },
    ]);
  });

  it("reads again only a replaced view's columns and row count", async () => {
    const catalog = new CatalogState();
    await catalog.refresh(engine);
    const orders = catalog.tables[0];
    await engine.exec(
      `CREATE OR REPLACE TABLE __seglab_cell_1 AS SELECT 'x' AS segment, range AS n FROM range(3)`,
    );
    await engine.exec('CREATE OR REPLACE VIEW segments AS SELECT * FROM __seglab_cell_1');
    await engine.exec('INSERT INTO orders VALUES (5)'); // not the view: not read again
    expect(await catalog.refreshView(engine, 'segments', 3)).toBe(true);
    expect(catalog.tables[0]).toBe(orders);
    expect(catalog.tables[1]).toEqual({
      name: 'segments',
      kind: 'view',
      rowCount: 3,
      columns: [
        { name: 'segment', type: 'VARCHAR' },
        { name: 'n', type: 'BIGINT' },
      ],
    });
  });

  it('changes nothing for a view it does not list, or a table', async () => {
    const catalog = new CatalogState();
    await catalog.refresh(engine);
    const before = catalog.tables;
    expect(await catalog.refreshView(engine, 'new_segments', 3)).toBe(false);
    expect(await catalog.refreshView(engine, 'orders', 3)).toBe(false);
    expect(catalog.tables).toBe(before);
  });
});
