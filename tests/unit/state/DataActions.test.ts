import { readFileSync } from 'node:fs';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types';
import type { MemoryEnvironment } from '../../../src/ingest/memory-estimate';
import { CatalogState } from '../../../src/state/CatalogState.svelte';
import { CleaningState } from '../../../src/state/CleaningState.svelte';
import {
  DataActions,
  type NoticeAction,
  type NoticeKind,
} from '../../../src/state/DataActions.svelte';
import { EngineState } from '../../../src/state/EngineState.svelte';
import { FeaturesState } from '../../../src/state/FeaturesState.svelte';
import { LangState } from '../../../src/state/LangState.svelte';
import { NotebookState } from '../../../src/state/NotebookState.svelte';
import { QualityState } from '../../../src/state/QualityState.svelte';
import { NodeEngine } from '../../support/node-engine';

const DIR = path.join(__dirname, '../../fixtures/bad');
const fixture = (name: string) => ({
  name,
  data: new Uint8Array(readFileSync(path.join(DIR, name))),
});
const csv = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) });

interface Notice {
  kind: NoticeKind;
  text: string;
  action?: NoticeAction;
}

/** The loading side of the Workspace, wired as the app wires it, on real DuckDB-WASM. */
function setup(memory?: () => MemoryEnvironment) {
  const engines: NodeEngine[] = [];
  const engine = new EngineState(async () => {
    const e = await NodeEngine.start();
    engines.push(e);
    return Object.assign(e, { terminate: async () => e.close() });
  });
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: (engine: Engine) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => work(await engine.get()));
    queue = run.catch(() => {});
    return run;
  };
  const lang = new LangState(null, ['en']);
  const notebook = new NotebookState(null);
  const features = new FeaturesState(notebook);
  const catalog = new CatalogState();
  const notices: Notice[] = [];
  let runs = 0;
  const quality = new QualityState({
    notebook,
    features,
    catalog,
    lang,
    background: exclusive,
    today: () => '2024-12-31',
  });
  const cleaning = new CleaningState({
    notebook,
    catalog,
    lang,
    exclusive,
    notifyError: (text) => notices.push({ kind: 'error', text }),
    changed: async (table) => {
      await quality.check(table);
      runs++;
    },
  });
  const data = new DataActions({
    notebook,
    features,
    catalog,
    lang,
    engine,
    cleaning,
    quality,
    exclusive,
    notify: (kind, text, action) => notices.push({ kind, text, ...(action ? { action } : {}) }),
    fetchFile: async () => new Uint8Array(),
    runner: {
      tablesChanged: () => features.invalidate(),
      prebuild: () => features.prebuild(),
      runAll: async () => {
        runs++;
      },
    },
    ...(memory ? { memory } : {}),
  });
  const query = async (sql: string) => (await exclusive((e) => e.query(sql))).rows;
  const close = () => engines.forEach((e) => e.close());
  cleanups.push(close);
  return {
    data,
    catalog,
    notebook,
    features,
    quality,
    cleaning,
    engine,
    engines,
    notices,
    query,
    exclusive,
    runs: () => runs,
    names: () => catalog.tables.map((t) => t.name),
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
});

const errors = (notices: Notice[]) => notices.filter((n) => n.kind === 'error').map((n) => n.text);

