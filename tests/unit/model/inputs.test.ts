import { describe, expect, it } from 'vitest';
import type { TableMapping } from '../../../src/domain/roles';
import { adoptInput, resolveInputs } from '../../../src/model/inputs';

const m = (table: string, kind: TableMapping['kind']): TableMapping => ({
  table,
  kind,
  columns: {},
});
const SAMPLE = ['orders', 'customers', 'campaigns'];
const origin = (t: string) => (SAMPLE.includes(t) ? ('sample' as const) : ('file' as const));

describe('adoptInput with a customer summary', () => {
  const mappings = [
    m('orders', 'orders'),
    m('customers', 'customers'),
    m('campaigns', 'campaigns'),
    m('my_summary', 'summary'),
  ];

  it('a dropped summary stands in for the sample orders, and the sample stops being read', () => {
    const inputs = adoptInput(mappings, {}, 'my_summary', 'summary', origin);
    expect(inputs).toEqual({
      summary: 'my_summary',
      orders: null,
      customers: null,
      campaigns: null,
    });
    const { chosen } = resolveInputs(mappings, inputs);
    expect(Object.keys(chosen)).toEqual(['summary']);
  });

  it("keeps the user's own orders, which the features then prefer", () => {
    const own = [m('my_orders', 'orders'), m('my_summary', 'summary')];
    const inputs = adoptInput(own, { orders: 'my_orders' }, 'my_summary', 'summary', origin);
    expect(resolveInputs(own, inputs).chosen).toEqual({ orders: own[0], summary: own[1] });
  });
});
