import { readFileSync } from 'node:fs';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadError, type LoadErrorCode } from '../../../src/ingest/load-error';
import { LoadCancelled, loadFile } from '../../../src/ingest/load-file';
import { ident } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

const DIR = path.join(__dirname, '../../fixtures/bad');
const fixture = (name: string) => ({
  name,
  data: new Uint8Array(readFileSync(path.join(DIR, name))),
});
const bytes = (text: string) => new TextEncoder().encode(text);

let engine: NodeEngine;
let n = 0;
const next = () => `t${++n}`;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec('CREATE TABLE x (survives INTEGER); INSERT INTO x VALUES (1), (2)');
});
afterAll(() => engine.close());

async function tables(): Promise<string[]> {
  const { rows } = await engine.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
  );
  return rows.map((r) => String(r.table_name));
}

async function refused(promise: Promise<unknown>): Promise<LoadError> {
  const error = await promise.then(
    () => new Error('loaded'),
    (e: unknown) => e,
  );
  if (!(error instanceof LoadError)) throw error;
  return error;
}

describe('loadFile: formats', () => {
  it('loads a CSV with DuckDB sniffing types', async () => {
    const loaded = await loadFile(
      engine,
      { name: 'orders.csv', data: bytes('id;day;amount\n1;2024-01-05;12.5\n2;2024-02-01;3\n') },
      'orders',
    );
    expect(loaded).toMatchObject({
      table: 'orders',
      rowCount: 2,
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      skippedRows: 0,
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'day', type: 'DATE' },
        { name: 'amount', type: 'DOUBLE' },
      ],
    });
  });

  it('loads Parquet through hyparquet, keeping types', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'customer', data: ['a', 'b', null], type: 'STRING' },
        { name: 'n', data: [1, 2, 3], type: 'INT32' },
        { name: 'big', data: [10n, 20n, 30n], type: 'INT64' },
        { name: 'amount', data: [1.5, 2.25, null], type: 'DOUBLE' },
        { name: 'ok', data: [true, false, true], type: 'BOOLEAN' },
        {
          name: 'at',
          data: [new Date('2024-01-05T10:00:00Z'), null, new Date(0)],
          type: 'TIMESTAMP',
        },
      ],
    });
    const loaded = await loadFile(engine, { name: 'p.parquet', data: new Uint8Array(buffer) }, 'p');
    expect(loaded.rowCount).toBe(3);
    expect(loaded.columns.map((c) => c.type)).toEqual([
      'VARCHAR',
      'INTEGER',
      'BIGINT',
      'DOUBLE',
      'BOOLEAN',
      'TIMESTAMP',
    ]);
    const { rows } = await engine.query('SELECT * FROM p ORDER BY n');
    expect(rows[0]).toEqual({
      customer: 'a',
      n: 1,
      big: 10,
      amount: 1.5,
      ok: true,
      at: new Date('2024-01-05T10:00:00Z'),
    });
    expect(rows[2]?.customer).toBeNull();
  });

  it('loads NDJSON and a JSON array; names the bad line of broken NDJSON', async () => {
    const events = await loadFile(
      engine,
      {
        name: 'events.ndjson',
        data: bytes('{"id":1,"kind":"complaint"}\n{"id":2,"kind":"referral"}\n'),
      },
      'events',
    );
    expect(events).toMatchObject({ rowCount: 2, format: 'ndjson' });
    expect(events.columns.map((c) => c.name)).toEqual(['id', 'kind']);
    const arr = await loadFile(
      engine,
      { name: 'a.json', data: bytes('[{"x": 1}, {"x": 2}]') },
      'arr',
    );
    expect(arr.rowCount).toBe(2);
    const error = await refused(
      loadFile(engine, { name: 'b.ndjson', data: bytes('{"x": 1}\n{"x": \n') }, 'broken'),
    );
    expect(error.code).toBe('json-invalid');
    expect(error.messages.en).toMatch(/"b\.ndjson".*line 2/);
    expect(error.messages.zh).toContain('b.ndjson');
  });

  it('refuses a text file named .parquet and files of other kinds, naming them', async () => {
    const before = await tables();
    const parquet = await refused(
      loadFile(engine, { name: 'bad.parquet', data: bytes('not a parquet file at all') }, 'bad'),
    );
    expect(parquet).toMatchObject({ code: 'parquet-unreadable', file: 'bad.parquet' });
    const docx = await refused(loadFile(engine, { name: 'notes.docx', data: bytes('x') }, 'notes'));
    expect(docx.code).toBe('unsupported');
    expect(docx.messages.en).toContain('"notes.docx"');
    expect(await tables()).toEqual(before);
  });
});

