/**
 * SegLab benchmark: the production build in headless Chromium (isolated = cross-origin isolated
 * with the threaded DuckDB bundle asked for by `?engine=threads`; single = not isolated, so the
 * single-threaded bundle; auto = isolated, the app choosing by the machine's cores, see
 * src/engine/engine-choice.ts) against the same SQL on native DuckDB. Never part of `npm test`.
 * `npm run bench` builds first; this script only measures.
 *
 *   node bench/run.mjs [--sizes 100k,1m,10m] [--runs 3] [--modes isolated,single,auto]
 *                      [--native-runs N] [--dist dist] [--seed N] [--out bench/results.json]
 *                      [--merge]   # keep the other sizes already in --out (e.g. add 10m later)
 *                      [--reseg split|quadrant]   # how the V×L threshold is changed
 *
 * See bench/README.md for what each number means.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CHROMIUM } from './browser.mjs';
import { firstVisit } from './first-visit.mjs';
import { pausedFlow, userFlow } from './flows.mjs';
import { DATA_DIR, DEFAULT_SEED, ensureData } from './generate.mjs';
import { nativeVersion, replayPlan, runNative, sqlSteps } from './native.mjs';
import {
  consoleTable,
  flowMetrics,
  medians,
  nativeMetrics,
  pausedMetrics,
  tableRows,
} from './report.mjs';
import { serveDist } from '../scripts/serve-dist.mjs';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m' },
    runs: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'isolated,single' },
    'native-runs': { type: 'string' },
    dist: { type: 'string', default: 'dist' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    out: { type: 'string', default: path.join(import.meta.dirname, 'results.json') },
    merge: { type: 'boolean', default: false },
    reseg: { type: 'string', default: 'split' },
  },
});
const sizes = opts.sizes.split(',').map((s) => s.trim().toLowerCase());
const runs = Number(opts.runs);
const nativeRuns = Number(opts['native-runs'] ?? opts.runs);
const modes = opts.modes.split(',').map((m) => m.trim());
const seed = Number(opts.seed);
for (const m of modes) {
  if (!['isolated', 'single', 'auto'].includes(m)) throw new Error(`mode ${m}?`);
}

const log = (...a) => console.log(...a);
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

function machine() {
  const chromium = (() => {
    try {
      return execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return null;
    }
  })();
  const wasmPkg = JSON.parse(
    readFileSync(new URL('../node_modules/@duckdb/duckdb-wasm/package.json', import.meta.url)),
  );
  return {
    cpu: os.cpus()[0]?.model ?? null,
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    loadAverageStart: load(),
    node: process.version,
    chromium,
    duckdbWasm: wasmPkg.version,
    duckdbNative: nativeVersion(),
  };
}

/** gzip sizes of the app's JavaScript, leaving out DuckDB's lazily loaded worker files. */
function appJs(dist) {
  const assets = path.join(dist, 'assets');
  const gz = (f) => gzipSync(readFileSync(path.join(dist, f))).length;
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const firstScreen = [...html.matchAll(/(?:src|href)="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  const all = readdirSync(assets).filter((f) => f.endsWith('.js') && !f.startsWith('duckdb-'));
  const entry = all.filter((f) => /^index-.*\.js$/.test(f));
  const sum = (files) => files.reduce((a, f) => a + gz(f), 0);
  return {
    entryFiles: entry,
    entryGzipBytes: sum(entry.map((f) => `assets/${f}`)),
    firstScreenFiles: firstScreen,
    firstScreenGzipBytes: sum(firstScreen),
    allAppJsGzipBytes: sum(all.map((f) => `assets/${f}`)),
  };
}

const gitHead = (() => {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD']).toString().trim();
  } catch {
    return null;
  }
})();
const prior =
  opts.merge && existsSync(opts.out) ? JSON.parse(readFileSync(opts.out, 'utf8')) : null;
const results = {
  generatedAt: new Date().toISOString(),
  machine: machine(),
  options: { sizes, runs, nativeRuns, modes, seed, reseg: opts.reseg },
  method: 'see bench/README.md',
  app: { gitHead, note: 'the build in --dist, which may include uncommitted work' },
  appJs: null,
  firstVisit: {},
  sizes: { ...prior?.sizes },
};
const save = () => writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);

if (!existsSync(path.join(opts.dist, 'index.html'))) {
  throw new Error(`${opts.dist}/index.html is missing: run "npm run build" (or npm run bench).`);
}
// A private copy: other work may rebuild dist/ while the benchmark runs.
const snapshot = mkdtempSync(path.join(os.tmpdir(), 'seglab-bench-dist-'));
cpSync(opts.dist, snapshot, { recursive: true });
results.appJs = appJs(snapshot);
log(`machine: ${JSON.stringify(results.machine)}`);
log(`app JS (gzip): ${JSON.stringify(results.appJs)}`);

