import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES_DIR } from '../../../src/engine/sandbox';
import { csvLoadReport, type CsvLoadReport } from '../../../src/ingest/csv-load-report';
import { csvPreflight } from '../../../src/ingest/csv-preflight';
import { detectEncoding } from '../../../src/ingest/detect-encoding';
import { detectFormat } from '../../../src/ingest/detect-format';
import { LoadError, type LoadErrorCode } from '../../../src/ingest/load-error';
import { inferAmountRule } from '../../../src/ingest/parse-amount';
import { amountRuleToSql } from '../../../src/sql/amount-rule';
import { inferDateRule } from '../../../src/ingest/parse-date';
import { dateRuleToSql } from '../../../src/sql/date-rule';
import { HEAD_BYTES } from '../../../src/ingest/read-bytes';
import { describeCsvErrorMessage } from '../../../src/ingest/csv-error-message';
import { csvRejectsSql, readCsvSql } from '../../../src/sql/read-csv';
import { openWorkbook, readSheet } from '../../../src/ingest/read-excel';
import { rowsToArrowIPC } from '../../../src/ingest/rows-to-arrow';
import { transcodeToUtf8 } from '../../../src/ingest/transcode';
import { ident } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

const DIR = path.join(__dirname, '../../fixtures/bad');
const utc = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min));

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec('CREATE TABLE x (survives INTEGER)');
});
afterAll(() => engine.close());

interface Loaded {
  table: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  columns: string[];
  rowCount: number;
  report: CsvLoadReport | null;
}

let tables = 0;

/** The whole path a file takes in the app: sniff, decode, check, load into DuckDB, report. */
async function load(name: string): Promise<Loaded> {
  const bytes = new Uint8Array(readFileSync(path.join(DIR, name)));
  const table = `t${++tables}`;
  const { format } = await detectFormat(bytes, name);
  let encoding: string | null = null;
  let delimiter: string | null = null;
  let report: CsvLoadReport | null = null;
  if (format === 'xlsx' || format === 'xls' || format === 'ods') {
    const sheet = readSheet(openWorkbook(bytes, name));
    await engine.insertArrowIPC(table, rowsToArrowIPC(sheet.columns, sheet.rows), true);
  } else if (format === 'csv' || format === 'tsv') {
    encoding = detectEncoding(bytes.subarray(0, HEAD_BYTES)).encoding;
    const { data } = await transcodeToUtf8(bytes, encoding, { fileName: name });
    const head = new TextDecoder().decode(data.subarray(0, HEAD_BYTES));
    const checked = csvPreflight(head, name, {
      complete: data.length <= HEAD_BYTES,
      ...(format === 'tsv' ? { delimiter: '\t' as const } : {}),
    });
    delimiter = checked.guess.delimiter;
    const file = FILES_DIR + name;
    await engine.registerFile(file, data);
    try {
      await engine.exec(
        readCsvSql({
          file,
          table,
          delimiter,
          header: checked.hasHeader,
          columnNames: checked.columns.names,
        }),
      );
    } catch (e) {
      throw describeCsvErrorMessage(e, name);
    }
    const count = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
    const rejects = await engine.query(csvRejectsSql(file));
    report = csvLoadReport(name, Number(count.rows[0]?.n), rejects.rows);
  } else {
    throw new Error(`${name}: ${format} is read elsewhere`);
  }
  const { columns } = await engine.query(`SELECT * FROM ${ident(table)} LIMIT 0`);
  const count = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
  return {
    table,
    format,
    encoding,
    delimiter,
    columns: columns.map((c) => c.name),
    rowCount: Number(count.rows[0]?.n),
    report,
  };
}

async function refusal(name: string): Promise<LoadError> {
  const error = await load(name).then(
    () => new Error(`${name} loaded`),
    (e: unknown) => e,
  );
  if (!(error instanceof LoadError)) throw error;
  expect(error.file).toBe(name);
  expect(error.messages.en).toContain(name);
  expect(error.messages.zh).toContain(name);
  expect(error.hint.en.length).toBeGreaterThan(10);
  expect(error.hint.zh.length).toBeGreaterThan(5);
  return error;
}

