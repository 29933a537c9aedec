import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { tableRow, waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

let server: StaticServer;
let s: Session;

beforeAll(async () => {
  server = await serveDist('dist', { base: '/', isolated: false });
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('without cross-origin isolation', () => {
  it('falls back to the single-threaded bundle and still runs the notebook', async () => {
    await s.page.goto(server.url);
    await waitForNotebookRun(s.page);
    expect(await s.page.locator('[data-testid=engine-status]').innerText()).toContain(
      'single-threaded',
    );
    await expect.poll(() => tableRow(s.page, 'orders').innerText()).toContain('rows');
    expect(s.errors).toEqual([]);
  });
});
