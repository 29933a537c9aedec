/**
 * The reference: the SQL the app ran in the browser, replayed on native DuckDB
 * (@duckdb/node-api) in the same process as the benchmark. The statements are the ones the
 * page sent to its DuckDB worker (page-probe.mjs), step by step, with two substitutions the
 * browser cannot avoid and native DuckDB needs: the registered CSV file name becomes the real
 * path, and the Parquet load (hyparquet -> Arrow batches in the browser) becomes one
 * `CREATE TABLE ... AS SELECT * FROM read_parquet(path)`.
 */
import { DuckDBInstance, version } from '@duckdb/node-api';
import { isFeaturesSql, within } from './statements.mjs';

export const nativeVersion = () => version();

const quote = (s) => `'${s.replaceAll("'", "''")}'`;

const all = (spans) => spans;
/** Index just past the statement that builds the features table (0 when it was reused). */
const featuresEnd = (spans) => spans.findLastIndex((s) => isFeaturesSql(s.sql ?? '')) + 1;

/**
 * Steps whose SQL is compared: [name, UI step it comes from, which of its statements]. The
 * first RFM run is split after the statement that builds the features table: what comes before
 * it (analysis date, input checks, features) is "features", the rest is the RFM preset.
 */
export const SQL_STEPS = [
  ['ingestCsv', 'ingestCsv', all],
  ['features', 'rfm', (spans) => spans.slice(0, featuresEnd(spans))],
  ['rfmSql', 'rfm', (spans) => spans.slice(featuresEnd(spans))],
  ['valueLoyalty', 'valueLoyalty', all],
  ['resegValueLoyalty', 'resegValueLoyalty', all],
  ['resegRfm', 'resegRfm', all],
  ['ingestParquet', 'ingestParquet', all],
];

/**
 * Browser statement spans grouped into SQL steps. The engine starts lazily inside the CSV ingest
 * step; its start-up messages are not SQL work and are left out.
 */
export function sqlSteps(flow) {
  const readyAt = flow.engine?.readyAt ?? 0;
  const statements = flow.statements.filter((s) => s.start >= readyAt);
  return Object.fromEntries(
    SQL_STEPS.filter(([, ui]) => flow.steps[ui]).map(([name, ui, pick]) => [
      name,
      pick(within(statements, flow.steps[ui])),
    ]),
  );
}

/** Turns one browser session's statements into a native plan: step -> SQL texts. */
export function replayPlan(flow, data) {
  const plan = [];
  // Names the app registered files under, e.g. '/seglab/file_1.csv', become the real paths.
  const registered = flow.statements
    .filter((s) => s.type.startsWith('REGISTER_FILE') && s.file)
    .map((s) => quote(s.file));
  const pathFor = (name) => quote(/parquet'$/i.test(name) ? data.parquet : data.csv);
  const realPath = (sql) => registered.reduce((t, name) => t.replaceAll(name, pathFor(name)), sql);
  for (const [name, spans] of Object.entries(sqlSteps(flow))) {
    const sqls = [];
    const created = new Set();
    for (const s of spans) {
      if (s.type === 'INSERT_ARROW_FROM_IPC_STREAM') {
        if (!created.has(s.table)) {
          created.add(s.table);
          sqls.push(
            `CREATE TABLE "${s.table}" AS SELECT * FROM read_parquet(${quote(data.parquet)})`,
          );
        }
      } else if (s.sql) {
        sqls.push(realPath(s.sql));
      }
    }
    plan.push({ name, sqls });
  }
  return plan;
}

/** Runs the plan once on a fresh in-memory database; milliseconds per step. */
export async function runNative(plan, { threads } = {}) {
  const t0 = performance.now();
  const db = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const conn = await db.connect();
  const times = { instance: performance.now() - t0 };
  const errors = [];
  try {
    for (const step of plan) {
      const started = performance.now();
      for (const sql of step.sqls) {
        try {
          await conn.runAndReadAll(sql);
        } catch (e) {
          errors.push({ step: step.name, sql: sql.slice(0, 120), message: String(e.message) });
        }
      }
      times[step.name] = performance.now() - started;
    }
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  return { times, errors };
}