describe('DataActions', () => {
  it('loads several files in a row; each failure names its file; tables and results stay', async () => {
    const s = setup();
    await s.exclusive((e) => e.exec('CREATE TABLE __seglab_cell_c1 AS SELECT 42 AS answer'));
    await s.data.loadFiles([fixture('gbk-declared-utf8.csv')]);
    await s.data.loadFiles([
      fixture('html-page.csv'),
      fixture('binary-junk.csv'),
      fixture('empty.csv'),
      fixture('zip-renamed.xlsx'),
      fixture('hostile-names.csv'),
    ]);
    expect(s.names()).toEqual(['gbk_declared_utf8', 'hostile_names']);
    const failed = errors(s.notices);
    expect(failed).toHaveLength(4);
    for (const [i, file] of [
      'html-page.csv',
      'binary-junk.csv',
      'empty.csv',
      'zip-renamed.xlsx',
    ].entries()) {
      expect(failed[i]).toContain(`"${file}"`);
    }
    expect(failed[3]).toContain('data/orders.csv');
    expect(await s.query('SELECT * FROM __seglab_cell_c1')).toEqual([{ answer: 42 }]);
    expect(await s.query('SELECT count(*) AS n FROM gbk_declared_utf8')).toEqual([{ n: 4 }]);
    expect(s.notebook.notebook.tables.map((t) => [t.table, t.fileName])).toEqual([
      ['gbk_declared_utf8', 'gbk-declared-utf8.csv'],
      ['hostile_names', 'hostile-names.csv'],
    ]);
    expect(
      s.catalog.tables.find((t) => t.name === 'hostile_names')?.columns.map((c) => c.name),
    ).toEqual(['a "quoted" name', '"; DROP TABLE x; --', '<img src=x onerror=alert(1)>']);
  });

  it('asks which sheet to load, remembers it, and switches sheet from the kept file', async () => {
    const s = setup();
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet([['note'], ['from the ERP']]), 'Info');
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([
        ['id', 'amount'],
        ['C1', 5],
        ['C2', 7],
        ['C3', 9],
      ]),
      'Orders',
    );
    const data = new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const loading = s.data.loadFiles([{ name: 'export.xlsx', data }]);
    await expect.poll(() => s.data.sheets.request).not.toBeNull();
    expect(s.data.sheets.request).toMatchObject({ fileName: 'export.xlsx', suggested: 'Info' });
    s.data.sheets.answer('Orders');
    await loading;
    expect(await s.query('SELECT sum(amount) AS s FROM export')).toEqual([{ s: 21 }]);
    expect(s.notebook.notebook.tables[0]?.choices).toEqual({ sheet: 'Orders' });
    expect(s.data.info.export?.sheets?.map((x) => x.name)).toEqual(['Info', 'Orders']);
    expect(await s.data.reload('export', { sheet: 'Info' })).toBe(true);
    expect(await s.query('SELECT * FROM export')).toEqual([{ note: 'from the ERP' }]);
    expect(s.data.sheets.request).toBeNull();
  });

  it('reads a table again with another encoding; a failed read leaves the table as it was', async () => {
    const s = setup();
    await s.data.loadFiles([fixture('gbk-declared-utf8.csv')]);
    expect(s.data.info.gbk_declared_utf8).toMatchObject({
      encoding: 'gb18030',
      detectedEncoding: 'gb18030',
    });
    expect(await s.data.reload('gbk_declared_utf8', { encoding: 'utf-8' })).toBe(false);
    const error = s.notices.find((n) => n.kind === 'error')!;
    expect(error.text).toContain('"gbk-declared-utf8.csv" on line 2');
    expect(
      await s.query('SELECT "客户ID" AS id FROM gbk_declared_utf8 ORDER BY 1 LIMIT 1'),
    ).toEqual([{ id: 'C001' }]);
    expect(error.action?.label).toBe('Read as GB18030');
    error.action!.run();
    await expect
      .poll(() => s.notebook.notebook.tables[0]?.choices)
      .toEqual({ encoding: 'gb18030' });
  });

  it('reads a table again with read options; roles keep their column; the choices are kept', async () => {
    const s = setup();
    const text = 'cust;day;amount;note\nC1;2024-01-05;"1.234,50";a\nC2;2024-02-01;7,25;b\n';
    await s.data.loadFiles([csv('orders.csv', text)]);
    expect(s.data.info.orders?.read).toMatchObject({ delimiter: ';', header: true });
    s.features.setKind('orders', 'orders', ['cust', 'day', 'amount', 'note']);
    s.features.setRole('orders', 'customerId', 'cust');
    s.features.setRole('orders', 'amount', 'amount');
    s.features.setRole('orders', 'orderDate', 'day');
    s.features.setRole('orders', 'category', 'note');
    const mapped = { customerId: 'cust', orderDate: 'day', amount: 'amount', category: 'note' };
    expect(s.features.mappingOf('orders')?.columns).toMatchObject(mapped);

    expect(await s.data.reread('orders', { delimiter: ';', decimalComma: true })).toBe(true);
    expect(await s.query('SELECT sum(amount)::DOUBLE AS s FROM orders')).toEqual([{ s: 1241.75 }]);
    expect(s.features.mappingOf('orders')?.columns).toEqual(mapped);
    expect(s.notebook.notebook.tables[0]?.choices).toEqual({ delimiter: ';', decimalComma: true });

    // Read without a header line, every column is new: the roles are guessed again, and no
    // role points at a column that is gone.
    expect(await s.data.reread('orders', { delimiter: ';', header: false })).toBe(true);
    expect(s.data.info.orders?.read).toMatchObject({ header: false, decimalComma: false });
    expect(await s.query('SELECT count(*)::INTEGER AS n FROM orders')).toEqual([{ n: 3 }]);
    const columns = ['column_1', 'column_2', 'column_3', 'column_4'];
    const roles = Object.values(s.features.mappingOf('orders')?.columns ?? {});
    expect(roles.every((c) => columns.includes(c!))).toBe(true);
    expect(s.features.mappingOf('orders')?.kind).toBe('orders');

    // A reload (engine restart, notebook reopened) reads the file the way it was chosen.
    expect(await s.data.reload('orders', {})).toBe(true);
    expect(await s.query('SELECT count(*)::INTEGER AS n FROM orders')).toEqual([{ n: 3 }]);
    expect(s.notebook.notebook.tables[0]?.choices).toEqual({ delimiter: ';', header: false });
  });

  it('finds numbers and dates stored as text in every column of a workbook, never in ids', async () => {
    const s = setup();
    // An Online-Retail-like export whose every cell is text; cancelled invoices (C...) only come
    // after the first 1,000 rows, past the sample the suggestions are guessed from.
    const header = ['Invoice', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'];
    const rows = Array.from({ length: 1200 }, (_, i) => [
      i >= 1100 ? `C${536000 + i}` : String(536000 + i),
      String(85000 + (i % 50)),
      String(i >= 1100 ? -((i % 5) + 1) : (i % 12) + 1),
      `2024-01-${String((i % 28) + 1).padStart(2, '0')} 08:${String(i % 60).padStart(2, '0')}`,
      (((i * 37) % 1000) / 100 + 0.5).toFixed(2),
      String(17000 + (i % 300)),
    ]);
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet([header, ...rows]), 'Data');
    const data = new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    await s.data.loadFiles([{ name: 'retail.xlsx', data }]);
    const types = await s.query(
      "SELECT DISTINCT data_type AS t FROM duckdb_columns() WHERE table_name = 'retail'",
    );
    expect(types).toEqual([{ t: 'VARCHAR' }]);

    const suggested = s.data.suggestions.retail ?? [];
    expect(suggested.map((x) => x.column).sort()).toEqual(['InvoiceDate', 'Quantity', 'UnitPrice']);
    expect(suggested.every((x) => x.misfits === 0)).toBe(true);

    expect(
      await s.data.convertAll(
        'retail',
        suggested.map((x) => ({ column: x.column, rule: x.rule })),
      ),
    ).toBe(true);
    expect(s.data.suggestions.retail).toEqual([]);
    expect(s.cleaning.stepsOf('retail')).toHaveLength(3);
    const expected = rows.reduce((sum, r) => sum + Number(r[2]) * Number(r[4]), 0);
    const [got] = await s.query(
      `SELECT sum("Quantity" * "UnitPrice")::DOUBLE AS v, count(*)::INTEGER AS n,
         count(*) FILTER (WHERE "Invoice" LIKE 'C%')::INTEGER AS cancelled,
         min("InvoiceDate")::VARCHAR AS first FROM retail`,
    );
    expect(got!.v).toBeCloseTo(expected, 6);
    expect(got).toMatchObject({ n: 1200, cancelled: 100, first: '2024-01-01 08:00:00' });
  });

  it('suggests parse rules; converting keeps the original as __raw; undoing brings it back', async () => {
    const s = setup();
    await s.data.loadFiles([fixture('gbk-declared-utf8.csv')]);
    const table = 'gbk_declared_utf8';
    const suggestions = s.data.suggestions[table]!;
    expect(suggestions.map((x) => [x.column, x.rule.to, x.total, x.misfits])).toEqual([
      ['订单日期', 'date', 4, 0],
      ['金额', 'amount', 4, 0],
    ]);
    const amount = suggestions[1]!;
    expect(await s.data.convert(table, '金额', amount.rule)).toBe(true);
    expect(s.data.suggestions[table]!.map((x) => x.column)).toEqual(['订单日期']);
    expect(s.names()).toEqual([table, `${table}__raw`]);
    expect(s.cleaning.isRaw(`${table}__raw`)).toBe(true);
    expect(await s.query(`SELECT "金额" AS v FROM ${table}`)).toEqual([
      { v: 1234.5 },
      { v: 88 },
      { v: -12.5 },
      { v: 0 },
    ]);
    expect(s.cleaning.sqlOf(table)).toContain(`FROM "${table}__raw"`);
    await expect.poll(() => s.runs()).toBe(1);
    const [step] = s.cleaning.stepsOf(table);
    expect(await s.cleaning.undo(table, step!.id)).toBe(true);
    expect(s.names()).toEqual([table]);
    expect(await s.query(`SELECT "金额" AS v FROM ${table} LIMIT 1`)).toEqual([
      { v: '￥1,234.50' },
    ]);
    expect(s.notebook.notebook.tables[0]?.steps).toBeUndefined();
  });

  it('reports data quality after loading, applies a fix as a step and undoes it', async () => {
    const s = setup();
    await s.data.loadFiles([
      csv(
        'orders.csv',
        'order_id,customer_id,order_date,amount\nO1,A,2024-01-05,100\nO2,A,2024-01-06,-40\nO3,B,2024-01-07,60\nO3,B,2024-01-07,60\n',
      ),
    ]);
    expect(s.features.mappingOf('orders')?.kind).toBe('orders');
    await expect.poll(() => s.quality.reports.orders).toBeDefined();
    const report = s.quality.reports.orders!;
    expect(report.findings.map((f) => [f.id, f.count])).toEqual([
      ['duplicate-rows', 1],
      ['negative-amount', 1],
      ['duplicate-key', 1],
    ]);
    const dupes = report.findings[0]!;
    expect(await s.cleaning.apply('orders', dupes.fixes[0]!)).toBe(true);
    expect(await s.query('SELECT count(*) AS n FROM orders')).toEqual([{ n: 3 }]);
    await expect
      .poll(() => s.quality.reports.orders!.findings.map((f) => f.id))
      .toEqual(['negative-amount']);
    const net = s.quality.reports.orders!.findings[0]!.fixes[0]!;
    expect(net.kind).toBe('net-refunds');
    expect(await s.cleaning.apply('orders', net)).toBe(true);
    // A bought 100 and got 40 back: one order of 60 remains.
    expect(await s.query('SELECT order_id, amount FROM orders')).toEqual([
      { order_id: 'O1', amount: 60 },
      { order_id: 'O3', amount: 60 },
    ]);
    for (const step of [...s.cleaning.stepsOf('orders')].reverse()) {
      await s.cleaning.undo('orders', step.id);
    }
    expect(await s.query('SELECT count(*) AS n FROM orders')).toEqual([{ n: 4 }]);
    expect(s.names()).toEqual(['orders']);
  });

  it('refuses a file that cannot fit before reading it', async () => {
    const s = setup(() => ({ deviceMemoryGb: 1 }));
    await s.data.loadFiles([fixture('tab.tsv')]);
    expect(s.names()).toEqual([]);
    expect(errors(s.notices)).toEqual([
      expect.stringMatching(
        /^"tab\.tsv" \(\d+ B\) would need about .* of database memory, but only about 0 B is left/,
      ),
    ]);
    expect(s.data.loads).toEqual([]);
  });

  it('after running out of memory: restarts DuckDB, reloads the other tables with their steps, re-runs', async () => {
    const s = setup();
    await s.data.loadFiles([csv('small.csv', 'id,v\n1,a\n2,b\n2,b\n')]);
    await s.cleaning.apply('small', { kind: 'dedupe-rows' });
    await expect.poll(() => s.runs()).toBe(1);
    await s.exclusive((e) => e.exec("SET memory_limit = '2MB'"));
    const big = ['id,text'];
    for (let i = 0; i < 100_000; i++) big.push(`${i},${'x'.repeat(60)}${i}`);
    await s.data.loadFiles([csv('big.csv', big.join('\n'))]);
    expect(s.engines).toHaveLength(2);
    expect(s.engine.restarts).toBe(1);
    expect(errors(s.notices)[0]).toBe(
      '"big.csv" ran out of memory while loading. Save it as Parquet, or keep only the columns and period you need, then load it again.',
    );
    expect(s.notices.filter((n) => n.kind === 'warning').map((n) => n.text)).toContain(
      'DuckDB ran out of memory and was restarted: 1 table(s) were loaded again from their files, and the notebook was run again.',
    );
    expect(s.names()).toEqual(['small', 'small__raw']);
    expect(await s.query('SELECT count(*) AS n FROM small')).toEqual([{ n: 2 }]);
    expect(s.notebook.notebook.tables.map((t) => t.table)).toEqual(['small']);
    expect(s.runs()).toBe(2);
  });
});
