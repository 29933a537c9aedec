import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from './browser';
import { serveDist, type StaticServer } from './static-server';

let server: StaticServer;
beforeAll(async () => {
  server = await serveDist('dist');
});
afterAll(async () => {
  await server?.close();
});

/** The DuckDB build the page started, on a machine reporting `cores` (or its own). */
async function bundleOn(cores?: number, search = ''): Promise<string | null> {
  const s = await openSession();
  try {
    if (cores !== undefined) {
      await s.context.addInitScript((n) => {
        Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n });
      }, cores);
    }
    await s.page.goto(`${server.url}${search}`);
    const status = s.page.locator('[data-testid=engine-status][data-phase=ready]');
    await status.waitFor({ timeout: 90_000 });
    expect(s.errors).toEqual([]);
    return await status.getAttribute('data-bundle');
  } finally {
    await s.close();
  }
}

// Served cross-origin isolated, so both builds can run: the machine decides (engine-choice.ts).
describe('the DuckDB build chosen per machine', () => {
  it('starts single-threaded on 2 cores and threaded on 4', async () => {
    expect(await bundleOn(2)).toBe('eh');
    expect(await bundleOn(4)).toBe('coi');
  });

  it('takes the build the address asks for', async () => {
    expect(await bundleOn(2, '?engine=threads')).toBe('coi');
    expect(await bundleOn(8, '?engine=single')).toBe('eh');
  });
});
