import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingFileError } from '../../../src/model/missing-file';
import type { TableSource } from '../../../src/model/notebook';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const customers: TableSource = {
  table: 'Customers',
  fileName: 'customers export.csv',
  origin: 'file',
  columns: ['customer_id'],
};

/** DuckDB's own error for a query on `table`, which does not exist. */
async function errorOn(table: string): Promise<unknown> {
  return engine.query(`SELECT * FROM "${table}"`).then(
    () => null,
    (e: unknown) => e,
  );
}

describe('missingFileError', () => {
  it('names the file of a notebook table DuckDB does not have', async () => {
    const error = missingFileError(await errorOn('customers'), [customers]);
    expect(error?.labels.en).toBe(
      'This reads table “Customers”, whose file customers export.csv is not loaded. Add it under “This notebook needs…” above, and it runs.',
    );
    expect(error?.labels.zh).toContain('customers export.csv');
  });

  it('leaves other errors alone: another table, or not a missing table', async () => {
    expect(missingFileError(await errorOn('orders'), [customers])).toBeNull();
    expect(missingFileError(await errorOn('customers'), [])).toBeNull();
    const syntax = await engine.query('SELEC 1').catch((e: unknown) => e);
    expect(missingFileError(syntax, [customers])).toBeNull();
  });
});
