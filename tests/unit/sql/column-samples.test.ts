import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversionSql } from '../../../src/sql/conversion';
import {
  conversionCountSql,
  conversionMisfitsSql,
  idValueCountSql,
  sampleValuesSql,
} from '../../../src/sql/column-samples';
import { ident } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(
    "CREATE TABLE t AS SELECT * FROM (VALUES (1, ' ¥12 '), (2, NULL), (3, ''), (4, 'N/A'), (5, '(3)'), (6, 'n/a'), (7, 'N/A')) v(id, \"金 额\")",
  );
});
afterAll(() => engine.close());

describe('column samples', () => {
  it('samples non-blank values as trimmed text, first rows first', async () => {
    const { rows } = await engine.query(sampleValuesSql('t', '金 额', 3));
    expect(rows.map((r) => r.v)).toEqual(['¥12', 'N/A', '(3)']);
  });

  it('counts and lists what a conversion cannot read, over the whole column', async () => {
    const expr = conversionSql({ to: 'amount', decimal: '.' }, ident('金 额'));
    const counts = await engine.query(conversionCountSql('t', '金 额', expr));
    expect(counts.rows).toEqual([{ total: 5, misfits: 3 }]);
    const misfits = await engine.query(conversionMisfitsSql('t', '金 额', expr));
    expect(misfits.rows.map((r) => r.v)).toEqual(['N/A', 'n/a']);
  });

  it('counts letter-prefixed identifiers over the whole column', async () => {
    await engine.exec(
      "CREATE TABLE inv AS SELECT * FROM (VALUES ('536365'), (' C536379 '), ('SKU-10023'), ('12.5'), ('C1'), (NULL)) v(\"Invoice\")",
    );
    expect((await engine.query(idValueCountSql('inv', 'Invoice'))).rows).toEqual([{ n: 2 }]);
  });
});
