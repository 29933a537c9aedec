import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlCell } from '../../../src/model/notebook';
import {
  SqlCellError,
  parseDuckDbError,
  sqlErrorLabels,
  sqlErrorView,
} from '../../../src/model/sql-error';
import { materializeSql } from '../../../src/sql/cell-result';
import { runSqlCell } from '../../../src/state/run-sql-cell';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec('CREATE TABLE nums AS SELECT range AS i FROM range(5)');
});
afterAll(() => engine.close());

/**
 * DuckDB's error for `sql` through the pending-query API, as the app's WasmEngine runs queries
 * in the browser: there a parse error comes back as JSON.
 */
function pendingError(sql: string): string {
  const conn = (engine.conn as unknown as { _conn: number })._conn;
  try {
    let header = engine.db.startPendingQuery(conn, sql, true);
    while (header === null) header = engine.db.pollPendingQuery(conn);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`no error from ${sql}`);
}

/** The view of a cell's final query failing, as runSqlCell reports it, through both paths. */
async function views(source: string, id = 'q1', name?: string) {
  const cell: SqlCell = { id, kind: 'sql', source, ...(name ? { name } : {}) };
  const error = await runSqlCell(engine, cell).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SqlCellError);
  const sent = materializeSql(id, source.trim());
  const where = { sent, offset: sent.length - source.trim().length, source, start: 0 };
  return {
    text: (error as SqlCellError).view,
    json: sqlErrorView(pendingError(sent), where),
  };
}

