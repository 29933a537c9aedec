/**
 * Times the Predict cell on the full CDNOW master file (23,570 customers, 69,659 orders) in
 * headless Chromium, through the same path a user takes: drop the CSV, let the roles map,
 * add a Predict cell. Prints the forecast fit (BG/NBD + Gamma-Gamma + scoring, in the Web
 * Worker) and the whole cell (summary SQL, calibration fit, forecast fit, write-back).
 *
 *   npm run build && node bench/clv.mjs [--runs 3] [--single]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSession } from './browser.mjs';
import { serveDist } from '../scripts/serve-dist.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const isolated = !args.includes('--single');

/** CDNOW_master.txt (space separated, YYYYMMDD) as the CSV an analyst would export. */
async function cdnowCsv() {
  const out = path.join(root, 'bench/data/cdnow_master.csv');
  const text = await readFile(path.join(root, 'tests/fixtures/cdnow/CDNOW_master.txt'), 'utf8');
  const lines = ['customer_id,order_date,cds,amount'];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [id, day, cds, amount] = line.trim().split(/\s+/);
    if (!id) continue;
    lines.push(`${id},${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)},${cds},${amount}`);
  }
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${lines.join('\n')}\n`);
  return { file: out, orders: lines.length - 1 };
}

const EMPTY_NOTEBOOK = JSON.stringify({
  format: 'seglab-notebook',
  version: 1,
  title: 'CLV bench',
  cells: [],
  tables: [],
  mappings: [],
  asOf: '',
});

async function once(url, file) {
  const session = await openSession();
  const { page } = session;
  try {
    // An empty notebook: no sample data, so the CDNOW table is the only orders table.
    await page.addInitScript((nb) => {
      if (!localStorage.getItem('seglab.notebook')) localStorage.setItem('seglab.notebook', nb);
    }, EMPTY_NOTEBOOK);
    await page.goto(url);
    await page.waitForSelector('[data-testid=engine-status][data-phase=ready]', {
      timeout: 120_000,
    });
    await page.locator('[data-testid=file-input]').setInputFiles(file);
    await page.waitForSelector(
      '[data-testid=table-list] li[data-table=cdnow_master] [data-testid=kind-badge]',
      {
        timeout: 120_000,
      },
    );
    const started = Date.now();
    await page.locator('[data-testid=add-segment]').last().selectOption('__predict');
    const status = page.locator('[data-testid=cell-status][data-forecast-fit-ms]');
    await status.waitFor({ timeout: 120_000 });
    const cellMs = Date.now() - started;
    const fitMs = Number(await status.getAttribute('data-forecast-fit-ms'));
    const text = await status.innerText();
    return { fitMs, cellMs, text, errors: session.errors };
  } finally {
    await session.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { file, orders } = await cdnowCsv();
const server = await serveDist(process.env.SEGLAB_DIST ?? path.join(root, 'dist'), { isolated });
try {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(server.url, file));
  const errors = results.flatMap((r) => r.errors);
  console.log(
    `CDNOW master: ${orders} orders; ${isolated ? 'cross-origin isolated' : 'single-threaded'}`,
  );
  console.log(results[0].text);
  console.log(
    `forecast fit (worker): ${results.map((r) => r.fitMs).join(', ')} ms -> median ${median(results.map((r) => r.fitMs))} ms`,
  );
  console.log(
    `whole Predict cell:    ${results.map((r) => r.cellMs).join(', ')} ms -> median ${median(results.map((r) => r.cellMs))} ms`,
  );
  if (errors.length > 0) console.log('page errors:', errors);
  await writeFile(
    path.join(root, 'bench/clv-results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), isolated, orders, runs: results.map(({ fitMs, cellMs }) => ({ fitMs, cellMs })), medianFitMs: median(results.map((r) => r.fitMs)), medianCellMs: median(results.map((r) => r.cellMs)) }, null, 2)}\n`,
  );
} finally {
  await server.close();
}
