/**
 * Times the Predict cell on the full CDNOW master file (23,570 customers, 69,659 orders) in
 * headless Chromium, through the same path a user takes: drop the CSV, let the roles map, add a
 * Predict cell (it fits BG/NBD at once), then pick each other purchase model and fit again.
 * Prints, per model, the fit time of the forecast fit in the Web Worker (the optimiser and the
 * standard errors; for BG/BB also binning the orders into months), the Gamma-Gamma fit, scoring,
 * the bootstrap intervals, and the whole cell (summary SQL, calibration fit, forecast fit,
 * write-back).
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

/** The cell fits BG/NBD when added; then each model in turn, never the same one twice running. */
const MODELS = ['mbgnbd', 'pareto-nbd', 'bgbb', 'bgnbd'];

async function session(url, file) {
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
    const fits = [];
    const read = async (model, started) => {
      const status = page.locator(`[data-testid=cell-status][data-model="${model}"]`);
      await status.waitFor({ timeout: 300_000 });
      const cellMs = Date.now() - started;
      const timings = JSON.parse((await status.getAttribute('data-timings')) ?? '{}');
      const round = (v) => (Number.isFinite(v) ? Math.round(v) : null);
      fits.push({
        model,
        fitMs: round(timings[model]),
        gammaGammaMs: round(timings['gamma-gamma']),
        scoringMs: round(timings.scoring),
        intervalsMs: round(timings.intervals),
        forecastFitMs: Number(await status.getAttribute('data-forecast-fit-ms')),
        cellMs,
        text: await status.innerText(),
      });
    };
    let started = Date.now();
    await page.locator('[data-testid=add-segment]').last().selectOption('__predict');
    await read('bgnbd', started);
    const cell = page
      .locator('[data-testid=cell]')
      .filter({ has: page.getByTestId('predict-model') })
      .last();
    for (const model of MODELS) {
      await cell.getByTestId('predict-model').selectOption(model);
      started = Date.now();
      await cell.getByTestId('run-cell').click();
      await read(model, started);
    }
    return { fits, errors: session.errors };
  } finally {
    await session.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { file, orders } = await cdnowCsv();
const server = await serveDist(process.env.SEGLAB_DIST ?? path.join(root, 'dist'), { isolated });
try {
  const sessions = [];
  // Isolated, the threaded build is asked for (the app takes it by itself only from 4 cores).
  const url = isolated ? `${server.url}?engine=threads` : server.url;
  for (let i = 0; i < runs; i++) sessions.push(await session(url, file));
  const fits = sessions.flatMap((r) => r.fits);
  const errors = sessions.flatMap((r) => r.errors);
  console.log(
    `CDNOW master: ${orders} orders; ${isolated ? 'cross-origin isolated' : 'single-threaded'}; ${runs} session(s)`,
  );
  console.log(fits[0].text);
  const summary = {};
  const keys = ['fitMs', 'gammaGammaMs', 'scoringMs', 'intervalsMs', 'forecastFitMs', 'cellMs'];
  for (const model of ['bgnbd', ...MODELS.slice(0, -1)]) {
    const mine = fits.filter((f) => f.model === model);
    summary[model] = Object.fromEntries(
      keys.map((k) => {
        const xs = mine.map((f) => f[k]).filter((v) => Number.isFinite(v));
        return [k, xs.length ? median(xs) : null];
      }),
    );
    summary[model].fitRuns = mine.map((f) => f.fitMs);
    const m = summary[model];
    console.log(
      `${model.padEnd(11)} fit ${m.fitMs} ms (runs ${m.fitRuns.join(', ')}) · Gamma-Gamma ${m.gammaGammaMs} ms · scoring ${m.scoringMs} ms · intervals ${m.intervalsMs ?? '—'} ms · forecast fit total ${m.forecastFitMs} ms · whole cell ${m.cellMs} ms`,
    );
  }
  if (errors.length > 0) console.log('page errors:', errors);
  await writeFile(
    path.join(root, 'bench/clv-results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), isolated, orders, runs: fits.map(({ text: _text, ...f }) => f), median: summary }, null, 2)}\n`,
  );
} finally {
  await server.close();
}
