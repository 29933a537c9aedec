import { readFileSync } from 'node:fs';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../../src/ingest/load-file';
import { prepareFile, prepareOrChoose } from '../../../src/ingest/prepare-file';
import { LoadError } from '../../../src/ingest/load-error';
import { ident } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

const CDNOW = path.join(__dirname, '../../fixtures/cdnow');
const fixture = (name: string) => ({
  name,
  data: new Uint8Array(readFileSync(path.join(CDNOW, name))),
});
const bytes = (text: string) => new TextEncoder().encode(text);

/** The file read the plain way, to check DuckDB against: fields split on runs of whitespace. */
function plainParse(name: string, headerLines: number, idField: number, dollarField: number) {
  const lines = readFileSync(path.join(CDNOW, name), 'latin1')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(headerLines)
    .map((l) => l.trim().split(/\s+/));
  return {
    rows: lines.length,
    customers: new Set(lines.map((f) => f[idField])).size,
    dollars: lines.reduce((sum, f) => sum + Number(f[dollarField]), 0),
  };
}

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function totals(table: string, id: string, dollars: string) {
  const { rows } = await engine.query(
    `SELECT count(*)::INTEGER AS n, count(DISTINCT ${ident(id)})::INTEGER AS customers,
       sum(${ident(dollars)})::DOUBLE AS dollars FROM ${ident(table)}`,
  );
  return rows[0]!;
}

describe('prepareFile: whitespace-separated and headerless text', () => {
  it('reads CDNOW_master (leading space, runs of spaces, CRLF) as four typed columns', async () => {
    const expected = plainParse('CDNOW_master.txt', 1, 0, 3);
    expect(expected.rows).toBe(69_659);
    expect(expected.customers).toBe(23_570);
    const loaded = await loadFile(engine, fixture('CDNOW_master.txt'), 'master');
    expect(loaded.read).toMatchObject({ delimiter: 'whitespace', header: true, skip: 0 });
    expect(loaded.columns).toEqual([
      { name: 'customer_id', type: 'VARCHAR' },
      { name: 'date', type: 'BIGINT' },
      { name: 'number_of_cds', type: 'BIGINT' },
      { name: 'dollar_value', type: 'DOUBLE' },
    ]);
    expect(loaded.skippedRows).toBe(0);
    const got = await totals('master', 'customer_id', 'dollar_value');
    expect(got.n).toBe(expected.rows);
    expect(got.customers).toBe(expected.customers);
    expect(Number(got.dollars)).toBeCloseTo(expected.dollars, 4);
    // Zero-padded ids stay as written.
    const first = await engine.query('SELECT customer_id FROM master LIMIT 1');
    expect(first.rows[0]!.customer_id).toBe('00001');
  });

  it('reads CDNOW_sample (no header line) without losing its first row', async () => {
    const expected = plainParse('CDNOW_sample.txt', 0, 0, 4);
    expect(expected.rows).toBe(6_919);
    expect(expected.customers).toBe(2_357);
    const loaded = await loadFile(engine, fixture('CDNOW_sample.txt'), 'sample');
    expect(loaded.read).toMatchObject({ delimiter: 'whitespace', header: false });
    expect(loaded.columns.map((c) => c.name)).toEqual([
      'column_1',
      'column_2',
      'column_3',
      'column_4',
      'column_5',
    ]);
    const got = await totals('sample', 'column_1', 'column_5');
    expect(got.n).toBe(expected.rows);
    expect(got.customers).toBe(expected.customers);
    expect(Number(got.dollars)).toBeCloseTo(expected.dollars, 4);
  });

  it('leaves a one-column file of names with spaces alone', async () => {
    const prepared = await prepareFile({ name: 'n.csv', data: bytes('name\nAnn Lee\nBo Li\n') });
    expect(prepared).toMatchObject({ kind: 'csv', read: { delimiter: ',', header: true } });
  });
});

