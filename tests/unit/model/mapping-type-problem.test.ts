import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappingTypeProblem } from '../../../src/model/mapping-type-problem';
import type { TableMapping } from '../../../src/domain/roles';
import { describeTableSql } from '../../../src/sql/read-file-sql';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
let types: Record<string, string>;
beforeAll(async () => {
  engine = await NodeEngine.start();
  // What a messy export looks like once DuckDB has read it: the amounts kept their currency sign.
  await engine.exec(`CREATE TABLE o AS SELECT * FROM (VALUES
    ('c1', DATE '2024-01-05', '¥12.50', 12.5::DECIMAL(10,2), '2024/1/5', 3)
  ) t(customer_id, day, amount_text, amount, day_text, qty)`);
  const { rows } = await engine.query(describeTableSql('o'));
  types = Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.data_type)]));
});
afterAll(() => engine.close());

const orders = (columns: TableMapping['columns']): TableMapping => ({
  table: 'o',
  kind: 'orders',
  columns,
});

describe('mappingTypeProblem', () => {
  it('accepts numbers and dates where they belong', () => {
    expect(types).toMatchObject({ amount: 'DECIMAL(10,2)', day: 'DATE', qty: 'INTEGER' });
    expect(
      mappingTypeProblem(
        orders({ customerId: 'customer_id', orderDate: 'day', amount: 'amount', quantity: 'qty' }),
        types,
      ),
    ).toBeNull();
  });

  it('names an amount held as text, in both languages', () => {
    const problem = mappingTypeProblem(
      orders({ customerId: 'customer_id', orderDate: 'day', amount: 'amount_text' }),
      types,
    );
    expect(problem?.en).toBe(
      'Orders table "o": the Amount column "amount_text" holds VARCHAR, not numbers. Convert it (see the suggestions in the Tables panel) or choose another column.',
    );
    expect(problem?.zh).toContain('“金额”列“amount_text”的类型是 VARCHAR，不是数字');
  });

  it('names an order date held as text', () => {
    const problem = mappingTypeProblem(
      orders({ customerId: 'customer_id', orderDate: 'day_text', amount: 'amount' }),
      types,
    );
    expect(problem?.en).toMatch(/Order date column "day_text" holds VARCHAR, not dates/);
  });
});
