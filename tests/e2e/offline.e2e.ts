import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

let server: StaticServer;
let s: Session;
let serverDown = false;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
  if (!serverDown) await server?.close();
});

/** The cache entries the service worker made, as paths. */
const cached = () =>
  s.page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });

describe('offline after the first visit, in Chromium', () => {
  it('caches the app, the sample and the DuckDB build this browser runs', async () => {
    await s.page.goto(server.url);
    await waitForNotebookRun(s.page);
    await s.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    // Only the DuckDB build the page runs (threaded or not, by the machine: engine-choice.ts).
    const bundle = await s.page.getByTestId('engine-status').getAttribute('data-bundle');
    expect(['coi', 'eh']).toContain(bundle);
    await expect
      .poll(async () => (await cached()).filter((p) => p.endsWith('.wasm')), { timeout: 60_000 })
      .toEqual([expect.stringMatching(new RegExp(`/assets/duckdb-${bundle}-[^/]+\\.wasm$`))]);
    const paths = await cached();
    expect(paths).toContain('/apps/seglab/');
    expect(paths.some((p) => /\/assets\/orders-[^/]+\.csv$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/assets\/index-[^/]+\.js$/.test(p))).toBe(true);
  });

  it('starts with the server gone: the app loads, DuckDB starts, the notebook runs', async () => {
    // Chromium's offline emulation does not cover service workers: stop the server itself
    // (close() also drops its open keep-alive connections).
    await server.close();
    serverDown = true;
    await s.context.setOffline(true);
    await s.page.reload();
    await waitForNotebookRun(s.page);
    await expect
      .poll(() =>
        s.page
          .locator('[data-testid=cell-status]')
          .filter({ hasText: /^24 rows/ })
          .count(),
      )
      .toBe(1);
    await s.context.setOffline(false);
  });
});
