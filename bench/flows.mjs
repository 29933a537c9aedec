/**
 * The analyst's session the benchmark times, driving the production build the way a user does
 * (file picker, "+ Segmentation…" menu, form fields, chart tab). Durations come from the page's own
 * clock (see page-probe.mjs), so Playwright's round trips are not counted.
 */
import { memorySampler, openSession } from './browser.mjs';
import { pageProbe } from './page-probe.mjs';
import { statementSpans } from './statements.mjs';

export const LONG = 15 * 60_000;
/** An empty notebook in the `.seglab.json` format (src/io/notebook-file.ts). */
const EMPTY_NOTEBOOK = JSON.stringify({
  format: 'seglab-notebook',
  version: 1,
  title: 'bench',
  cells: [],
  tables: [],
  mappings: [],
  asOf: '',
});

export const bench = (page) => page.evaluate(() => window.__bench);

function waitFor(page, fn, arg) {
  return page.waitForFunction(fn, arg, { timeout: LONG, polling: 50 });
}

const lastAction = (b, pred) => [...b.actions].reverse().find(pred);

/** Cell ids on the page now. */
const cellIds = (page) =>
  page.$$eval('[data-testid=cell][data-cell-id]', (els) => els.map((e) => e.dataset.cellId));

/** Adds a preset from the last "+ Segmentation…" menu; resolves when its counts are shown. */
async function addPreset(page, presetId) {
  const before = await cellIds(page);
  await page.locator('[data-testid=add-segment]').last().selectOption(presetId);
  const handle = await waitFor(
    page,
    (known) => {
      const entry = Object.entries(window.__bench.cells).find(([id]) => !known.includes(id));
      const done = entry?.[1].find((h) => h.counts !== '' || h.error);
      return done ? entry[0] : false;
    },
    before,
  );
  const id = await handle.jsonValue();
  const b = await bench(page);
  const start = lastAction(b, (a) => a.testid === 'add-segment' && a.value === presetId).t;
  const shown = b.cells[id].find((h) => h.counts !== '' || h.error);
  if (shown.error) throw new Error(`${presetId}: ${await cellError(page, id)}`);
  return { id, start, end: shown.t, counts: shown.counts };
}

async function cellError(page, id) {
  return page.locator(`[data-cell-id="${id}"] [data-testid=cell-error]`).innerText();
}

/**
 * The query the quadrant panel sends first for a result (`sql/quadrant-density.ts`, its cells):
 * a chart drawn after it started shows the new result, not the old one.
 */
const QUADRANT_QUERY = /\bunclamped AS\b/;

/**
 * After an edit in cell `id` (an `input` or `change` event of kind `trigger`): resolves when the
 * cell has re-run (busy, then not busy) and, with `chart`, when its chart has been redrawn.
 */
