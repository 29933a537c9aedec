/**
 * The first-visit session: a fresh profile with no stored notebook, timed from page load (the
 * page's clock starts at navigation) to the first screen, to DuckDB ready and to the example
 * notebook's first result. On a first visit the sample data waits for the engine, so its start
 * leaves out the warm-up (state/warm-up-pipeline.ts); the flows' engine start includes it.
 *
 * Then a return visit on the same profile, timed the same way (`return*`): the service worker
 * serves the app, and V8 compiles DuckDB from the code it kept on the first visit
 * (`returnCodeCache` 1 when a `wasm.Deserialize` trace event says so; scripts/wasm-trace.mjs).
 *
 * `storyVisible`: the example's story on screen (its KPI row, and the quadrant drawn), whether
 * from the outputs of the last run or live; `storyLive`: the same with no cell still marked as
 * from the last run. Both on the page's clock, seen by a MutationObserver.
 *
 *   node bench/first-visit.mjs [--dist dist] [--modes isolated,single] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serveDist } from '../scripts/serve-dist.mjs';
import { traceWasm, waitForWasmKept } from '../scripts/wasm-trace.mjs';
import { openSession } from './browser.mjs';
import { bench, LONG } from './flows.mjs';
import { pageProbe } from './page-probe.mjs';

/** Stamps when the example's story is first on screen, and first live. Self-contained. */
function storyProbe() {
  const story = { visible: null, live: null };
  window.__story = story;
  const check = () => {
    const kpi = document.querySelector('[data-testid=kpi-row]');
    const quadrant = document.querySelector(
      '[data-testid=quadrant-panel] [data-testid=chart][data-rendered=true]',
    );
    if (!kpi || !quadrant) return;
    story.visible ??= performance.now();
    if (!document.querySelector('[data-last-run]')) story.live ??= performance.now();
    if (story.live !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** Loads the app in a browser on `profile`; times it on the page's clock. */
async function visit(url, profile, { untilCodeKept }) {
  const s = await openSession({ profile });
  try {
    await s.context.addInitScript(pageProbe, { seedNotebook: null });
    await s.context.addInitScript(storyProbe);
    const stop = await traceWasm(await s.context.newCDPSession(s.page));
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
    await s.page.waitForFunction(() => window.__story?.live != null, undefined, {
      timeout: LONG,
    });
    const story = await s.page.evaluate(() => window.__story);
    const b = await bench(s.page);
    const paint = await s.page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime])),
    );
    const nav = await s.page.evaluate(() =>
      performance.getEntriesByType('navigation')[0]?.toJSON(),
    );
    const beforeMount = b.longtasks.filter((l) => l.start < b.marks.mounted);
    // The first visit stays open until V8 has kept DuckDB's code, as an analyst's would.
    const wasmEvents = untilCodeKept
      ? (await waitForWasmKept(s.context, s.page, stop)).names
      : await stop();
    return {
      firstContentfulPaint: paint['first-contentful-paint'] ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      appMounted: b.marks.mounted,
      longestTaskBeforeMount: Math.max(0, ...beforeMount.map((l) => l.duration)),
      engineReady: b.phases.find((p) => p.phase === 'ready')?.t ?? null,
      exampleResult,
      storyVisible: story.visible,
      storyLive: story.live,
      codeCache: wasmEvents.includes('wasm.Deserialize'),
      bundle: await s.page.getAttribute('[data-testid=engine-status]', 'class'),
      errors: s.errors,
    };
  } finally {
    await s.close();
  }
}

export async function firstVisit(url) {
  const profile = await mkdtemp(path.join(tmpdir(), 'seglab-bench-visits-'));
  try {
    const first = await visit(url, profile, { untilCodeKept: true });
    const again = await visit(url, profile, { untilCodeKept: false });
    return {
      firstContentfulPaint: first.firstContentfulPaint,
      domContentLoaded: first.domContentLoaded,
      appMounted: first.appMounted,
      longestTaskBeforeMount: first.longestTaskBeforeMount,
      engineReady: first.engineReady,
      exampleResult: first.exampleResult,
      storyVisible: first.storyVisible,
      storyLive: first.storyLive,
      bundle: first.bundle,
      returnEngineReady: again.engineReady,
      returnExampleResult: again.exampleResult,
      returnStoryVisible: again.storyVisible,
      returnStoryLive: again.storyLive,
      returnAppMounted: again.appMounted,
      returnCodeCache: again.codeCache ? 1 : 0,
      errors: [...first.errors, ...again.errors],
    };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: opts } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      modes: { type: 'string', default: 'isolated,single' },
      runs: { type: 'string', default: '3' },
    },
  });
  for (const mode of opts.modes.split(',')) {
    const server = await serveDist(opts.dist, { isolated: mode === 'isolated' });
    try {
      const list = [];
      for (let i = 0; i < Number(opts.runs); i++) list.push(await firstVisit(server.url));
      const keys = Object.keys(list[0]).filter((k) => typeof list[0][k] === 'number');
      const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
      const median = Object.fromEntries(keys.map((k) => [k, mid(list.map((r) => r[k]))]));
      console.log(`${mode}: ${JSON.stringify(median)}`);
      const errors = list.flatMap((r) => r.errors);
      if (errors.length > 0) console.log(`${mode} errors: ${JSON.stringify(errors)}`);
    } finally {
      await server.close();
    }
  }
}
