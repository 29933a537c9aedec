/**
 * Turns measurements into medians and the comparison table (console and Markdown).
 *
 *   node bench/report.mjs [bench/results.json]            # the Markdown tables, per size
 *   node bench/report.mjs --readme [bench/results.json]   # one compact table for docs/performance.md
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sqlSteps } from './native.mjs';
import { totalMs } from './statements.mjs';

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function medians(runs) {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))].filter((k) =>
    runs.some((r) => typeof r[k] === 'number'),
  );
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
}

const span = (s) => (s ? s.end - s.start : null);

/** One browser session's result as flat numbers (ms, or bytes for memory). */
export function flowMetrics(flow) {
  const { steps } = flow;
  const m = {
    ingestCsv: span(steps.ingestCsv),
    engineInIngest: flow.engine?.readyDuringIngest ?? null,
    engineStart: flow.engine?.readyAt ?? null,
    rfm: span(steps.rfm),
    valueLoyalty: span(steps.valueLoyalty),
    chart: steps.chart?.available ? span(steps.chart) : null,
    chartFirstDraw: steps.chart?.firstEnd ? steps.chart.firstEnd - steps.chart.start : null,
    resegValueLoyalty: span(steps.resegValueLoyalty),
    resegValueLoyaltyRun: steps.resegValueLoyalty
      ? steps.resegValueLoyalty.end - steps.resegValueLoyalty.runStart
      : null,
    resegValueLoyaltyChart: steps.resegValueLoyalty?.chartEnd
      ? steps.resegValueLoyalty.chartEnd - steps.resegValueLoyalty.start
      : null,
    // The quadrant panel's counts and the chart's first draw after the edit (JS or DuckDB).
    resegQuadrantCounts: steps.resegValueLoyalty?.quadrantCountsEnd
      ? steps.resegValueLoyalty.quadrantCountsEnd - steps.resegValueLoyalty.start
      : null,
    resegFirstDraw: steps.resegValueLoyalty?.firstDrawEnd
      ? steps.resegValueLoyalty.firstDrawEnd - steps.resegValueLoyalty.start
      : null,
    longestTaskReseg: flow.longestTask?.resegValueLoyalty ?? null,
    resegRfm: span(steps.resegRfm),
    resegRfmRun: steps.resegRfm ? steps.resegRfm.end - steps.resegRfm.runStart : null,
    ingestParquet: span(steps.ingestParquet),
    longestTaskIngestCsv: flow.longestTask?.ingestCsv ?? null,
    longestTaskIngestParquet: flow.longestTask?.ingestParquet ?? null,
    longestTaskSession: flow.longestTask?.session ?? null,
    jsHeapPeak: flow.memory?.jsHeapPeak ?? null,
    rendererPeakRss: flow.memory?.rendererPeakRss ?? null,
    duckdbMemory: steps.duckdbMemory?.bytes ?? null,
  };
  m.ingestCsvAfterEngine =
    m.ingestCsv !== null && m.engineInIngest !== null ? m.ingestCsv - m.engineInIngest : null;
  m.csvToRfm = m.ingestCsv !== null && m.rfm !== null ? m.ingestCsv + m.rfm : null;
  m.csvToQuadrant =
    m.csvToRfm !== null && m.valueLoyalty !== null && m.chart !== null
      ? m.csvToRfm + m.valueLoyalty + m.chart
      : null;
  m.loadToQuadrant =
    m.csvToQuadrant !== null && m.engineStart !== null ? m.engineStart + m.csvToQuadrant : null;
  if (flow.statements) {
    for (const [name, spans] of Object.entries(sqlSteps(flow))) m[`sql.${name}`] = totalMs(spans);
  }
  return m;
}

/** The paused flow's numbers (flows.mjs pausedFlow), under `paused.`. */
export function pausedMetrics(flow) {
  const m = {
    'paused.ingestCsv': span(flow.ingestCsv),
    'paused.idle': span(flow.idle),
    'paused.rfm': span(flow.rfm),
    'paused.valueLoyalty': span(flow.valueLoyalty),
    'paused.chart': flow.chart?.available ? span(flow.chart) : null,
  };
  const parts = [m['paused.rfm'], m['paused.valueLoyalty'], m['paused.chart']];
  m['paused.rfmToQuadrant'] = parts.every((v) => v !== null)
    ? parts.reduce((a, b) => a + b, 0)
    : null;
  return m;
}