async function waitRerun(page, id, since, trigger, chart = false) {
  await waitFor(
    page,
    ([cell, t0, redraw, last]) => {
      const h = window.__bench.cells[cell].filter((e) => e.t >= t0);
      const busy = h.findIndex((e) => e.busy);
      const done = busy >= 0 && h.slice(busy).findIndex((e) => !e.busy);
      if (done === false || done < 0) return false;
      if (!redraw) return true;
      // The first chart drawn once its data for the new result is in: after the quadrant's
      // cells query started (the quadrant queries as soon as the table is made, before the run
      // has finished), so a redraw of the old data does not count.
      const loaded = window.__bench.worker.find(
        (m) => m.dir === 'out' && m.t > h[busy].t && new RegExp(last).test(m.sql ?? ''),
      );
      return Boolean(loaded) && h.some((e) => e.t > loaded.t && e.chart.startsWith('rendered'));
    },
    [id, since, chart, QUADRANT_QUERY.source],
  );
  const b = await bench(page);
  const h = b.cells[id];
  const before = [...h].reverse().find((e) => e.t < since);
  const after = h.filter((e) => e.t >= since);
  const busy = after.find((e) => e.busy);
  const done = after.find((e) => !e.busy && e.t > busy.t);
  if (done.error) throw new Error(`re-run failed: ${await cellError(page, id)}`);
  const edit = lastAction(b, (a) => a.cell === id && a.kind === trigger && a.t <= busy.t);
  const loaded = chart
    ? b.worker.find((m) => m.dir === 'out' && m.t > busy.t && QUADRANT_QUERY.test(m.sql ?? ''))
    : null;
  const drawn = loaded ? after.find((e) => e.t > loaded.t && e.chart.startsWith('rendered')) : null;
  // Whatever reaches the screen first: the quadrant panel's own counts and the chart's first
  // draw after the edit (an app counting in JS shows both before DuckDB's run ends).
  const counted = after.find((e) => e.t >= edit.t && e.quadrant && e.quadrant !== before?.quadrant);
  // Builds that draw a chart's rows a slice at a time mark the first slice on screen.
  const firstDraw = after.find((e) =>
    e.firstDraw
      ? e.t >= edit.t && e.firstDraw !== before?.firstDraw
      : e.t >= edit.t && e.chart.startsWith('rendered') && e.chart !== before?.chart,
  );
  return {
    quadrantCountsEnd: chart ? (counted?.t ?? null) : null,
    firstDrawEnd: chart ? (firstDraw?.t ?? null) : null,
    start: edit.t,
    runStart: busy.t,
    end: done.t,
    chartEnd: drawn?.t ?? null,
    changed: done.counts !== before?.counts,
  };
}

async function ingest(page, file, expectTable) {
  const errorsBefore = await page.locator('[data-testid=notice-error]').count();
  await page.locator('[data-testid=file-input]').setInputFiles(file);
  await waitFor(
    page,
    ([name, errors]) =>
      Boolean(window.__bench.tables[name]) ||
      document.querySelectorAll('[data-testid=notice-error]').length > errors,
    [expectTable, errorsBefore],
  );
  const b = await bench(page);
  if (!b.tables[expectTable]) {
    const notice = await page.locator('[data-testid=notice-error]').last().innerText();
    throw new Error(`loading ${file} failed: ${notice}`);
  }
  const chosen = lastAction(b, (a) => a.testid === 'file-input').t;
  return { start: chosen, end: b.tables[expectTable].t, meta: b.tables[expectTable].meta };
}

/**
 * The analyst's path on an empty notebook: choose the CSV, add RFM, add value × loyalty and open
 * its quadrant chart (when the app has one), change a threshold in each, then load the Parquet
 * copy. `reseg`: 'split' changes the V×L form's split from median to mean; 'quadrant' doubles
 * the value cut in the quadrant panel (custom thresholds).
 */