describe('loadFile: the bad-input corpus', () => {
  const REFUSED: [string, LoadErrorCode][] = [
    ['empty.csv', 'empty'],
    ['header-only.csv', 'no-rows'],
    ['binary-junk.csv', 'binary'],
    ['wide-10000-cols.csv', 'too-many-columns'],
    ['html-page.csv', 'html'],
    ['zip-renamed.xlsx', 'zip-not-workbook'],
    ['pdf-renamed.csv', 'pdf'],
    ['png-renamed.csv', 'image'],
    ['unclosed-quote.csv', 'unclosed-quote'],
  ];

  it.each(REFUSED)(
    'refuses %s (%s), names it in both languages, leaves no table',
    async (file, code) => {
      const before = await tables();
      const table = next();
      const error = await refused(loadFile(engine, fixture(file), table));
      expect(error.code).toBe(code);
      expect(error.messages.en).toContain(file);
      expect(error.messages.zh).toContain(file);
      expect(error.hint.en.length).toBeGreaterThan(10);
      expect(await tables()).toEqual(before);
      expect((await engine.query('SELECT count(*) AS n FROM x')).rows).toEqual([{ n: 2 }]);
    },
  );

  it('GBK declared as UTF-8: detected, decoded, Chinese header intact', async () => {
    const loaded = await loadFile(engine, fixture('gbk-declared-utf8.csv'), next());
    expect(loaded).toMatchObject({
      encoding: 'gb18030',
      detectedEncoding: 'gb18030',
      rowCount: 4,
      columns: [{ name: '客户ID' }, { name: '订单日期' }, { name: '金额' }],
    });
  });

  it('the user can override the encoding; bytes that do not fit it are reported by line', async () => {
    const error = await refused(
      loadFile(engine, fixture('gbk-declared-utf8.csv'), next(), { encoding: 'utf-8' }),
    );
    expect(error).toMatchObject({ code: 'encoding', file: 'gbk-declared-utf8.csv', row: 2 });
    expect(error.messages.en).toContain('"gbk-declared-utf8.csv" on line 2');
    expect(error.hint.en).toContain('GB18030');
    const latin = await loadFile(engine, fixture('gbk-declared-utf8.csv'), next(), {
      encoding: 'windows-1252',
    });
    expect(latin).toMatchObject({ encoding: 'windows-1252', detectedEncoding: 'gb18030' });
    expect(latin.columns[0]?.name).toBe('¿Í»§ID');
  });

  it('a header DuckDB never reads (names come from the sniffer) is checked for misread bytes', async () => {
    // 客户 in GBK. As UTF-8: 0xBF is a stray continuation byte (�), 0xCD 0xBB happens to be
    // a valid pair (ͻ), and 0xA7 is another stray byte (�): two misread characters.
    const gbkHeader = [0xbf, 0xcd, 0xbb, 0xa7];
    const data = new Uint8Array([...gbkHeader, ...bytes(',n\na,1\nb,2\n')]);
    const loaded = await loadFile(engine, { name: 'h.csv', data }, next(), { encoding: 'utf-8' });
    expect(loaded.rowCount).toBe(2);
    expect(loaded.warnings.map((w) => w.en)).toEqual([
      '"h.csv": 2 character(s) could not be read as utf-8 and show as �. Pick another encoding if the text looks wrong.',
    ]);
  });

  it('UTF-16 and GB18030 four-byte characters decode', async () => {
    const u16 = await loadFile(engine, fixture('utf16le-bom.csv'), next());
    expect(u16).toMatchObject({ encoding: 'utf-16le', rowCount: 2 });
    const gb = await loadFile(engine, fixture('gb18030.csv'), next());
    const { rows } = await engine.query(`SELECT 客户名称 AS v FROM ${ident(gb.table)} ORDER BY 1`);
    expect(rows.map((r) => r.v)).toEqual(['张三', '𠮷野家']);
  });

  it('ragged rows: the fitting rows load, lines 4 and 6 are reported', async () => {
    const loaded = await loadFile(engine, fixture('ragged.csv'), next());
    expect(loaded.rowCount).toBe(5);
    expect(loaded.skippedRows).toBe(2);
    expect(loaded.skipped.map((r) => r.line)).toEqual([4, 6]);
    expect(loaded.skippedWarning?.en).toContain('line 4 (2 fields instead of 3)');
  });

  it('a value that breaks the sampled type late in the file: the column is read again as text', async () => {
    const lines = ['id,amount'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i},${i === 25_000 ? 'N/A' : i * 2}`);
    const loaded = await loadFile(
      engine,
      { name: 'late.csv', data: bytes(lines.join('\n')) },
      next(),
    );
    expect(loaded).toMatchObject({ rowCount: 30_000, skippedRows: 0 });
    expect(loaded.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'amount', type: 'VARCHAR' },
    ]);
    const { rows } = await engine.query(
      `SELECT amount FROM ${ident(loaded.table)} WHERE id IN (24999, 25000) ORDER BY id`,
    );
    expect(rows.map((r) => r.amount)).toEqual(['49998', 'N/A']);
  });

  it('hostile column names load as data; no SQL runs', async () => {
    const loaded = await loadFile(engine, fixture('hostile-names.csv'), next());
    expect(loaded.columns.map((c) => c.name)).toEqual([
      'a "quoted" name',
      '"; DROP TABLE x; --',
      '<img src=x onerror=alert(1)>',
    ]);
    expect((await engine.query('SELECT count(*) AS n FROM x')).rows).toEqual([{ n: 2 }]);
  });

  it('tab, pipe and semicolon files', async () => {
    expect(await loadFile(engine, fixture('tab.tsv'), next())).toMatchObject({
      format: 'tsv',
      delimiter: '\t',
      rowCount: 3,
    });
    expect(await loadFile(engine, fixture('pipe.csv'), next())).toMatchObject({ delimiter: '|' });
    expect(await loadFile(engine, fixture('semicolon.csv'), next())).toMatchObject({
      delimiter: ';',
    });
  });
});

describe('loadFile: workbooks', () => {
  it('asks which sheet when several have data, suggesting the first', async () => {
    const asked: unknown[] = [];
    const loaded = await loadFile(engine, fixture('merged-header.xlsx'), next(), {
      chooseSheet: async (file, sheets, suggested) => {
        asked.push({ file, sheets: sheets.map((s) => s.name), suggested });
        return '订单';
      },
    });
    expect(asked).toEqual([
      { file: 'merged-header.xlsx', sheets: ['订单', '说明'], suggested: '订单' },
    ]);
    expect(loaded).toMatchObject({ format: 'xlsx', sheet: '订单', rowCount: 3 });
    expect(loaded.columns.map((c) => c.name)).toEqual([
      '客户ID',
      '订单日期',
      '销售额_1',
      '销售额_2',
      'column_5',
      '备注',
      '客户ID_2',
    ]);
    expect(loaded.warnings.map((w) => w.en).join(' ')).toContain('header is on row 4');
  });

  it('cancelling the picker loads nothing; a sheet without rows is refused by name', async () => {
    const before = await tables();
    await expect(
      loadFile(engine, fixture('merged-header.xlsx'), next(), { chooseSheet: async () => null }),
    ).rejects.toBeInstanceOf(LoadCancelled);
    const error = await refused(
      loadFile(engine, fixture('merged-header.xlsx'), next(), { sheet: '说明' }),
    );
    expect(error.code).toBe('no-rows');
    expect(error.messages.en).toContain('sheet "说明"');
    expect(await tables()).toEqual(before);
  });

  it('reads the chosen sheet of a workbook built here; one sheet with data loads unasked', async () => {
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet([['note'], ['exported']]), 'Info');
    const rows = [['id', 'amount'], ...Array.from({ length: 4 }, (_, i) => [`C${i}`, i * 10])];
    utils.book_append_sheet(book, utils.aoa_to_sheet(rows), 'Orders 2024');
    utils.book_append_sheet(book, utils.aoa_to_sheet([]), 'Empty');
    const data = new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const loaded = await loadFile(engine, { name: 'book.xlsx', data }, next(), {
      chooseSheet: async (_f, sheets, suggested) => {
        expect(sheets.map((s) => [s.name, s.rows])).toEqual([
          ['Info', 2],
          ['Orders 2024', 5],
          ['Empty', 0],
        ]);
        expect(suggested).toBe('Info');
        return 'Orders 2024';
      },
    });
    expect(loaded).toMatchObject({ sheet: 'Orders 2024', rowCount: 4 });
    const { rows: sums } = await engine.query(
      `SELECT sum(amount) AS s FROM ${ident(loaded.table)}`,
    );
    expect(sums).toEqual([{ s: 60 }]);
    const single = await loadFile(engine, fixture('two-level-header.xls'), next(), {
      chooseSheet: async () => {
        throw new Error('should not ask');
      },
    });
    expect(single.sheet).toBe('Sheet1');
  });
});

describe('loadFile: memory', () => {
  it('asks before reading whether the file fits, and loads nothing when it does not', async () => {
    const needs: unknown[] = [];
    await loadFile(engine, fixture('gbk-declared-utf8.csv'), next(), {
      checkMemory: (need, format, size) => needs.push({ need, format, size }),
    });
    const size = readFileSync(path.join(DIR, 'gbk-declared-utf8.csv')).byteLength;
    // CSV: 2.5 × size in DuckDB; re-encoding from GB18030 keeps a 1.5 × size UTF-8 copy in JS.
    expect(needs).toEqual([
      { need: { wasm: Math.ceil(size * 2.5), js: Math.ceil(size * 1.5) }, format: 'csv', size },
    ]);
    const before = await tables();
    const error = await refused(
      loadFile(engine, fixture('tab.tsv'), next(), {
        checkMemory: () => {
          throw new LoadError({
            code: 'too-big',
            file: 'tab.tsv',
            messages: { en: 'too big', zh: '太大' },
            hint: { en: 'use Parquet instead', zh: '请用 Parquet' },
          });
        },
      }),
    );
    expect(error.code).toBe('too-big');
    expect(await tables()).toEqual(before);
  });
});