/** Native per-step times, with the sums that match the browser's UI steps. */
export function nativeMetrics(times) {
  const t = (k) => times[k] ?? null;
  const sum = (...ks) => (ks.every((k) => t(k) !== null) ? ks.reduce((a, k) => a + t(k), 0) : null);
  return {
    instance: t('instance'),
    ...Object.fromEntries(Object.entries(times).map(([k, v]) => [`sql.${k}`, v])),
    rfm: sum('features', 'rfmSql'),
    csvToRfm: sum('ingestCsv', 'features', 'rfmSql'),
  };
}

/**
 * [label, browser metric, native metric, unit, ratio?]; native null where there is no
 * counterpart. No ratio where the browser number includes work native DuckDB does not do.
 */
const ROWS = [
  [
    'Engine start, first visit: page load → DuckDB ready',
    'fv.engineReady',
    'instance',
    'ms',
    false,
  ],
  [
    "First visit: page load → example notebook's first result (sample data)",
    'fv.exampleResult',
    null,
    'ms',
  ],
  ['First screen: page load → app mounted (interactive)', 'fv.appMounted', null, 'ms'],
  ['First contentful paint', 'fv.firstContentfulPaint', null, 'ms'],
  ['Return visit: page load → DuckDB ready', 'fv.returnEngineReady', null, 'ms'],
  [
    "Return visit: page load → example notebook's first result",
    'fv.returnExampleResult',
    null,
    'ms',
  ],
  ["  DuckDB compiled from V8's code cache (1 = yes; median)", 'fv.returnCodeCache', null, ''],
  [
    'Ingest CSV: file chosen → table listed (engine started with the page)',
    'ingestCsv',
    'sql.ingestCsv',
    'ms',
    false,
  ],
  ['  of which waiting for the engine', 'engineInIngest', null, 'ms'],
  ['  after engine ready', 'ingestCsvAfterEngine', 'sql.ingestCsv', 'ms'],
  ['  SQL in the DuckDB worker', 'sql.ingestCsv', 'sql.ingestCsv', 'ms'],
  ['Features + RFM: "+ RFM" → segment counts shown', 'rfm', 'rfm', 'ms'],
  ['  SQL: input checks + features table', 'sql.features', 'sql.features', 'ms'],
  ['  SQL: RFM + summary + catalog', 'sql.rfmSql', 'sql.rfmSql', 'ms'],
  ['Value × loyalty: "+ preset" → counts shown', 'valueLoyalty', 'sql.valueLoyalty', 'ms'],
  ['Quadrant chart: tab opened → chart drawn', 'chart', null, 'ms'],
  ['  tab opened → first rows drawn', 'chartFirstDraw', null, 'ms'],
  [
    'CSV chosen → quadrant drawn (ingest + RFM + V×L + chart)',
    'csvToQuadrant',
    'csvToRfm',
    'ms',
    false,
  ],
  [
    'Page load → quadrant drawn, file chosen at once (engine start + the above)',
    'loadToQuadrant',
    null,
    'ms',
  ],
  [
    'Re-segment V×L (split median → mean): edit → counts',
    'resegValueLoyalty',
    'sql.resegValueLoyalty',
    'ms',
  ],
  [
    '  run only (from the cell starting to run)',
    'resegValueLoyaltyRun',
    'sql.resegValueLoyalty',
    'ms',
  ],
  ['  edit → quadrant redrawn', 'resegValueLoyaltyChart', null, 'ms'],
  ['  edit → quadrant panel counts', 'resegQuadrantCounts', 'sql.resegValueLoyalty', 'ms'],
  ['  edit → first chart draw', 'resegFirstDraw', null, 'ms'],
  ['  longest main-thread task', 'longestTaskReseg', null, 'ms'],
  ['Re-segment RFM (recency bins 5 → 3): edit → counts', 'resegRfm', 'sql.resegRfm', 'ms'],
  ['  run only (after the 150 ms pause for typing)', 'resegRfmRun', 'sql.resegRfm', 'ms'],
  ['Ingest Parquet: file chosen → table listed', 'ingestParquet', 'sql.ingestParquet', 'ms'],
  ['CSV chosen → RFM counts (ingest + RFM)', 'csvToRfm', 'csvToRfm', 'ms', false],
  [
    "Analyst's pause: table listed → DuckDB idle (features built, checks run)",
    'paused.idle',
    null,
    'ms',
  ],
  ['  then "+ RFM" → segment counts shown', 'paused.rfm', null, 'ms'],
  ['  then "+ RFM" → quadrant drawn (RFM + V×L + chart)', 'paused.rfmToQuadrant', null, 'ms'],
  ['Longest main-thread task during CSV ingest', 'longestTaskIngestCsv', null, 'ms'],
  ['Longest main-thread task during Parquet ingest', 'longestTaskIngestParquet', null, 'ms'],
  ['Longest main-thread task, whole session', 'longestTaskSession', null, 'ms'],
  ['Peak JS heap, page main thread', 'jsHeapPeak', null, 'bytes'],
  ['Peak renderer RSS (page + DuckDB worker + WASM)', 'rendererPeakRss', null, 'bytes'],
  ['DuckDB memory at the end (duckdb_memory())', 'duckdbMemory', null, 'bytes'],
];

