import { describe, expect, it } from 'vitest';
import type { TableSource } from '../../../src/model/notebook';
import { staleTables } from '../../../src/model/stale-tables';

const src = (table: string, fileName: string, origin: 'file' | 'sample' = 'file'): TableSource => ({
  table,
  fileName,
  origin,
  columns: [],
});

describe('staleTables', () => {
  it('drops loaded tables the new notebook reads from another file, unless given', () => {
    const previous = [src('orders', 'orders.csv'), src('customers', 'crm.csv'), src('x', 'x.csv')];
    const next = [
      src('orders', 'orders.csv'), // same file: stays
      src('customers', 'customers.csv'), // another file: stale
      src('x', 'other.csv'), // another file, but given with the notebook: reloaded anyway
      src('y', 'y.csv'), // loaded, unknown to the old notebook: stale
      src('z', 'z.csv'), // not loaded: nothing to drop
      src('campaigns', 'campaigns.csv', 'sample'), // the sample reloads itself
    ];
    const loaded = (t: string) => ['orders', 'customers', 'x', 'y', 'campaigns'].includes(t);
    expect(staleTables(previous, next, new Set(['x']), loaded)).toEqual(['customers', 'y']);
    // A notebook from a link or bundle keeps no table it was not given, same file name or not.
    expect(staleTables(previous, next, new Set(['x']), loaded, true)).toEqual([
      'orders',
      'customers',
      'y',
    ]);
  });
});
