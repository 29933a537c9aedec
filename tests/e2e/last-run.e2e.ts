import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './browser';
import { waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/**
 * Holds every message the page sends DuckDB's worker until `window.releaseEngine()`: the engine
 * cannot be ready before the test says so, however fast this machine is. Runs before the app.
 */
function holdEngine(): void {
  const w = window as unknown as { releaseEngine: () => void };
  const held: (() => void)[] = [];
  let holding = true;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
    const send = () => post.apply(this, [message, ...rest] as never);
    const type = (message as { type?: unknown } | null)?.type;
    // DuckDB-WASM's requests are typed in capitals (INSTANTIATE, RUN_QUERY, ...).
    if (holding && typeof type === 'string' && /^[A-Z_]+$/.test(type)) held.push(send);
    else send();
  } as typeof post;
  w.releaseEngine = () => {
    holding = false;
    held.splice(0).forEach((send) => send());
  };
}

/** What the story's first screen shows: the KPI figures and the quadrant's counts. */
async function story(page: Page) {
  const kpis = await page.locator('[data-testid=kpi-row] dd').allTextContents();
  const counts = await page.locator('[data-testid=quadrant-panel]').getAttribute('data-counts');
  return { kpis, counts };
}

/** Waits until the story is drawn from the last run's outputs, with DuckDB held. */
async function markedStory(page: Page) {
  await page.waitForSelector('[data-last-run] [data-testid=kpi-row]', { timeout: 30_000 });
  await page.waitForSelector(
    '[data-last-run] [data-testid=quadrant-panel] [data-testid=chart][data-rendered=true]',
    { timeout: 30_000 },
  );
  expect(await page.getAttribute('[data-testid=engine-status]', 'data-phase')).not.toBe('ready');
  // The chart kept from the last run is the one that stays: marked, it must keep its <svg>.
  await page.evaluate(() => {
    const svg = document.querySelector('[data-testid=quadrant-panel] [data-testid=chart] svg');
    svg?.setAttribute('data-from-last-run', 'kept');
  });
  return story(page);
}

/** Lets DuckDB start, and waits until no cell shows the last run's outputs. */
async function liveStory(page: Page) {
  await page.evaluate(() => (window as unknown as { releaseEngine: () => void }).releaseEngine());
  await waitForNotebookRun(page);
  await page.waitForFunction(() => !document.querySelector('[data-last-run]'), undefined, {
    timeout: 60_000,
  });
  const kept = await page
    .locator('[data-testid=quadrant-panel] [data-testid=chart] svg[data-from-last-run=kept]')
    .count();
  return { ...(await story(page)), kept };
}

/** How many outputs this browser keeps (IndexedDB `seglab-outputs`). */
function keptOutputs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('seglab-outputs');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outputs')) return resolve(0);
          const count = db.transaction('outputs').objectStore('outputs').count();
          count.onsuccess = () => resolve(count.result);
        };
        open.onerror = () => resolve(0);
      }),
  );
}

let server: StaticServer;
let s: Session | undefined;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('results before the engine, in Chromium', () => {
  it('shows the example’s shipped outputs, then on reload the kept ones, each replaced by equal live numbers', async () => {
    s = await openSession();
    await s.context.addInitScript(holdEngine);
    const page = s.page;

    // First visit: the example's outputs shipped with the app, while DuckDB cannot start.
    await page.goto(server.url);
    const shipped = await markedStory(page);
    expect(shipped.kpis).toHaveLength(4);
    expect(shipped.counts).toMatch(/=\d+/);
    await expect
      .poll(() => page.getByTestId('last-run-mark').first().textContent())
      .toMatch(/From the last run · updating…/);
    const live = await liveStory(page);
    expect(live.kpis).toEqual(shipped.kpis);
    expect(live.counts).toEqual(shipped.counts);
    expect(live.kept, 'the quadrant was drawn again').toBe(1);

    // A reload: the outputs this browser kept after the run.
    await expect.poll(() => keptOutputs(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(9);
    await page.reload();
    const kept = await markedStory(page);
    expect(kept.kpis).toEqual(live.kpis);
    expect(kept.counts).toEqual(live.counts);
    const again = await liveStory(page);
    expect(again.kpis).toEqual(kept.kpis);
    expect(again.counts).toEqual(kept.counts);
    expect(again.kept, 'the quadrant was drawn again').toBe(1);
    expect(s.errors).toEqual([]);
  });
});