function format(value, unit) {
  if (value === null || value === undefined) return '–';
  if (unit === 'bytes') return `${(value / 1048576).toFixed(0)} MB`;
  if (unit === '') return String(value);
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

/** Table rows for one size: label, isolated, single, native, native 1 thread, two ratios. */
export function tableRows(sizeResult, firstVisit = sizeResult.firstVisit) {
  const pick = (mode, key) => {
    if (key.startsWith('fv.')) return firstVisit?.[mode]?.median?.[key.slice(3)] ?? null;
    return sizeResult.browser[mode]?.median?.[key] ?? null;
  };
  const native = (threads, key) =>
    key ? (sizeResult.native[threads]?.median?.[key] ?? null) : null;
  const ratio = (a, b) => (a !== null && b ? `${(a / b).toFixed(1)}×` : '–');
  return ROWS.map(([label, key, nativeKey, unit, withRatio = true]) => {
    const iso = pick('isolated', key);
    const single = pick('single', key);
    const n = native('default', nativeKey);
    const unavailable = /chart|Quadrant/.test(key) && iso === null && single === null;
    return [
      label,
      unavailable ? 'not yet available' : format(iso, unit),
      unavailable ? 'not yet available' : format(single, unit),
      format(n, unit),
      format(native('one', nativeKey), unit),
      withRatio ? ratio(iso, n) : '–',
      withRatio ? ratio(single, n) : '–',
    ];
  });
}

const HEADER = [
  'step',
  'browser isolated (threads)',
  'browser single-thread',
  'native DuckDB',
  'native, 1 thread',
  'ratio isolated',
  'ratio single',
];

export function markdownTable(rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)].join('\n');
}