export async function userFlow(url, data, { reseg = 'split', record = null } = {}) {
  const s = await openSession();
  const { page } = s;
  const table = `orders_${data.label}`;
  const steps = {};
  let failed = null;
  /** Runs one step; after a failure (e.g. the tab ran out of memory) the rest are skipped. */
  const step = async (name, fn) => {
    if (failed) return;
    if (process.env.BENCH_DEBUG) console.log(`  ${name} ...`);
    if (record) await page.evaluate((n) => performance.mark(n), name);
    try {
      steps[name] = await fn();
    } catch (e) {
      failed = { step: name, message: String(e?.message ?? e).split('\n')[0] };
    }
  };
  page.on('crash', () => s.errors.push('page crashed'));
  try {
    await s.context.addInitScript(pageProbe, { seedNotebook: EMPTY_NOTEBOOK });
    const stopSampler = await memorySampler(s);
    await page.goto(url);
    await page.waitForSelector('[data-testid=add-segment]');
    // The app starts DuckDB with the page; the file is chosen once it is ready, as a user
    // choosing a file gives it that time. "Page load → quadrant" below adds the start back.
    await waitFor(page, () => window.__bench.phases.some((p) => p.phase === 'ready'));
    // `record(session)`: starts a trace (trace.mjs) and resolves to the function that stops it.
    const stopRecording = record ? await record(s) : null;

    await step('ingestCsv', () => ingest(page, data.csv, table));
    await step('rfm', () => addPreset(page, 'rfm'));
    await step('valueLoyalty', () => addPreset(page, 'value-loyalty'));
    const vl = page.locator(`[data-cell-id="${steps.valueLoyalty?.id}"]`);
    const rfm = page.locator(`[data-cell-id="${steps.rfm?.id}"]`);
    await step('chart', () => chartStep(page, vl, steps.valueLoyalty.id));
    await step('resegValueLoyalty', async () => {
      const t0 = await page.evaluate(() => performance.now());
      const redraw = Boolean(steps.chart.available);
      if (reseg === 'quadrant' && redraw) {
        // The quadrant's own threshold field, as a user would move the split line.
        const cut = vl.locator('[data-testid=value-cut]');
        await cut.fill(String(Math.round(Number(await cut.inputValue()) * 2)));
        await cut.dispatchEvent('change');
      } else {
        const split = vl
          .locator('label.field', { hasText: 'Split each axis at' })
          .locator('select');
        await split.selectOption('mean');
      }
      return waitRerun(page, steps.valueLoyalty.id, t0, 'change', redraw);
    });
    await step('resegRfm', async () => {
      const t0 = await page.evaluate(() => performance.now());
      await rfm.locator('label.field', { hasText: 'Recency bins' }).locator('input').fill('3');
      return waitRerun(page, steps.rfm.id, t0, 'input');
    });
    await step('ingestParquet', () => ingest(page, data.parquet, `${table}_2`));
    await step('duckdbMemory', () => duckdbMemory(page));
    if (process.env.BENCH_DEBUG) await page.screenshot({ path: '/tmp/seglab-bench-end.png' });

    const memory = await stopSampler();
    const recording = stopRecording ? await stopRecording() : undefined;
    const b = await bench(page).catch(() => null);
    if (!b) return { steps, failed, errors: s.errors, memory, recording };
    const engineReady = b.phases.find((p) => p.phase === 'ready')?.t ?? null;
    const longest = (span) =>
      span
        ? Math.max(
            0,
            ...b.longtasks
              .filter((l) => l.start + l.duration > span.start && l.start < span.end)
              .map((l) => l.duration),
          )
        : null;
    return {
      steps,
      failed,
      engine: {
        bundle: await page.getAttribute('[data-testid=engine-status]', 'class'),
        readyAt: engineReady,
        readyDuringIngest:
          engineReady === null || !steps.ingestCsv
            ? null
            : Math.max(0, engineReady - steps.ingestCsv.start),
      },
      longestTask: {
        ingestCsv: longest(steps.ingestCsv),
        ingestParquet: longest(steps.ingestParquet),
        resegValueLoyalty: longest(steps.resegValueLoyalty),
        session: longest({ start: 0, end: Infinity }),
      },
      memory,
      statements: statementSpans(b.worker),
      worker: process.env.BENCH_TRACE ? b.worker : undefined,
      cells: process.env.BENCH_TRACE ? b.cells : undefined,
      longtasks: process.env.BENCH_TRACE ? b.longtasks : undefined,
      phases: process.env.BENCH_TRACE ? b.phases : undefined,
      recording,
      errors: s.errors,
    };
  } finally {
    await s.close();
  }
}

/** How long DuckDB must have had nothing to do before the paused flow's analyst acts. */
const IDLE_MS = 1000;

/**
 * The analyst's pause: choose the CSV, then wait until DuckDB has had nothing to do for a second
 * (the app builds the features table and runs its data-quality checks meanwhile, as it does while
 * a person looks at the loaded table and picks a segmentation), then add RFM, value × loyalty and
 * open the quadrant. `idle`: table listed → engine idle; the steps as in userFlow.
 */
