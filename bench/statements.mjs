/**
 * Statement timings from the DuckDB worker's message log (page-probe.mjs). The app serialises
 * all DuckDB work on one connection, so a statement runs from the message that starts it
 * (RUN_QUERY, START_PENDING_QUERY, an Arrow insert, a file registration) to the last reply
 * before the next one starts; polls and result fetches in between belong to it.
 */

const CONTINUATIONS = new Set([
  'POLL_PENDING_QUERY',
  'FETCH_QUERY_RESULTS',
  'CANCEL_PENDING_QUERY',
]);

/** @returns {{ type: string, sql?: string, table?: string, file?: string, start: number, end: number }[]} */
export function statementSpans(log) {
  const spans = [];
  let current = null;
  for (const m of log) {
    if (m.dir === 'out' && !CONTINUATIONS.has(m.type)) {
      current = { type: m.type, start: m.t, end: m.t };
      for (const key of ['sql', 'table', 'file', 'bytes'])
        if (m[key] !== undefined) current[key] = m[key];
      spans.push(current);
    } else if (m.dir === 'in' && current) {
      current.end = m.t;
    }
  }
  return spans;
}

/** Statements that started inside [start, end] of a step. */
export function within(spans, step) {
  return spans.filter((s) => s.start >= step.start && s.start <= step.end);
}

/** The SQL that builds the per-customer features table (src/sql/features.ts, analysis-date.ts). */
export function isFeaturesSql(sql) {
  return /^CREATE OR REPLACE TABLE "customer_features"/.test(sql) || /\bAS as_of FROM\b/.test(sql);
}

export const totalMs = (spans) => spans.reduce((sum, s) => sum + (s.end - s.start), 0);