const data = {};
for (const label of sizes) data[label] = { ...(await ensureData(label, seed, log)), label };

const servers = {};
for (const mode of modes) {
  const server = await serveDist(snapshot, { isolated: mode !== 'single' });
  // The threaded build is asked for: left to choose, the app takes it only from 4 cores.
  servers[mode] = mode === 'isolated' ? { ...server, url: `${server.url}?engine=threads` } : server;
}

try {
  for (const mode of modes) {
    const list = [];
    for (let i = 0; i < runs; i++) list.push(await firstVisit(servers[mode].url));
    results.firstVisit[mode] = { runs: list, median: medians(list) };
    log(`first visit (${mode}): ${JSON.stringify(results.firstVisit[mode].median)}`);
  }

  for (const label of sizes) {
    const size = {
      measuredAt: new Date().toISOString(),
      runs,
      data: data[label],
      // The first-visit numbers of this invocation, so a --merge keeps each size's own.
      firstVisit: results.firstVisit,
      browser: {},
      native: {},
      loadAverage: null,
    };
    for (const mode of modes) {
      size.browser[mode] = { runs: [], failures: [], pausedFailures: [], bundles: [] };
    }
    results.sizes[label] = size;
    let sample = null;
    for (let i = 0; i < runs; i++) {
      for (const mode of modes) {
        const started = Date.now();
        const loadBefore = load();
        const flow = await userFlow(servers[mode].url, data[label], { reseg: opts.reseg });
        const paused = await pausedFlow(servers[mode].url, data[label]).catch((e) => ({
          failed: String(e?.message ?? e).split('\n')[0],
        }));
        const metrics = {
          ...flowMetrics(flow),
          ...(paused.failed ? {} : pausedMetrics(paused)),
          loadAverage1m: loadBefore[0],
        };
        const b = size.browser[mode];
        b.runs.push(metrics);
        b.bundles.push(flow.engine?.bundle ?? null);
        if (flow.failed) b.failures.push({ run: i + 1, ...flow.failed });
        // Kept apart: a failed paused session leaves the analyst's path's numbers standing.
        if (paused.failed) b.pausedFailures.push({ run: i + 1, message: paused.failed });
        if (!sample && flow.steps.rfm) sample = flow;
        const wall = ((Date.now() - started) / 1000).toFixed(0);
        log(
          `${label} ${mode} run ${i + 1}: ingest ${metrics.ingestCsv?.toFixed(0)} ms, ` +
            `RFM ${metrics.rfm?.toFixed(0)} ms, re-seg ${metrics.resegValueLoyalty?.toFixed(0)} ms, ` +
            `parquet ${metrics.ingestParquet?.toFixed(0)} ms, ` +
            `after a pause RFM → quadrant ${metrics['paused.rfmToQuadrant']?.toFixed(0)} ms` +
            `${flow.failed ? `, FAILED at ${flow.failed.step}: ${flow.failed.message}` : ''} (${wall} s)`,
        );
      }
    }
    for (const mode of modes) size.browser[mode].median = medians(size.browser[mode].runs);

    if (sample) {
      const plan = replayPlan(sample, data[label]);
      writeFileSync(
        path.join(DATA_DIR, `replay_${label}.sql`),
        plan.map((s) => `-- step ${s.name}\n${s.sqls.join(';\n\n')};\n`).join('\n'),
      );
      size.statementsSample = Object.entries(sqlSteps(sample)).flatMap(([step, spans]) =>
        spans.map((s) => ({
          step,
          ms: Math.round((s.end - s.start) * 10) / 10,
          what: (s.sql ?? `${s.type} ${s.table ?? s.file ?? ''}`)
            .replace(/\s+/g, ' ')
            .slice(0, 140),
        })),
      );
      for (const [key, threads] of [
        ['default', undefined],
        ['one', 1],
      ]) {
        const list = [];
        const errors = [];
        for (let i = 0; i < nativeRuns; i++) {
          const r = await runNative(plan, { threads });
          list.push(nativeMetrics(r.times));
          errors.push(...r.errors);
        }
        size.native[key] = { threads: threads ?? os.cpus().length, runs: list, errors };
        size.native[key].median = medians(list);
      }
    }
    size.loadAverage = load();
    save();
    log(`\n${label} (${data[label].rows.toLocaleString('en')} orders), load ${size.loadAverage}`);
    log(consoleTable(tableRows(size)));
    log('');
  }
} finally {
  for (const s of Object.values(servers)) await s.close();
  rmSync(snapshot, { recursive: true, force: true });
}
results.machine.loadAverageEnd = load();
save();
log(`wrote ${opts.out}`);
process.exit(0);
