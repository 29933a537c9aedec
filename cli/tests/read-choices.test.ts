import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notebook } from '../../src/model/notebook';
import { NativeEngine } from '../src/native-engine';
import { runNotebook } from '../src/run-notebook';

/**
 * A table read the way the notebook says (encoding, title line, delimiter, decimal comma): a
 * UTF-16 report with a title line, semicolons and 1.234,50. Sums worked by hand.
 */
let dir: string;
let engine: NativeEngine;

const REPORT =
  '销售报表 2024\r\n客户;日期;金额\r\nC1;2024-01-05;1.234,50\r\nC2;2024-01-06;10,25\r\n';

const notebook = (choices: Record<string, unknown>): Notebook => ({
  version: 1,
  title: 'report',
  asOf: '',
  mappings: [],
  tables: [
    {
      table: 'sales',
      fileName: 'report.csv',
      origin: 'file',
      columns: ['客户', '日期', '金额'],
      choices,
    },
  ],
  cells: [
    { id: 'c1', kind: 'sql', source: 'SELECT sum("金额") AS total FROM sales', name: 'total' },
  ],
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'seglab-choices-'));
  writeFileSync(path.join(dir, 'report.csv'), Buffer.from(`\uFEFF${REPORT}`, 'utf16le'));
  engine = await NativeEngine.start([dir]);
});
afterAll(async () => {
  await engine.terminate();
  rmSync(dir, { recursive: true, force: true });
});

describe('read choices', () => {
  it('are honoured: encoding, title line skipped, delimiter, decimal comma', async () => {
    const choices = { encoding: 'utf-16le', skip: 1, delimiter: ';', decimalComma: true };
    const report = await runNotebook(engine, notebook(choices), dir, 'en');
    expect(report.sources[0]?.columns).toEqual(['客户', '日期', '金额']);
    expect(report.cells[0]?.status).toBe('done');
    const { rows } = await engine.query('SELECT * FROM total');
    expect(rows).toEqual([{ total: 1244.75 }]);
  });

  it('that do not fit the file end in a message naming the file', async () => {
    await engine.exec('DROP TABLE IF EXISTS sales');
    // Commas: the title line is the header, and the rows have more fields than it.
    const wrong = { encoding: 'utf-16le', skip: 0, delimiter: ',', header: true };
    await expect(runNotebook(engine, notebook(wrong), dir, 'en')).rejects.toThrow(
      /^"report\.csv": 2 rows do not match/,
    );
    // Read as having no header row: the columns are column_1, column_2, ...
    const title = { encoding: 'utf-16le', skip: 2, delimiter: ';', header: false };
    await expect(runNotebook(engine, notebook(title), dir, 'en')).rejects.toThrow(
      /^report\.csv: column\(s\) “客户”, “日期”, “金额” missing; the notebook’s table “sales” needs them/,
    );
  });

  it('of a workbook are refused: seglab run reads CSV and Parquet', async () => {
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet([['客户'], ['C1']]), 'Sheet1');
    writeFileSync(path.join(dir, 'report.xlsx'), write(book, { type: 'buffer', bookType: 'xlsx' }));
    const nb = notebook({ sheet: 'Sheet1' });
    nb.tables[0]!.fileName = 'report.xlsx';
    await expect(runNotebook(engine, nb, dir, 'en')).rejects.toThrow(
      /^report\.xlsx: Excel and other workbooks are not read by seglab run; save the sheet as CSV/,
    );
  });
});
