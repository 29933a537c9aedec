import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { date, ident, literal, num, str } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('quote', () => {
  it('round-trips hostile identifiers and strings through DuckDB', async () => {
    const name = `a "b"; DROP TABLE x; --<img onerror=alert(1)>`;
    const text = `O'Brien'); DROP TABLE x; --`;
    const { rows } = await engine.query(`SELECT ${str(text)} AS ${ident(name)}`);
    expect(rows).toEqual([{ [name]: text }]);
  });

  it('writes literals DuckDB reads back unchanged', async () => {
    const { rows } = await engine.query(
      `SELECT ${num(-1.5)} AS n, ${date('2024-02-29')} AS d, ${literal(null)} AS z, ${literal(true)} AS b`,
    );
    expect(rows[0]).toEqual({ n: -1.5, d: new Date('2024-02-29T00:00:00Z'), z: null, b: true });
  });

  it('rejects values SQL cannot spell', () => {
    expect(() => num(Number.NaN)).toThrow(/finite/);
    expect(() => date('5/1/2024')).toThrow(/YYYY-MM-DD/);
  });
});
