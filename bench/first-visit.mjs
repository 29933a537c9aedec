/**
 * The first-visit session: a fresh profile with no stored notebook, timed from page load (the
 * page's clock starts at navigation) to the first screen, to DuckDB ready and to the example
 * notebook's first result. On a first visit the sample data waits for the engine, so its start
 * leaves out the warm-up (state/warm-up-pipeline.ts); the flows' engine start includes it.
 */
import { openSession } from './browser.mjs';
import { bench, LONG } from './flows.mjs';
import { pageProbe } from './page-probe.mjs';

export async function firstVisit(url) {
  const s = await openSession();
  try {
    await s.context.addInitScript(pageProbe, { seedNotebook: null });
    await s.page.goto(url);
    await s.page.waitForSelector('[data-testid=engine-status][data-phase=ready]', {
      timeout: LONG,
    });
    // The example notebook's first result on screen, on the page's clock (polled every 50 ms).
    const firstResult = await s.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=cell-status]').length > 0 && performance.now(),
      undefined,
      { timeout: LONG, polling: 50 },
    );
    const exampleResult = await firstResult.jsonValue();
    const b = await bench(s.page);
    const paint = await s.page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime])),
    );
    const nav = await s.page.evaluate(() =>
      performance.getEntriesByType('navigation')[0]?.toJSON(),
    );
    const ready = b.phases.find((p) => p.phase === 'ready')?.t ?? null;
    const beforeMount = b.longtasks.filter((l) => l.start < b.marks.mounted);
    return {
      firstContentfulPaint: paint['first-contentful-paint'] ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      appMounted: b.marks.mounted,
      longestTaskBeforeMount: Math.max(0, ...beforeMount.map((l) => l.duration)),
      engineReady: ready,
      exampleResult,
      bundle: await s.page.getAttribute('[data-testid=engine-status]', 'class'),
      errors: s.errors,
    };
  } finally {
    await s.close();
  }
}
