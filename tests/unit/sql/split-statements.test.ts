import { describe, expect, it } from 'vitest';
import {
  isQueryStatement,
  splitStatements,
  splitStatementsAt,
} from '../../../src/sql/split-statements';

describe('splitStatements', () => {
  it('splits at top-level semicolons only', () => {
    const sql = `CREATE TABLE t AS SELECT 1; -- a comment; with a semicolon
      SELECT 'a;b' AS "x;y", $$c;d$$ /* e; */ FROM t;;
      `;
    expect(splitStatements(sql)).toEqual([
      'CREATE TABLE t AS SELECT 1',
      `-- a comment; with a semicolon\n      SELECT 'a;b' AS "x;y", $$c;d$$ /* e; */ FROM t`,
    ]);
  });

  it('drops comment-only and empty statements', () => {
    expect(splitStatements('-- nothing here\n;  ;')).toEqual([]);
  });

  it('keeps an unterminated string to the end instead of throwing', () => {
    expect(splitStatements("SELECT 'oops; SELECT 2")).toEqual(["SELECT 'oops; SELECT 2"]);
  });
});

describe('splitStatementsAt', () => {
  it('gives where each statement starts in the text, to point errors at it', () => {
    const sql = '-- setup\n  CREATE TABLE t AS SELECT 1;\n\n SELECT * FROM t ;  ';
    const statements = splitStatementsAt(sql);
    expect(statements).toEqual([
      { text: '-- setup\n  CREATE TABLE t AS SELECT 1', start: 0 },
      { text: 'SELECT * FROM t', start: 41 }, // 9 + 29 + 2 newlines + 1 space,
    ]);
    for (const s of statements) expect(sql.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });
});

describe('isQueryStatement', () => {
  it.each([
    ['SELECT 1', true],
    ['  with a AS (SELECT 1) SELECT * FROM a', true],
    ['FROM orders', true],
    ['(SELECT 1) UNION (SELECT 2)', true],
    ['-- note\nselect 1', true],
    ['CREATE TABLE x AS SELECT 1', false],
    ['DESCRIBE orders', false],
    ['SET threads = 1', false],
  ])('%s -> %s', (sql, expected) => {
    expect(isQueryStatement(sql)).toBe(expected);
  });
});
