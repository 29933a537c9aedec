import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagSql } from '../../../src/sql/flag-sql';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function read(values: string, type: string): Promise<unknown[]> {
  const { rows } = await engine.query(
    `SELECT ${flagSql('v')} AS f FROM (SELECT CAST(v AS ${type}) AS v, i FROM (VALUES ${values}) t(i, v)) ORDER BY i`,
  );
  return rows.map((r) => r.f);
}

describe('flagSql', () => {
  it('reads yes/no text in English and Chinese, any case and spacing', async () => {
    const text = [
      '是',
      '否',
      ' Yes ',
      'NO',
      'y',
      'n',
      'True',
      'FALSE',
      '1',
      '0',
      '1.0',
      '',
      'maybe',
    ];
    const values = text.map((t, i) => `(${i}, '${t}')`).join(', ');
    expect(await read(values, 'VARCHAR')).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, null, null]);
  });

  it('reads booleans and numbers, NULL staying unknown', async () => {
    expect(await read('(0, TRUE), (1, FALSE), (2, NULL)', 'BOOLEAN')).toEqual([1, 0, null]);
    expect(await read('(0, 1), (1, 0), (2, 2), (3, NULL)', 'INTEGER')).toEqual([1, 0, null, null]);
    expect(await read('(0, 1.0), (1, 0.0), (2, 0.5)', 'DOUBLE')).toEqual([1, 0, null]);
  });
});