async function column(table: string, expr: string) {
  const { rows } = await engine.query(`SELECT ${expr} AS v FROM ${ident(table)} ORDER BY rowid`);
  return rows.map((r) => r.v);
}

const REFUSED: [string, LoadErrorCode, number?][] = [
  ['empty.csv', 'empty'],
  ['header-only.csv', 'no-rows'],
  ['binary-junk.csv', 'binary'],
  ['wide-10000-cols.csv', 'too-many-columns'],
  ['html-page.csv', 'html'],
  ['zip-renamed.xlsx', 'zip-not-workbook'],
  ['pdf-renamed.csv', 'pdf'],
  ['png-renamed.csv', 'image'],
  ['unclosed-quote.csv', 'unclosed-quote', 4],
];

const LOADED = [
  'ragged.csv',
  'gbk-declared-utf8.csv',
  'one-mb-line.csv',
  'merged-header.xlsx',
  'two-level-header.xls',
  'html-table.xls',
  'duplicate-columns.csv',
  'hostile-names.csv',
  'late-bad-value.csv',
  'utf16le-bom.csv',
  'gb18030.csv',
  'semicolon.csv',
  'pipe.csv',
  'tab.tsv',
];

describe('bad-input corpus', () => {
  it('covers every file in tests/fixtures/bad', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'README.md');
    expect([...REFUSED.map(([f]) => f), ...LOADED].sort()).toEqual(files.sort());
    const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
    for (const f of files) expect(readme).toContain(f);
  });

  it.each(REFUSED)('refuses %s with %s', async (name, code, row) => {
    const error = await refusal(name);
    expect(error.code).toBe(code);
    if (row !== undefined) expect(error.row).toBe(row);
  });

  it('ragged.csv: loads the 5 fitting rows and names lines 4 and 6', async () => {
    const t = await load('ragged.csv');
    expect(t).toMatchObject({ columns: ['id', 'name', 'amount'], rowCount: 5 });
    expect(t.report?.skippedRows).toBe(2);
    expect(t.report?.rejects.map((r) => r.line)).toEqual([4, 6]);
    expect(t.report?.warning?.en).toContain(
      'line 4 (2 fields instead of 3); line 6 (4 fields instead of 3)',
    );
    expect(await column(t.table, 'name')).toEqual(['Alice', 'Bob', 'Dan', 'Fay', 'Gus']);
  });

  it('gbk-declared-utf8.csv: decodes GBK, then dates and amounts parse', async () => {
    const t = await load('gbk-declared-utf8.csv');
    expect(t).toMatchObject({
      encoding: 'gb18030',
      columns: ['客户ID', '订单日期', '金额'],
      rowCount: 4,
    });
    const dates = (await column(t.table, '订单日期')) as string[];
    const amounts = (await column(t.table, '金额')) as string[];
    expect(amounts).toEqual(['￥1,234.50', '88', '(12.50)', '0']);
    const dateSql = dateRuleToSql(inferDateRule(dates), ident('订单日期'));
    const amountSql = amountRuleToSql(inferAmountRule(amounts), ident('金额'));
    expect(await column(t.table, dateSql)).toEqual([
      utc(2024, 1, 5),
      utc(2024, 1, 6),
      utc(2024, 1, 7),
      utc(2024, 1, 8),
    ]);
    expect(await column(t.table, amountSql)).toEqual([1234.5, 88, -12.5, 0]);
  });

  it('one-mb-line.csv: keeps a 1 MB value whole', async () => {
    const t = await load('one-mb-line.csv');
    expect(t).toMatchObject({ columns: ['id', 'note'], rowCount: 2 });
    expect(await column(t.table, 'length(note)')).toEqual([1_000_000, 5]);
  });

  it('merged-header.xlsx: skips the title, names merged, blank and repeated headers', async () => {
    const t = await load('merged-header.xlsx');
    expect(t.columns).toEqual([
      '客户ID',
      '订单日期',
      '销售额_1',
      '销售额_2',
      'column_5',
      '备注',
      '客户ID_2',
    ]);
    expect(t.rowCount).toBe(3);
    expect(await column(t.table, '订单日期')).toEqual([
      utc(2024, 1, 5),
      utc(2024, 1, 6, 10, 30),
      utc(2024, 2, 29),
    ]);
    expect(await column(t.table, '"销售额_2"')).toEqual([20, 30, -5.25]);
  });

  it('two-level-header.xls and html-table.xls load as sheets', async () => {
    const xls = await load('two-level-header.xls');
    expect(xls).toMatchObject({
      format: 'xls',
      columns: ['客户ID', '订单日期', '销售额_线上', '销售额_线下'],
      rowCount: 2,
    });
    const html = await load('html-table.xls');
    expect(html).toMatchObject({ format: 'xls', columns: ['客户ID', '金额'], rowCount: 2 });
  });

  it('duplicate-columns.csv: repeats and blanks get distinct names', async () => {
    const t = await load('duplicate-columns.csv');
    expect(t).toMatchObject({
      columns: ['id', 'name', 'name_2', 'column_4', 'Amount', 'amount_2'],
      rowCount: 2,
    });
    expect(await column(t.table, 'amount_2')).toEqual([3, 5]);
  });

  it('hostile-names.csv: keeps the names as data and runs nothing', async () => {
    const t = await load('hostile-names.csv');
    expect(t.columns).toEqual([
      'a "quoted" name',
      '"; DROP TABLE x; --',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(await column(t.table, ident('"; DROP TABLE x; --'))).toEqual([2, 5]);
    expect((await engine.query('SELECT count(*) AS n FROM x')).rows).toEqual([{ n: 0 }]);
  });

  it('late-bad-value.csv: reads the column as text when a late value is not a number', async () => {
    const t = await load('late-bad-value.csv');
    expect(t).toMatchObject({ columns: ['id', 'amount'], rowCount: 3000 });
    expect(t.report?.skippedRows).toBe(0);
    const amounts = (await column(t.table, 'amount')) as string[];
    const rule = inferAmountRule(amounts);
    expect(rule).toMatchObject({ parsed: 2999, unparsableCount: 1, unparsable: ['N/A'] });
  });

  it('utf16le-bom.csv and gb18030.csv: decode to the right characters', async () => {
    const u16 = await load('utf16le-bom.csv');
    expect(u16).toMatchObject({
      encoding: 'utf-16le',
      columns: ['客户ID', '订单日期', '金额'],
      rowCount: 2,
    });
    expect(await column(u16.table, '订单日期')).toEqual([utc(2024, 1, 5), utc(2024, 1, 6)]);
    const gb = await load('gb18030.csv');
    expect(gb).toMatchObject({ encoding: 'gb18030', columns: ['客户ID', '客户名称', '金额'] });
    expect(await column(gb.table, '客户名称')).toEqual(['𠮷野家', '张三']);
  });

  it('semicolon.csv: European separators; DuckDB reads the day-first dates itself', async () => {
    const t = await load('semicolon.csv');
    expect(t).toMatchObject({ delimiter: ';', columns: ['id', 'datum', 'betrag'], rowCount: 3 });
    const days = [utc(2024, 1, 13), utc(2024, 1, 25), utc(2024, 2, 5)];
    expect(await column(t.table, 'datum')).toEqual(days);
    const dates = (await column(t.table, 'CAST(datum AS VARCHAR)')) as string[];
    expect(await column(t.table, dateRuleToSql(inferDateRule(dates), 'datum'))).toEqual(days);
    const amounts = (await column(t.table, 'betrag')) as string[];
    const amountRule = inferAmountRule(amounts);
    expect(amountRule.decimal).toBe(',');
    expect(await column(t.table, amountRuleToSql(amountRule, 'betrag'))).toEqual([
      1234.5, 99.9, -5,
    ]);
  });

  it('pipe.csv and tab.tsv: other delimiters', async () => {
    const pipe = await load('pipe.csv');
    expect(pipe).toMatchObject({ delimiter: '|', columns: ['id', 'name', 'amount'], rowCount: 2 });
    const amounts = (await column(pipe.table, 'amount')) as string[];
    expect(await column(pipe.table, amountRuleToSql(inferAmountRule(amounts), 'amount'))).toEqual([
      1000, 2500.75,
    ]);
    const tab = await load('tab.tsv');
    expect(tab).toMatchObject({
      format: 'tsv',
      delimiter: '\t',
      columns: ['id', 'name', 'amount'],
      rowCount: 3,
    });
  });
});
