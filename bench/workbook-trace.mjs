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
import { record, report } from './trace.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    min: { type: 'string', default: '50' },
    idle: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
  },
});
const rows = Number(values.rows);

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
