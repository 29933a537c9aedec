import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/io/export-csv';
import { roundMoney } from '../../../src/io/export-money';

describe('money in exports', () => {
  it('rounds money columns to cents and leaves the others', () => {
    const columns = [
      { name: 'customer_id' },
      { name: 'monetary', kind: 'number' as const },
      { name: 'avg_order_value', kind: 'number' as const },
      { name: 'discount_share', kind: 'number' as const },
    ];
    const rows = [
      {
        customer_id: 'c1',
        monetary: 457.50000000000006,
        avg_order_value: 152.83333333,
        discount_share: 0.123456,
      },
      { customer_id: 'c2', monetary: null, avg_order_value: 10.005, discount_share: 0 },
    ];
    const rounded = roundMoney(rows, columns);
    expect(rounded).toEqual([
      { customer_id: 'c1', monetary: 457.5, avg_order_value: 152.83, discount_share: 0.123456 },
      { customer_id: 'c2', monetary: null, avg_order_value: 10.01, discount_share: 0 },
    ]);
    expect(rows[0]!.monetary).toBe(457.50000000000006); // the input is not changed
    const csv = toCsv(rounded, columns);
    expect(csv).toContain('c1,457.5,152.83,0.123456\r\n');
  });

  it('writes no binary noise of a DOUBLE into CSV, and whole numbers exactly', () => {
    const csv = toCsv(
      [{ a: 0.1 + 0.2, b: 9007199254740991, c: -1234.5600000000002 }],
      [
        { name: 'a', kind: 'number' },
        { name: 'b', kind: 'number' },
        { name: 'c', kind: 'number' },
      ],
    );
    expect(csv).toBe('\uFEFFa,b,c\r\n0.3,9007199254740991,-1234.56\r\n');
  });
});
