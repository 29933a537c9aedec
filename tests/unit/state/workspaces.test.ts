import { afterEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { MemoryBackend } from '../../support/memory-backend';
import { MemoryStorage, nodeWorkspace } from '../../support/workspace';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function page(storage = new MemoryStorage(), backend = new MemoryBackend()) {
  const w = nodeWorkspace({ storage, backend });
  closers.push(w.close);
  return w.ws;
}

/**
 * A user's order lines with no amount column (quantity × unit price), 3 customers: u1 buys twice,
 * u2 once, u3 three lines on two invoices. Hand-worked revenue: u1 2×5 + 1×7 = 17, u2 3×4 = 12,
 * u3 1×10 + 2×1.5 + 4×2.5 = 23.
 */
const ORDERS = `InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice
A1,u1,2024-01-05,2,5
A2,u1,2024-02-01,1,7
B1,u2,2024-01-10,3,4
C1,u3,2024-01-02,1,10
C1,u3,2024-01-02,2,1.5
C2,u3,2024-03-01,4,2.5
`;
const TOTALS = { u1: 17, u2: 12, u3: 23 };

async function drop(ws: Workspace, answer: 'new' | 'add' | null, name = 'my_orders.csv') {
  const loading = ws.session.loadFiles([{ name, data: new File([ORDERS], name) }]);
  if (ws.notebook.notebook.example) {
    await expect.poll(() => ws.drops.files).toEqual([name]);
    ws.drops.answer(answer);
  }
  await loading;
}

async function featureRows(ws: Workspace) {
  return ws.exclusive(async (engine) => {
    await ws.features.ensure(engine);
    const { rows } = await engine.query(
      'SELECT customer_id, frequency, monetary FROM customer_features ORDER BY customer_id',
    );
    return rows;
  });
}

const EXPECTED = [
  { customer_id: 'u1', frequency: 2, monetary: TOTALS.u1 },
  { customer_id: 'u2', frequency: 1, monetary: TOTALS.u2 },
  { customer_id: 'u3', frequency: 2, monetary: TOTALS.u3 },
];

describe('workspaces: the sample belongs to the example only', () => {
  it('New notebook starts with no cells and no tables, keeping the one before', async () => {
    const backend = new MemoryBackend();
    const ws = page(new MemoryStorage(), backend);
    await ws.start();
    expect(ws.notebook.notebook.example).toBe(true);
    expect(ws.catalog.has('orders')).toBe(true);
    ws.notebook.notebook.title = 'Edited example';
    await drop(ws, 'add');
    await ws.session.newNotebook();
    expect(ws.notebook.notebook.cells).toEqual([]);
    expect(ws.notebook.notebook.tables).toEqual([]);
    expect(ws.notebook.notebook.example).toBeUndefined();
    expect(ws.catalog.tables).toEqual([]);
    // The notebook with the user's file is kept in this browser, with that file.
    expect(ws.local.notebooks.map((n) => n.name)).toEqual([
      expect.stringMatching(/^Edited example · \d{4}-\d\d-\d\d \d\d:\d\d$/),
    ]);
    expect(ws.local.notebooks[0]!.tables).toEqual(['my_orders']);
  });

  it('files dropped into the example start a new notebook: no sample customer in the features', async () => {
    const ws = page();
    await ws.start();
    await drop(ws, 'new');
    expect(ws.notebook.notebook.example).toBeUndefined();
    expect(ws.catalog.tables.map((t) => t.name)).toEqual(['my_orders']);
    expect(ws.features.mappingOf('my_orders')?.kind).toBe('orders');
    expect(await featureRows(ws)).toEqual(EXPECTED);
  });

  it('added to the example, the user orders are the input and the sample customers are not', async () => {
    const ws = page();
    await ws.start();
    await drop(ws, 'add');
    expect(ws.catalog.has('orders')).toBe(true);
    expect(ws.notebook.notebook.inputs).toEqual({
      orders: 'my_orders',
      customers: null,
      interactions: null,
      campaigns: null,
    });
    expect(await featureRows(ws)).toEqual(EXPECTED);
  });

  it('cancelling the question loads nothing', async () => {
    const ws = page();
    await ws.start();
    const before = ws.catalog.tables.map((t) => t.name);
    await drop(ws, null);
    expect(ws.catalog.tables.map((t) => t.name)).toEqual(before);
    expect(ws.notebook.notebook.example).toBe(true);
  });
});

describe('table kinds are stored per notebook', () => {
  it('"not used" survives a reload', async () => {
    const storage = new MemoryStorage();
    const backend = new MemoryBackend();
    const ws = page(storage, backend);
    await ws.start();
    await drop(ws, 'new');
    const columns = ws.catalog.tables[0]!.columns.map((c) => c.name);
    ws.features.setKind('my_orders', null, columns);
    ws.notebook.saveNow();
    const reloaded = page(storage, backend);
    await reloaded.start();
    expect(reloaded.catalog.has('my_orders')).toBe(true);
    expect(reloaded.features.mappingOf('my_orders')).toBeUndefined();
    expect(reloaded.notebook.notebook.unused).toEqual(['my_orders']);
  });

  it('two orders tables: analyses ask which, and use only the chosen one', async () => {
    const ws = page();
    await ws.session.newNotebook();
    await drop(ws, null, 'q1.csv');
    await drop(ws, null, 'q2.csv');
    // The last file dropped became the input: the first is still mapped, but not used.
    expect(ws.features.resolved().chosen.orders?.table).toBe('q2');
    delete ws.notebook.notebook.inputs;
    expect(ws.features.resolved().ambiguous).toEqual(['orders']);
    await expect(featureRows(ws)).rejects.toThrow(/Several tables are orders tables/);
    ws.features.choose('orders', 'q1');
    expect(await featureRows(ws)).toEqual(EXPECTED);
  });
});

describe('removing a table', () => {
  it('drops it with its mapping, and Undo brings both back', async () => {
    const ws = page();
    await ws.session.newNotebook();
    await drop(ws, null);
    expect(await ws.data.removeTable('my_orders')).toBe(true);
    expect(ws.catalog.has('my_orders')).toBe(false);
    expect(ws.notebook.notebook.tables).toEqual([]);
    expect(ws.features.mappingOf('my_orders')).toBeUndefined();
    const notice = ws.notices.find((n) => n.text === 'Removed table my_orders.');
    expect(notice?.action?.label).toBe('Undo');
    notice!.action!.run();
    await expect.poll(() => ws.catalog.has('my_orders')).toBe(true);
    expect(ws.features.mappingOf('my_orders')?.kind).toBe('orders');
    expect(ws.notebook.notebook.tables.map((t) => t.fileName)).toEqual(['my_orders.csv']);
    expect(await featureRows(ws)).toEqual(EXPECTED);
  });
});

describe('tables from SQL', () => {
  it('a named SQL result given the orders kind feeds the features, and its re-run the presets', async () => {
    const ws = page();
    await ws.session.newNotebook();
    await drop(ws, null);
    // The dropped file is not used; a SQL cell reshapes it (u2's order left out).
    ws.features.setKind('my_orders', null, []);
    const cell = ws.cells.addCell('sql');
    if (cell.kind !== 'sql') throw new Error('not a SQL cell');
    cell.name = 'clean_orders';
    cell.source = `SELECT CustomerID AS customer_id, InvoiceDate AS order_date,
  Quantity * UnitPrice AS amount FROM my_orders WHERE CustomerID <> 'u2'`;
    await ws.cells.runCell(cell.id);
    const columns = ['customer_id', 'order_date', 'amount'];
    ws.features.setKind('clean_orders', 'orders', columns);
    expect(ws.features.mappingOf('clean_orders')?.columns).toMatchObject({
      customerId: 'customer_id',
      orderDate: 'order_date',
      amount: 'amount',
    });
    await ws.segments.addPresetCell('rfm');
    const preset = ws.notebook.notebook.cells.find((c) => c.kind === 'preset')!;
    await expect.poll(() => ws.notebook.runs[preset.id]?.status).toBe('done');
    expect(ws.notebook.runs[preset.id]?.result?.rowCount).toBe(2);
    // Every line an order of its own now (no order id): u1 2 orders, u3 3 lines.
    expect(await featureRows(ws)).toEqual([
      { customer_id: 'u1', frequency: 2, monetary: TOTALS.u1 },
      { customer_id: 'u3', frequency: 3, monetary: TOTALS.u3 },
    ]);

    cell.source = cell.source.replace(" WHERE CustomerID <> 'u2'", '');
    await ws.cells.runCell(cell.id);
    expect(ws.notebook.runs[preset.id]?.result?.rowCount).toBe(3);
  });
});

describe('inputs when files are added to a notebook', () => {
  it('a customers file does not replace the customers input there is; the picker does', async () => {
    const ws = page();
    await ws.start();
    const answer = ws.session.loadFiles([
      { name: 'targets.csv', data: new File(['customer_id,target\nC00001,x\n'], 'targets.csv') },
    ]);
    await expect.poll(() => ws.drops.files).toEqual(['targets.csv']);
    ws.drops.answer('add');
    await answer;
    expect(ws.features.mappingOf('targets')?.kind).toBe('customers');
    expect(ws.features.resolved().chosen.customers?.table).toBe('customers');
    ws.features.choose('customers', 'targets');
    expect(ws.features.resolved().chosen.customers?.table).toBe('targets');
  });
});

describe('a new notebook after one with predictions', () => {
  it('does not join the predictions of the notebook before', async () => {
    const ws = page();
    await ws.start();
    await ws.cells.addPredictCell();
    expect(ws.features.predictions).toBe('clv_predictions');
    await ws.session.newNotebook();
    await drop(ws, null);
    expect(ws.features.predictions).toBeNull();
    expect(await featureRows(ws)).toEqual(EXPECTED);
  }, 120_000);
});
