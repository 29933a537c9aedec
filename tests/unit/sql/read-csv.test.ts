import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvSql } from '../../../src/sql/read-csv';
import { FILES_DIR } from '../../../src/engine/sandbox';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const utf8 = (s: string) => new TextEncoder().encode(s);
const lateNa =
  'id,amount\n' +
  Array.from({ length: 3000 }, (_, i) => `${i + 1},${i === 2499 ? 'N/A' : i + 1}`).join('\n') +
  '\n';

describe('readCsvSql', () => {
  it('loads a file and table whose names need quoting, with the given names and delimiter', async () => {
    const file = `o'brien "orders".csv`;
    await engine.registerFile(FILES_DIR + file, utf8('客户ID;金额;金额\nC1;1,5;x\nC2;2;y\n'));
    await engine.exec(
      readCsvSql({
        file: FILES_DIR + file,
        table: 'my "table"; --',
        delimiter: ';',
        columnNames: ['客户ID', '金额', '金额_2'],
      }),
    );
    const { columns, rows } = await engine.query('SELECT * FROM "my ""table""; --"');
    expect(columns.map((c) => c.name)).toEqual(['客户ID', '金额', '金额_2']);
    expect(rows).toEqual([
      { 客户ID: 'C1', 金额: '1,5', 金额_2: 'x' },
      { 客户ID: 'C2', 金额: '2', 金额_2: 'y' },
    ]);
  });

  it('reads a file without a header under generated names', async () => {
    await engine.registerFile('/seglab/nohead.csv', utf8('1,2\n3,4\n'));
    await engine.exec(
      readCsvSql({
        file: '/seglab/nohead.csv',
        table: 'nohead',
        header: false,
        columnNames: ['column_1', 'column_2'],
      }),
    );
    expect((await engine.query('SELECT * FROM nohead')).rows).toEqual([
      { column_1: 1, column_2: 2 },
      { column_1: 3, column_2: 4 },
    ]);
  });

  it('sets aside a late value that does not fit the sampled type, and keeps it when read as text', async () => {
    await engine.registerFile('/seglab/late.csv', utf8(lateNa));
    await engine.exec(readCsvSql({ file: '/seglab/late.csv', table: 'late1', sampleSize: 1000 }));
    expect((await engine.query('SELECT count(*) AS n FROM late1')).rows).toEqual([{ n: 2999 }]);
    await engine.exec(
      readCsvSql({
        file: '/seglab/late.csv',
        table: 'late2',
        sampleSize: 1000,
        textColumns: ['amount'],
      }),
    );
    const { rows } = await engine.query(
      "SELECT count(*) AS n, typeof(any_value(amount)) AS t, count(*) FILTER (WHERE amount = 'N/A') AS na FROM late2",
    );
    expect(rows).toEqual([{ n: 3000, t: 'VARCHAR', na: 1 }]);
  });

  it('reads a line of 3 MB, beyond DuckDB default limit', async () => {
    await engine.registerFile(
      '/seglab/long.csv',
      utf8(`id,note\n1,${'x'.repeat(3_000_000)}\n2,y\n`),
    );
    await engine.exec(readCsvSql({ file: '/seglab/long.csv', table: 'long' }));
    const { rows } = await engine.query('SELECT id, length(note) AS len FROM long ORDER BY id');
    expect(rows).toEqual([
      { id: 1, len: 3_000_000 },
      { id: 2, len: 1 },
    ]);
  });
});