describe('prepareFile: read options', () => {
  const report = 'Sales report 2024\nexported by ERP\nid;amount\n1;"1.234,50"\n2;7,25\n';

  it('skips title lines and reads a decimal comma', async () => {
    const loaded = await loadFile(engine, { name: 'r.csv', data: bytes(report) }, 'report', {
      skip: 2,
      delimiter: ';',
      decimalComma: true,
    });
    expect(loaded.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'amount', type: 'DOUBLE' },
    ]);
    const { rows } = await engine.query('SELECT sum(amount)::DOUBLE AS s FROM report');
    expect(rows[0]!.s).toBeCloseTo(1241.75, 6);
  });

  it('takes the header and quote character the user chose', async () => {
    const text = "1|'a|b'|3\n2|'c'|4\n";
    const loaded = await loadFile(engine, { name: 'q.txt', data: bytes(text) }, 'quoted', {
      header: false,
      quote: "'",
    });
    expect(loaded.rowCount).toBe(2);
    expect(loaded.read).toMatchObject({ delimiter: '|', header: false, quote: "'" });
    const { rows } = await engine.query('SELECT column_2 AS v FROM quoted ORDER BY 1');
    expect(rows.map((r) => r.v)).toEqual(['a|b', 'c']);
  });

  it('reads a whitespace file the user marked as such, header forced off', async () => {
    const loaded = await loadFile(
      engine,
      { name: 'w.txt', data: bytes('a b\n1 2\n3  4\n') },
      'spaced',
      { delimiter: 'whitespace', header: false },
    );
    expect(loaded.rowCount).toBe(3);
    expect(loaded.columns.map((c) => c.name)).toEqual(['column_1', 'column_2']);
  });

  it('refuses a decimal comma with the comma as delimiter, saying what to choose', async () => {
    const error = await prepareFile(
      { name: 'c.csv', data: bytes('a,b\n1,2\n') },
      { delimiter: ',', decimalComma: true },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toMatch(/c\.csv.*decimal/);
  });

  it('names the true line of a quote that never closes, lines skipped or not', async () => {
    const file = { name: 'q.csv', data: bytes('title\nid,note\n1,"open\n2,x\n') };
    const error = await prepareFile(file, { skip: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).row).toBe(3);
  });
});

describe('prepareOrChoose: the caller picks the sheet', () => {
  const workbook = (sheets: Record<string, (string | number)[][]>) => {
    const book = utils.book_new();
    for (const [name, rows] of Object.entries(sheets)) {
      utils.book_append_sheet(book, utils.aoa_to_sheet(rows), name);
    }
    const data = new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    return { name: 'book.xlsx', data };
  };
  const orders = [['id', 'amount'], ...Array.from({ length: 4 }, (_, i) => [`C${i}`, i * 10])];

  it('returns the sheets of a workbook with several, asks nothing, and reads the one chosen', async () => {
    const file = workbook({ Info: [['note'], ['exported']], 'Orders 2024': orders, Empty: [] });
    const choice = await prepareOrChoose(file);
    if (choice.kind !== 'choose-sheet') throw new Error(`expected a choice, got ${choice.kind}`);
    expect(choice.sheets.map((s) => [s.name, s.rows])).toEqual([
      ['Info', 2],
      ['Orders 2024', 5],
      ['Empty', 0],
    ]);
    expect(choice.suggested).toBe('Info');
    const read = await choice.read('Orders 2024');
    expect(read).toMatchObject({ kind: 'sheet', sheet: 'Orders 2024', fileName: 'book.xlsx' });
    expect(read?.table.rowCount).toBe(4);

    const cancelled = await prepareOrChoose(file);
    if (cancelled.kind !== 'choose-sheet') throw new Error('expected a choice');
    expect(await cancelled.read(null)).toBeNull();
  });

  it('reads a workbook with one sheet of data, or with the sheet given, without a choice', async () => {
    const single = await prepareOrChoose(workbook({ Orders: orders, Empty: [] }));
    expect(single).toMatchObject({ kind: 'sheet', sheet: 'Orders' });
    const file = workbook({ Info: [['note'], ['exported']], Orders: orders });
    expect(await prepareOrChoose(file, { sheet: 'Orders' })).toMatchObject({
      kind: 'sheet',
      sheet: 'Orders',
    });
  });
});
