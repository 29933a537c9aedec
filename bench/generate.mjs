/**
 * Deterministic synthetic orders for the benchmark: order_id, customer_id, order_date (a
 * datetime), amount. Customers are about 5% of rows; order counts per customer are Pareto
 * (many one-off buyers, a few heavy ones), each customer's basket size is Pareto and each
 * order's amount lognormal around it, over two years (2023-01-01 .. 2024-12-31). Rows are
 * sorted by time, as real exports are.
 *
 * Written as CSV (generated here) and Parquet (converted by native DuckDB, COPY ... FORMAT
 * parquet, default snappy), and cached in bench/data/: a size is rebuilt only when its manifest
 * is missing or names another seed or generator version.
 *
 *   node bench/generate.mjs --sizes 100k,1m,10m [--seed N]
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync } from 'node:fs';
import { statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '../scripts/sample-data/random.mjs';

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
export const DEFAULT_SEED = 20250107;
/** Bump when the generated rows change, so cached files are rebuilt. */
const GENERATOR_VERSION = 1;
const DAYS = 731;
const START_MS = Date.UTC(2023, 0, 1);
/** Sort keys pack (second, row index) into one double: index < 2^24. */
const INDEX_BITS = 2 ** 24;

const SIZES = { '100k': 100_000, '1m': 1_000_000, '2m': 2_000_000, '10m': 10_000_000 };

/** `100k` / `1m` / `2m` / `10m` (or a plain number) -> rows. */
export function parseSize(label) {
  const rows = SIZES[label.toLowerCase()] ?? Number(label);
  if (!Number.isInteger(rows) || rows < 100 || rows >= INDEX_BITS) {
    throw new Error(`Unknown size "${label}": use 100k, 1m, 2m, 10m or a row count below 16.7M.`);
  }
  return rows;
}

export function dataFiles(label, seed = DEFAULT_SEED) {
  const base = path.join(DATA_DIR, `orders_${label.toLowerCase()}`);
  return { csv: `${base}.csv`, parquet: `${base}.parquet`, manifest: `${base}.json`, seed };
}

/** Orders per customer: at least one, the rest spread by Pareto weights to total exactly `rows`. */
function orderCounts(rows, customers, rng) {
  const weights = new Float64Array(customers);
  let total = 0;
  for (let i = 0; i < customers; i++) {
    // A third buy once; the rest Pareto(alpha 1.2), capped so no one holds a visible share.
    weights[i] = rng.next() < 0.35 ? 0 : Math.min(300, (1 - rng.next()) ** (-1 / 1.2));
    total += weights[i];
  }
  const extra = rows - customers;
  const counts = new Int32Array(customers);
  let sum = 0;
  for (let i = 0; i < customers; i++) {
    counts[i] = 1 + Math.floor((extra * weights[i]) / total + rng.next());
    sum += counts[i];
  }
  // Stochastic rounding misses the total by a little: even it out one order at a time.
  for (let i = 0; sum !== rows; i = (i + 1) % customers) {
    if (sum < rows) {
      counts[i]++;
      sum++;
    } else if (counts[i] > 1) {
      counts[i]--;
      sum--;
    }
  }
  return counts;
}

/** Order rows in columns, plus sort keys (second since the start * 2^24 + row index). */
function buildOrders(rows, seed) {
  const customers = Math.max(1, Math.round(rows * 0.05));
  const rng = createRng(seed, `bench-orders-${rows}`);
  const counts = orderCounts(rows, customers, rng);
  const customer = new Int32Array(rows);
  const cents = new Int32Array(rows);
  const keys = new Float64Array(rows);
  let row = 0;
  for (let c = 0; c < customers; c++) {
    const first = Math.floor(DAYS * rng.next());
    // Repeat buyers stay active for part of the time left; some churn early.
    const span = counts[c] > 1 ? Math.floor((DAYS - first) * Math.sqrt(rng.next())) : 0;
    const basket = 40 * (1 - rng.next()) ** (-1 / 2.5);
    for (let k = 0; k < counts[c]; k++, row++) {
      const day = k === 0 ? first : first + Math.floor(rng.next() * (span + 1));
      const second = Math.min(DAYS * 86400 - 1, day * 86400 + Math.floor(rng.next() * 86400));
      customer[row] = c;
      cents[row] = Math.max(100, Math.round(100 * rng.lognormal(basket, 0.5)));
      keys[row] = second * INDEX_BITS + row;
    }
  }
  keys.sort();
  return { customer, cents, keys };
}

const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const dayText = Array.from({ length: DAYS }, (_, d) =>
  new Date(START_MS + d * 86_400_000).toISOString().slice(0, 10),
);

function writeCsv(file, { customer, cents, keys }) {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, 'order_id,customer_id,order_date,amount\n');
    const lines = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const row = key % INDEX_BITS;
      const second = (key - row) / INDEX_BITS;
      const inDay = second % 86400;
      const hh = pad2[Math.floor(inDay / 3600)];
      const mm = pad2[Math.floor(inDay / 60) % 60];
      const c = cents[row];
      lines.push(
        `O${String(i + 1).padStart(8, '0')},C${String(customer[row] + 1).padStart(7, '0')},` +
          `${dayText[Math.floor(second / 86400)]} ${hh}:${mm}:${pad2[inDay % 60]},` +
          `${Math.floor(c / 100)}.${pad2[c % 100]}\n`,
      );
      if (lines.length === 65536) writeSync(fd, lines.splice(0).join(''));
    }
    writeSync(fd, lines.join(''));
  } finally {
    closeSync(fd);
  }
}

async function writeParquet(csv, parquet) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const q = (s) => `'${s.replaceAll("'", "''")}'`;
  try {
    await conn.run(`COPY (SELECT * FROM read_csv(${q(csv)}, header = true, columns = {
      'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'order_date': 'TIMESTAMP', 'amount': 'DOUBLE'
    })) TO ${q(parquet)} (FORMAT parquet)`);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

function cached(files, rows) {
  if (!existsSync(files.manifest) || !existsSync(files.csv) || !existsSync(files.parquet)) {
    return null;
  }
  const m = JSON.parse(readFileSync(files.manifest, 'utf8'));
  const same = m.rows === rows && m.seed === files.seed && m.version === GENERATOR_VERSION;
  return same && statSync(files.csv).size === m.csvBytes ? m : null;
}

/** Makes (or reuses) the CSV and Parquet files for a size; returns their manifest. */
export async function ensureData(label, seed = DEFAULT_SEED, log = console.log) {
  const rows = parseSize(label);
  const files = dataFiles(label, seed);
  const hit = cached(files, rows);
  if (hit) return { ...hit, ...files };
  mkdirSync(DATA_DIR, { recursive: true });
  const started = performance.now();
  log(`generating ${rows.toLocaleString('en')} orders (seed ${seed}) ...`);
  const orders = buildOrders(rows, seed);
  writeCsv(`${files.csv}.tmp`, orders);
  renameSync(`${files.csv}.tmp`, files.csv);
  await writeParquet(files.csv, `${files.parquet}.tmp`);
  renameSync(`${files.parquet}.tmp`, files.parquet);
  const manifest = {
    version: GENERATOR_VERSION,
    seed,
    rows,
    customers: Math.max(1, Math.round(rows * 0.05)),
    csvBytes: statSync(files.csv).size,
    parquetBytes: statSync(files.parquet).size,
  };
  writeFileSync(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files.csv}`);
  return { ...manifest, ...files };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '100k,1m' }, seed: { type: 'string' } },
  });
  const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
  for (const label of values.sizes.split(',')) console.log(await ensureData(label.trim(), seed));
}