describe('sqlErrorView on real DuckDB errors', () => {
  it('points a syntax error at its line and column in the cell, not in the wrapper', async () => {
    const source = 'SELECT i\nFROM nums\nWHERE i = = 1';
    const raw = pendingError(materializeSql('q1', source));
    expect(raw).toMatch(/^\{"exception_type":"Parser"/); // what the page used to show
    const { json, text } = await views(source);
    // Line 3 is "WHERE i = = 1"; the second "=" is its 11th character.
    const expected = {
      message: 'Parser Error: syntax error at or near "="',
      line: 3,
      column: 11,
      code: 'WHERE i = = 1',
      caret: '          ^',
    };
    expect(json).toEqual(expected);
    expect(text).toEqual(expected);
  });

  it('points an unknown column at the name', async () => {
    const { json, text } = await views('SELECT i,\n  nope\nFROM nums');
    const expected = {
      message:
        'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "i"',
      line: 2,
      column: 3,
      code: '  nope',
      caret: '  ^',
    };
    expect(text).toEqual(expected);
    expect(json).toEqual(expected);
  });

  it('points an unknown table at the name, past a long wrapped line', async () => {
    const pad = Array.from({ length: 12 }, (_, k) => `i AS column_number_${k}`).join(', ');
    const source = `SELECT ${pad}\nFROM nums, missing_table`;
    const { text } = await views(source);
    expect(text).toMatchObject({ line: 2, column: 12, code: 'FROM nums, missing_table' });
    expect(text.message).toMatch(/^Catalog Error: Table with name missing_table does not exist!/);
    // And on the first line, where DuckDB cuts the excerpt with "...".
    const first = await views(`SELECT ${pad}, nope AS last_one FROM nums`);
    expect(first.text).toMatchObject({ line: 1, column: 7 + pad.length + 3 });
  });

  it('points an error in the second of two statements at that statement', async () => {
    const source = 'CREATE OR REPLACE TABLE t1 AS SELECT 1 AS x;\n\nSELECT x,\n  y FROM t1';
    const error = await runSqlCell(engine, { id: 'q2', kind: 'sql', source }).catch((e) => e);
    expect((error as SqlCellError).view).toMatchObject({ line: 4, column: 3, code: '  y FROM t1' });
    const first = await runSqlCell(engine, {
      id: 'q3',
      kind: 'sql',
      source: 'SELECT 1;\nCREATE TABLE t2 AS SELEC 2;\nSELECT 3',
    }).catch((e) => e);
    expect((first as SqlCellError).view).toMatchObject({
      message: 'Parser Error: syntax error at or near "SELEC"',
      line: 2,
      column: 20,
    });
  });

  it('counts Chinese text before the error as the user sees it', async () => {
    const { text, json } = await views("SELECT '金额' AS 金额, nope\nFROM nums");
    // "SELECT '金额' AS 金额, " is 19 characters; DuckDB's caret counts 金 as two columns.
    expect(text).toMatchObject({ line: 1, column: 20 });
    expect(json).toMatchObject({ line: 1, column: 20 });
    // SELECT '|金额|' AS |金额|, |^ : 8 spaces, two wide ones, 5, two wide ones, 2.
    expect(text.caret).toBe(`${' '.repeat(8)}\u3000\u3000${' '.repeat(5)}\u3000\u3000  ^`);
    const parse = await views("SELECT '金额' AS 金额\nFROM nums WHERE WHERE");
    expect(parse.json).toMatchObject({ line: 2, column: 17 });
  });

  it('never shows JSON or the internal result table; names the cell instead', async () => {
    await engine.exec('CREATE VIEW "__seglab_cell_q4" AS SELECT 1 AS a');
    const error = await runSqlCell(engine, {
      id: 'q4',
      kind: 'sql',
      source: 'SELECT 2 AS a',
      name: 'big_spenders',
    }).catch((e) => e);
    const { view } = error as SqlCellError;
    expect(view.message).toContain('"big_spenders"');
    expect(view.message).not.toMatch(/__seglab|[{}]/);
    // DuckDB suggests another cell's result table for a misspelt name: the suggestion goes.
    await engine.exec('CREATE TABLE "__seglab_cell_other" AS SELECT 1 AS a');
    const sent = 'SELECT * FROM seglab_cell_othe';
    expect(pendingError(sent)).toContain('Did you mean "__seglab_cell_other"?');
    const typo = (await runSqlCell(engine, {
      id: 'q6',
      kind: 'sql',
      source: sent,
      name: 'mine',
    }).catch((e) => e)) as SqlCellError;
    expect(typo.view.message).toBe(
      'Catalog Error: Table with name seglab_cell_othe does not exist!',
    );
    for (const source of ['SELEC 1', 'SELECT i FROM nums WHERE', 'SELECT nope FROM nums']) {
      const e = (await runSqlCell(engine, { id: 'q5', kind: 'sql', source }).catch(
        (x) => x,
      )) as SqlCellError;
      const json = sqlErrorView(pendingError(materializeSql('q5', source)), {
        sent: materializeSql('q5', source),
        offset: materializeSql('q5', '').length,
        source,
        start: 0,
      });
      for (const text of [sqlErrorLabels(e.view).en, sqlErrorLabels(json).zh]) {
        expect(text).not.toMatch(/__seglab|exception_type|[{}]|LINE \d/);
      }
    }
  });

  it('shows the place in both languages, and a message alone when DuckDB gives none', () => {
    const view = { message: 'Parser Error: x', line: 2, column: 3, code: 'ab cd', caret: '  ^' };
    expect(sqlErrorLabels(view)).toEqual({
      en: 'Parser Error: x\n\nLine 2, column 3:\nab cd\n  ^',
      zh: 'Parser Error: x\n\n第 2 行，第 3 列：\nab cd\n  ^',
    });
    expect(sqlErrorLabels({ message: 'Out of Range Error: y' }).zh).toBe('Out of Range Error: y');
    expect(parseDuckDbError('plain failure', 'SELECT 1')).toEqual({ message: 'plain failure' });
    const where = { sent: 'x', offset: 0, source: 'x', start: 0, table: '__seglab_cell_a' };
    expect(
      sqlErrorView('Binder Error: "__seglab_cell_b" and __seglab_cell_a differ', where).message,
    ).toBe('Binder Error: another cell’s result and this cell’s result differ');
  });
});
