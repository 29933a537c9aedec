import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/ingest/load-error';
import { MAX_COLUMNS, sanitizeColumns } from '../../../src/ingest/sanitize-columns';
import { ident, str } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('sanitizeColumns', () => {
  it('trims, names blanks by position, and numbers repeats ignoring case', () => {
    const result = sanitizeColumns(
      [' id ', 'name', 'Name', '', null, 'amount', 'AMOUNT', 'amount'],
      'a.csv',
    );
    expect(result.names).toEqual([
      'id',
      'name',
      'Name_2',
      'column_4',
      'column_5',
      'amount',
      'AMOUNT_2',
      'amount_3',
    ]);
    expect(result.renamed.map((r) => r.index)).toEqual([0, 2, 3, 4, 6, 7]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.en).toContain('"a.csv": 5 column name(s)');
    expect(result.warnings[0]!.en).toContain('3: "Name" → "Name_2"');
    expect(result.warnings[0]!.zh).toContain('“a.csv”：有 5 个列名');
  });

  it('never hands out a name a later column already has', () => {
    expect(sanitizeColumns(['x', 'x', 'x_2'], 'a.csv').names).toEqual(['x', 'x_3', 'x_2']);
  });

  it('collapses line breaks and cuts very long names', () => {
    const { names } = sanitizeColumns(['Sales\n2024', 'y'.repeat(5000)], 'a.csv');
    expect(names).toEqual(['Sales 2024', 'y'.repeat(200)]);
  });

  it('keeps hostile names as data, which DuckDB takes once quoted', async () => {
    const hostile = [
      'a "quoted" name',
      '"; DROP TABLE x; --',
      '<img src=x onerror=alert(1)>',
      "O'Brien",
    ];
    const { names, renamed, warnings } = sanitizeColumns(hostile, 'h.csv');
    expect(names).toEqual(hostile);
    expect(renamed).toEqual([]);
    expect(warnings).toEqual([]);
    await engine.exec('CREATE TABLE x (keep INTEGER)');
    const select = names.map((n, i) => `${str(String(i))} AS ${ident(n)}`).join(', ');
    const { columns } = await engine.query(`SELECT ${select}`);
    expect(columns.map((c) => c.name)).toEqual(hostile);
    expect((await engine.query('SELECT count(*) AS n FROM x')).rows).toEqual([{ n: 0 }]);
  });

  it('names that differ only in case become distinct for DuckDB', async () => {
    const { names } = sanitizeColumns(['Amount', 'amount'], 'a.csv');
    await engine.exec(
      `CREATE TABLE t_case (${names.map((n) => `${ident(n)} INTEGER`).join(', ')})`,
    );
    const { rows } = await engine.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 't_case' ORDER BY ordinal_position",
    );
    expect(rows.map((r) => r.column_name)).toEqual(['Amount', 'amount_2']);
  });

  it('warns about wide files and refuses more than the limit', () => {
    const wide = Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`);
    const ok = sanitizeColumns(wide, 'w.csv');
    expect(ok.names).toHaveLength(2000);
    expect(ok.warnings.map((w) => w.en)).toEqual([
      '"w.csv" has 2000 columns. Previews and column mapping may be slow; consider removing columns you do not need.',
    ]);
    const error = (() => {
      try {
        sanitizeColumns([...wide, 'one more'], 'w.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ code: 'too-many-columns', file: 'w.csv' });
    expect((error as LoadError).messages.en).toBe(
      '"w.csv" has 2001 columns; SegLab reads at most 2000.',
    );
    expect((error as LoadError).hint.zh).toContain('删除用不到的列');
  });
});
