import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES_DIR } from '../../../src/engine/sandbox';
import { csvLoadReport } from '../../../src/ingest/csv-load-report';
import { LoadError } from '../../../src/ingest/load-error';
import { csvRejectsSql, readCsvSql } from '../../../src/sql/read-csv';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const utf8 = (s: string) => new TextEncoder().encode(s);
const RAGGED =
  'id,name,amount\n1,Alice,10\n2,Bob,20\n3,Carol\n4,Dan,40\n5,Eve,50,extra\n6,Fay,60\n7,Gus,70\n';

/** Loads `text` as `table` the way the app does and returns the report (or the LoadError). */
async function load(file: string, table: string, text: string, sampleSize?: number) {
  const path = FILES_DIR + file;
  await engine.registerFile(path, utf8(text));
  await engine.exec(
    readCsvSql({
      file: path,
      table,
      delimiter: ',',
      header: true,
      ...(sampleSize ? { sampleSize } : {}),
    }),
  );
  const count = await engine.query(`SELECT count(*) AS n FROM "${table}"`);
  const rejects = await engine.query(csvRejectsSql(path));
  try {
    return csvLoadReport(file, Number(count.rows[0]?.n), rejects.rows);
  } catch (e) {
    if (e instanceof LoadError) return e;
    throw e;
  }
}

describe('csvRejectsSql + csvLoadReport', () => {
  it('loads the fitting rows and names the lines it left out', async () => {
    const report = await load('ragged.csv', 'ragged', RAGGED);
    expect(report).toEqual({
      loadedRows: 5,
      skippedRows: 2,
      rejects: [
        expect.objectContaining({ line: 4, kind: 'MISSING COLUMNS', text: '3,Carol' }),
        expect.objectContaining({ line: 6, kind: 'TOO MANY COLUMNS', text: '5,Eve,50,extra' }),
      ],
      textColumns: [],
      warning: {
        en: '"ragged.csv": 2 row(s) were left out: line 4 (2 fields instead of 3); line 6 (4 fields instead of 3). Fix these lines in the file and load it again if you need them.',
        zh: '“ragged.csv”：有 2 行未加载：第 4 行（有 2 个字段，应为 3 个）；第 6 行（有 4 个字段，应为 3 个）。如需这些行，请在文件中修正后重新加载。',
      },
    });
  });

  it('reports only the latest load of a file', async () => {
    await load('again.csv', 'again1', RAGGED);
    const second = await load('again.csv', 'again2', RAGGED);
    expect(second).toMatchObject({ skippedRows: 2 });
    const clean = await load('clean.csv', 'clean', 'a,b\n1,2\n');
    expect(clean).toEqual({
      loadedRows: 1,
      skippedRows: 0,
      rejects: [],
      textColumns: [],
      warning: null,
    });
  });

  it('counts every left-out row but lists the first twenty', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 130; i++) lines.push(i % 5 === 0 ? `${i}` : `${i},${i}`);
    const report = await load('many.csv', 'many', lines.join('\n') + '\n');
    expect(report).toMatchObject({ loadedRows: 104, skippedRows: 26 });
    if (report instanceof LoadError) throw report;
    expect(report.rejects.map((r) => r.line)).toEqual(
      Array.from({ length: 20 }, (_, k) => 2 + 5 * k),
    );
    expect(report.warning!.en).toContain(
      '26 row(s) were left out: line 2 (1 fields instead of 2);',
    );
    expect(report.warning!.en).toContain('line 22 (1 fields instead of 2); …');
  });

  it('asks to reload as text the columns whose late values did not fit', async () => {
    const text =
      'id,amount\n' +
      Array.from({ length: 3000 }, (_, i) => `${i + 1},${i === 2499 ? 'N/A' : i + 1}`).join('\n') +
      '\n';
    const report = await load('late.csv', 'late', text, 1000);
    expect(report).toMatchObject({ loadedRows: 2999, skippedRows: 1, textColumns: ['amount'] });
    if (report instanceof LoadError) throw report;
    expect(report.warning!.en).toContain('line 2501 ("N/A" in column "amount" is not a BIGINT)');
  });

  it('refuses a file with a header and no rows', async () => {
    const error = await load('header-only.csv', 'ho', '客户ID,订单日期,金额\r\n');
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ code: 'no-rows', file: 'header-only.csv' });
    expect((error as LoadError).messages.zh).toBe('“header-only.csv”只有表头，没有数据行。');
  });

  it('refuses a file where most rows do not match the header, naming the first line', async () => {
    const error = await load('wrong.csv', 'wrong', 'a,b,c\n1,2\n3,4\n5,6\n7,8,9\n');
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ code: 'bad-rows', row: 2 });
    expect((error as LoadError).messages.en).toBe(
      '"wrong.csv": 3 rows do not match the header, starting at line 2 (2 fields instead of 3); only 1 rows fit.',
    );
  });
});
