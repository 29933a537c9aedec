import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../../support/workspace';

/**
 * The Profiles tab of a customer-type segmentation, analysis date 2024-07-01. Individuals a1,
 * a2, a3; enterprises b1, b2, b3 (from the customers table, undated). Orders before the
 * analysis date: a1 app, app; a2 app; a3 web; each enterprise store. From the analysis date on,
 * a1 buys on the web three times and a2 twice.
 * As of the analysis date the individuals' channels are app, app, web: app is their most
 * over-represented channel, 2 of 3 (67%) against 0 of 3 enterprises, 2 of 6 overall. Counting
 * the later orders would make every individual a web buyer.
 */
const CUSTOMERS = `customer_id,customer_type
a1,individual
a2,individual
a3,individual
b1,enterprise
b2,enterprise
b3,enterprise
`;
const ORDERS = `customer_id,order_date,amount,channel
a1,2024-01-05,10,app
a1,2024-02-01,10,app
a1,2024-07-01,10,web
a1,2024-08-01,10,web
a1,2024-09-01,10,web
a2,2024-03-01,10,app
a2,2024-07-20,10,web
a2,2024-10-02,10,web
a3,2024-04-01,10,web
b1,2024-02-01,10,store
b2,2024-05-01,10,store
b3,2024-06-30,10,store
`;

let ws: Workspace;
let close: () => void;
let cellId: string;

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.session.newNotebook();
  await ws.session.loadFiles([
    { name: 'customers.csv', data: new File([CUSTOMERS], 'customers.csv') },
    { name: 'orders.csv', data: new File([ORDERS], 'orders.csv') },
  ]);
  ws.features.setAsOf('2024-07-01');
  await ws.segments.addPresetCell('customer-type');
  cellId = ws.notebook.notebook.cells.at(-1)!.id;
}, 120_000);
afterAll(() => close());

describe('Profiles read channels as of the analysis date', () => {
  it("names app as the individuals' channel, 2 of 3, from orders before it", async () => {
    const rows = await ws.evaluation.profiles(cellId);
    const channel = rows.find((r) => r.segment === 'Individual' && r.feature === 'channel');
    expect(channel).toMatchObject({ value: 'app', n: 3 });
    expect(Number(channel!.segment_mean)).toBeCloseTo(2 / 3, 12);
    expect(Number(channel!.rest_mean)).toBeCloseTo(0, 12);
    expect(Number(channel!.overall_mean)).toBeCloseTo(2 / 6, 12);
    // The numbers as of the same date: a1's two orders before it, not five.
    const frequency = rows.find((r) => r.segment === 'Individual' && r.feature === 'frequency');
    expect(Number(frequency!.segment_mean)).toBeCloseTo((2 + 1 + 1) / 3, 12);
  });
});