export function consoleTable(rows) {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  return all.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

export function markdownReport(results) {
  const out = [];
  for (const [label, size] of Object.entries(results.sizes)) {
    const d = size.data;
    out.push(
      `**${label}**: ${d.rows.toLocaleString('en')} orders, ${d.customers.toLocaleString('en')} customers, ` +
        `CSV ${(d.csvBytes / 1048576).toFixed(0)} MB, Parquet ${(d.parquetBytes / 1048576).toFixed(0)} MB; ` +
        `load average ${size.loadAverage.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min, after)`,
      '',
      markdownTable(tableRows(size, size.firstVisit ?? results.firstVisit)),
      '',
    );
    for (const [mode, b] of Object.entries(size.browser)) {
      if (b.failures.length > 0) {
        out.push(
          `Failures (${mode}): ${b.failures.map((f) => `${f.step}: ${f.message}`).join('; ')}`,
          '',
        );
      }
    }
  }
  return out.join('\n');
}

/** [label, browser metric, native metric, unit] for the one compact table in docs/performance.md. */
const README_ROWS = [
  ['Engine start, first visit (page load → DuckDB ready)', 'fv.engineReady', null, 'ms'],
  ["First visit → example notebook's first result", 'fv.exampleResult', null, 'ms'],
  ['Engine start, return visit (page load → DuckDB ready)', 'fv.returnEngineReady', null, 'ms'],
  ["Return visit → example notebook's first result", 'fv.returnExampleResult', null, 'ms'],
  ['First screen interactive (page load → app mounted)', 'fv.appMounted', null, 'ms'],
  ['Ingest CSV (file chosen → table listed)', 'ingestCsv', null, 'ms'],
  ['  SQL of the ingest', 'sql.ingestCsv', 'sql.ingestCsv', 'ms'],
  ['Features + RFM ("+ RFM" → counts)', 'rfm', 'rfm', 'ms'],
  ['Value × loyalty ("+ preset" → counts)', 'valueLoyalty', 'sql.valueLoyalty', 'ms'],
  ['Quadrant chart (tab → drawn)', 'chart', null, 'ms'],
  ['CSV chosen → quadrant drawn (sum of steps)', 'csvToQuadrant', 'csvToRfm', 'ms'],
  ['Page load → quadrant drawn, file chosen at once', 'loadToQuadrant', null, 'ms'],
  ['After a pause: "+ RFM" → quadrant drawn', 'paused.rfmToQuadrant', null, 'ms'],
  ['Threshold change (V×L split) → counts', 'resegValueLoyalty', 'sql.resegValueLoyalty', 'ms'],
  ['↳ → quadrant redrawn', 'resegValueLoyaltyChart', null, 'ms'],
  ['Ingest Parquet (file chosen → table listed)', 'ingestParquet', 'sql.ingestParquet', 'ms'],
  [
    'Longest main-thread task, CSV / Parquet ingest',
    'longestTaskIngestCsv',
    'longestTaskIngestParquet',
    'ms',
  ],
  ['Peak renderer RSS (page + worker + WASM)', 'rendererPeakRss', null, 'bytes'],
];

/**
 * One table for docs/performance.md: per size, "isolated · single · native" medians (for the longest-task
 * row: "CSV / Parquet" per mode).
 */
export function readmeTable(results) {
  const sizes = Object.entries(results.sizes);
  // A --merge keeps sizes measured on other days: each column says when.
  const head = [
    'step',
    ...sizes.map(
      ([label, s]) => `${label} (${s.runs ?? '?'} runs, ${s.measuredAt?.slice(0, 10) ?? '?'})`,
    ),
  ];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const rows = README_ROWS.map(([label, key, nativeKey, unit]) => [
    label.replace(/^ {2}/, '↳ '),
    ...sizes.map(([, size]) => {
      const fv = size.firstVisit ?? results.firstVisit;
      const get = (mode, k) =>
        k.startsWith('fv.')
          ? (fv?.[mode]?.median?.[k.slice(3)] ?? null)
          : (size.browser[mode]?.median?.[k] ?? null);
      const failed = (mode) => size.browser[mode]?.failures?.length > 0;
      const cell = (mode) =>
        failed(mode) && !key.startsWith('fv.') ? 'failed' : format(get(mode, key), unit);
      if (key === 'longestTaskIngestCsv') {
        const pair = (mode) =>
          failed(mode) ? 'failed' : `${cell(mode)} / ${format(get(mode, nativeKey), unit)}`;
        return `${pair('isolated')} · ${pair('single')}`;
      }
      const native = nativeKey ? format(size.native.default?.median?.[nativeKey], unit) : '–';
      return `${cell('isolated')} · ${cell('single')} · ${native}`;
    }),
  ]);
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--')) ?? new URL('./results.json', import.meta.url);
  const results = JSON.parse(readFileSync(file, 'utf8'));
  console.log(args.includes('--readme') ? readmeTable(results) : markdownReport(results));
}