export async function pausedFlow(url, data) {
  const s = await openSession();
  const { page } = s;
  const table = `orders_${data.label}`;
  try {
    await s.context.addInitScript(pageProbe, { seedNotebook: EMPTY_NOTEBOOK });
    await page.goto(url);
    await page.waitForSelector('[data-testid=add-segment]');
    await waitFor(page, () => window.__bench.phases.some((p) => p.phase === 'ready'));
    const ingestCsv = await ingest(page, data.csv, table);
    // Idle: every request to the worker answered, and no message for IDLE_MS. (A poll can go
    // unanswered for seconds while DuckDB runs one long task of a 10M-order statement.)
    const quiet = await waitFor(
      page,
      ([since, idleMs]) => {
        const log = window.__bench.worker;
        const answered = new Set(log.filter((m) => m.dir === 'in').map((m) => m.id));
        if (log.some((m) => m.dir === 'out' && !answered.has(m.id))) return false;
        const last = Math.max(log.at(-1)?.t ?? 0, since);
        return performance.now() - last > idleMs ? last : false;
      },
      [ingestCsv.end, IDLE_MS],
    );
    const idleAt = await quiet.jsonValue();
    const rfm = await addPreset(page, 'rfm');
    const valueLoyalty = await addPreset(page, 'value-loyalty');
    const vl = page.locator(`[data-cell-id="${valueLoyalty.id}"]`);
    const chart = await chartStep(page, vl, valueLoyalty.id);
    return {
      ingestCsv,
      idle: { start: ingestCsv.end, end: idleAt },
      rfm,
      valueLoyalty,
      chart,
      errors: s.errors,
    };
  } finally {
    await s.close();
  }
}

/**
 * The value × loyalty quadrant chart: its tab is opened and the time runs from that click to the
 * chart drawn. Marked unavailable when the app has no quadrant tab.
 */
async function chartStep(page, cell, id) {
  const tab = cell.locator('[data-testid=tab-quadrant]');
  if ((await tab.count()) === 0) return { available: false };
  const before = await page.evaluate(() => performance.now());
  await tab.click();
  await waitFor(
    page,
    ([cellId, t0]) =>
      window.__bench.cells[cellId].some((h) => h.t >= t0 && h.chart.startsWith('rendered')),
    [id, before],
  );
  const b = await bench(page);
  const drawn = b.cells[id].find((h) => h.t >= before && h.chart.startsWith('rendered'));
  // The first rows on screen (the same as `drawn` for builds that draw all rows at once).
  const first = b.cells[id].find((h) => h.t >= before && h.firstDraw);
  const click = lastAction(b, (a) => a.kind === 'click' && a.cell === id);
  return {
    available: true,
    start: click?.t ?? before,
    end: drawn.t,
    firstEnd: first?.firstDraw ? first.t : drawn.t,
  };
}

/**
 * DuckDB's own memory accounting (buffer manager, duckdb_memory()), read the way a user would:
 * a SQL cell added at the end. Not timed.
 */
async function duckdbMemory(page) {
  const before = await cellIds(page);
  await page.locator('.insert button', { hasText: '+ SQL' }).last().click();
  const cell = page.locator('[data-testid=cell]').last();
  const id = await cell.getAttribute('data-cell-id');
  if (before.includes(id)) throw new Error('no new SQL cell');
  await cell.locator('.cm-content').click();
  await page.keyboard.insertText(
    "SELECT (SELECT sum(memory_usage_bytes) FROM duckdb_memory()) AS bytes, current_setting('memory_limit') AS memory_limit",
  );
  await page.keyboard.press('Control+Enter');
  await cell.locator('[data-testid=cell-status], [data-testid=cell-error]').first().waitFor();
  if ((await cell.locator('[data-testid=cell-error]').count()) > 0) {
    throw new Error(await cell.locator('[data-testid=cell-error]').innerText());
  }
  const values = await cell.locator('tbody tr').first().locator('td').allInnerTexts();
  return { bytes: Number(values[1]?.replace(/[^\d.]/g, '')), memoryLimit: values[2] };
}
