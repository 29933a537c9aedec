/**
 * What runs in the page's long tasks while the bench workbook loads (see workbook.mjs): records
 * a Chrome trace (devtools.timeline) and a CDP CPU profile of the page from the drop until 3 s
 * after the table shows, then prints each main-thread task over --min ms with the trace events
 * inside it and the functions the profile sampled there. `--idle` records the example page from
 * navigation instead, with no workbook. Never part of `npm test`.
 *
 *   npm run build && node bench/workbook-trace.mjs [--rows 200000] [--min 50] [--idle]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { utils, write } from '@e965/xlsx';
import { serveDist } from '../scripts/serve-dist.mjs';
import { openSession } from './browser.mjs';
import { LONG } from './flows.mjs';
import { pageProbe } from './page-probe.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    min: { type: 'string', default: '50' },
    idle: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
  },
});
const rows = Number(values.rows);
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel'];

function workbook() {
  const aoa = [['Invoice', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID']];
  for (let i = 0; i < rows; i++) {
    aoa.push([
      i % 50 === 0 ? `C${536000 + i}` : String(536000 + i),
      String(85000 + (i % 50)),
      String((i % 12) + 1),
      `2024-01-${String((i % 28) + 1).padStart(2, '0')} 08:${String(i % 60).padStart(2, '0')}`,
      ((i % 1000) / 100 + 0.5).toFixed(2),
      String(17000 + (i % 3000)),
    ]);
  }
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(aoa), 'Data');
  return Buffer.from(write(book, { type: 'buffer', bookType: 'xlsx' }));
}

/** Starts the trace and the profile; resolves to a function that stops both. */
async function record(cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return { events, profile };
  };
}

function report({ events, profile }, min) {
  const threads = new Map();
  const key = (e) => `${e.pid}:${e.tid}`;
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(key(e), e.args.name);
  }
  const counts = new Map();
  for (const e of events) {
    if (threads.get(key(e)) === 'CrRendererMain') counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const onMain = events.filter((e) => key(e) === main && e.ph === 'X');
  const tasks = onMain.filter(
    (e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > min * 1000,
  );
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => samples.push([(t += profile.timeDeltas[i]), id]));
  const label = ({ callFrame: f }) =>
    `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  const top = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, v]) => `${k} ×${v}`)
      .join(' | ');
  const first = events.find((e) => e.ts > 0)?.ts ?? 0;
  for (const task of tasks) {
    const [from, to] = [task.ts, task.ts + task.dur];
    const at = ((from - first) / 1000).toFixed(0);
    console.log(`\n== ${(task.dur / 1000).toFixed(0)} ms task, ${at} ms into the recording`);
    const inside = onMain.filter(
      (e) => e !== task && e.ts >= from && e.ts + e.dur <= to && e.dur > 5000,
    );
    for (const e of inside.slice(0, 20)) {
      const data = JSON.stringify(e.args?.data ?? {}).slice(0, 100);
      console.log(
        `  +${((e.ts - from) / 1000).toFixed(0)} ${(e.dur / 1000).toFixed(1)} ms ${e.name} ${data}`,
      );
    }
    const self = new Map();
    const total = new Map();
    for (const [ts, id] of samples) {
      if (ts < from || ts > to) continue;
      const leaf = label(nodes.get(id));
      self.set(leaf, (self.get(leaf) ?? 0) + 1);
      const seen = new Set();
      for (let c = id; c !== undefined; c = parent.get(c)) seen.add(label(nodes.get(c)));
      for (const name of seen) total.set(name, (total.get(name) ?? 0) + 1);
    }
    console.log(`  samples, self: ${top(self)}`);
    console.log(`  samples, total: ${top(total)}`);
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'seglab-trace-xlsx-'));
const file = path.join(dir, 'bench.xlsx');
if (!values.idle) await writeFile(file, workbook());
const server = await serveDist(values.dist);
const s = await openSession();
try {
  await s.context.addInitScript(pageProbe, { seedNotebook: null });
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  const stopIdle = values.idle ? await record(cdp) : null;
  await s.page.goto(server.url);
  await s.page.waitForSelector('[data-testid=engine-status][data-phase=ready]', { timeout: LONG });
  // Quiet as in workbook.mjs: no long task and no DuckDB worker message for 3 s.
  await s.page.waitForFunction(
    () => {
      const task = window.__bench.longtasks.at(-1);
      const message = window.__bench.worker.at(-1);
      const last = Math.max(task ? task.start + task.duration : 0, message?.t ?? 0);
      return performance.now() - last > 3000;
    },
    undefined,
    { timeout: 120_000, polling: 250 },
  );
  const stop = stopIdle ?? (await record(cdp));
  if (!values.idle) {
    await s.page.setInputFiles('[data-testid=file-input]', file);
    await s.page.getByTestId('drop-add').click({ timeout: 30_000 });
    await s.page.waitForFunction(
      (text) =>
        document
          .querySelector('[data-testid=table-list] li[data-table="bench"]')
          ?.textContent?.includes(`${text} rows`),
      rows.toLocaleString('en-US'),
      { timeout: 10 * 60_000, polling: 50 },
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  report(await stop(), Number(values.min));
} finally {
  await s.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
