import { describe, expect, it } from 'vitest';
import { referencedNames } from '../../../src/sql/referenced-names';

describe('referencedNames', () => {
  it('collects bare and quoted identifiers, case-insensitively, outside strings and comments', () => {
    const names = referencedNames(
      `SELECT * FROM Top_Customers JOIN "Segment ""A""" USING (id) WHERE note = 'orders' -- churned`,
    );
    expect(names.has('top_customers')).toBe(true);
    expect(names.has('segment "a"')).toBe(true);
    expect(names.has('orders')).toBe(false);
    expect(names.has('churned')).toBe(false);
  });

  it('reads Chinese identifiers', () => {
    expect(referencedNames('SELECT * FROM 客户分层').has('客户分层')).toBe(true);
  });
});
