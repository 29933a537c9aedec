import { afterEach, describe, expect, it } from 'vitest';
import type { ReplaceAnswer } from '../../../src/state/ReplaceQuestion.svelte';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

const V1 = 'id,amount\n1,10\n2,20\n';
const V2 = 'id,amount\n1,10\n2,20\n3,30\n';

/** Drops `text` as orders.csv; answers the replace question, if one is asked, with `answer`. */
async function drop(ws: Workspace, text: string, answer?: ReplaceAnswer | null) {
  const loading = ws.session.loadFiles([
    { name: 'orders.csv', data: new File([text], 'orders.csv') },
  ]);
  if (answer !== undefined) {
    await expect.poll(() => ws.data.replaces.request).not.toBeNull();
    const request = ws.data.replaces.request!;
    ws.data.replaces.answer(answer);
    await loading;
    return request;
  }
  await loading;
  return null;
}

const rows = (ws: Workspace, table: string) =>
  ws.exclusive(async (e) =>
    Number((await e.query(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n),
  );

describe('dropping a file already loaded', () => {
  it('asks: Keep both shares the stored bytes, Replace reads into the table, Cancel loads nothing', async () => {
    const backend = new MemoryBackend();
    const w = nodeWorkspace({ storage: new MemoryStorage(), backend });
    closers.push(w.close);
    const ws = w.ws;
    await ws.start();
    await ws.session.newNotebook();
    await drop(ws, V1);
    expect(ws.catalog.tables.map((t) => t.name)).toEqual(['orders']);
    await expect.poll(() => backend.files.size).toBe(1);

    // The same file again: the question says so; Keep both makes a table, not a stored copy.
    expect(await drop(ws, V1, 'both')).toEqual({
      fileName: 'orders.csv',
      table: 'orders',
      same: true,
    });
    expect(ws.catalog.tables.map((t) => t.name).sort()).toEqual(['orders', 'orders_2']);
    await expect.poll(() => ws.local.has('orders_2')).toBe(true);
    expect(backend.files.size).toBe(1);

    // A changed file of that name: Replace reads it into the table; no new table.
    expect((await drop(ws, V2, 'replace'))?.same).toBe(false);
    expect(ws.catalog.tables.map((t) => t.name).sort()).toEqual(['orders', 'orders_2']);
    expect(await rows(ws, 'orders')).toBe(3);
    expect(await rows(ws, 'orders_2')).toBe(2);

    await drop(ws, V2, null);
    expect(ws.catalog.tables.map((t) => t.name).sort()).toEqual(['orders', 'orders_2']);
  });
});
