import { expect, it } from 'vitest';
import { refitMapping } from '../../../src/model/refit-mapping';
import type { TableMapping } from '../../../src/domain/roles';

const orders: TableMapping = {
  table: 'orders',
  kind: 'orders',
  columns: { customerId: 'cust', orderDate: 'day', amount: 'total' },
};

it('keeps the roles whose column is still there and drops the others', () => {
  const refit = refitMapping(orders, ['cust', 'day', 'total', 'note'], ['cust', 'day', 'note']);
  expect(refit).toEqual({
    table: 'orders',
    kind: 'orders',
    columns: { customerId: 'cust', orderDate: 'day' },
  });
});

it('guesses the roles again when most columns changed', () => {
  const before = ['column_1', 'column_2', 'column_3'];
  const mapping: TableMapping = { ...orders, columns: { customerId: 'column_1' } };
  const refit = refitMapping(mapping, before, ['customer_id', 'date', 'dollar_value']);
  expect(refit.kind).toBe('orders');
  expect(refit.columns).toMatchObject({ customerId: 'customer_id', orderDate: 'date' });
  expect(refit.columns.customerId).not.toBe('column_1');
});
