import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/model/presets';
import { ident } from '../../src/sql/quote';
import { clvOrdersOf, clvSummarySql } from '../../src/sql/clv-summary';
import type { Workspace } from '../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../support/workspace';

/**
 * Every analysis on an order-line export with no amount column: the amount is Quantity × Unit
 * price less Discount. Expected numbers come from plain TypeScript over the generated lines.
 */
interface Line {
  invoice: string;
  customer: string;
  day: string;
  qty: number;
  price: number;
  discount: number;
}

/**
 * CDNOW_sample (Fader & Hardie's 1/10 sample) as an order-line export: each purchase becomes
 * lines of quantity × unit price (its CDs split in two lines where it has several), every fifth
 * line with a 0.5 discount, and one invoice per customer and day.
 */
function generate(): Line[] {
  const text = readFileSync(path.join(__dirname, '../fixtures/cdnow/CDNOW_sample.txt'), 'utf8');
  const lines: Line[] = [];
  for (const row of text.split(/\r?\n/)) {
    const [customer, , ymd, cds, dollars] = row.trim().split(/\s+/);
    if (!customer || !ymd || !cds || !dollars) continue;
    const day = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
    const qty = Number(cds);
    const price = qty > 0 ? Math.round((Number(dollars) / qty) * 10_000) / 10_000 : 0;
    const parts = qty > 1 ? [Math.floor(qty / 2), qty - Math.floor(qty / 2)] : [qty];
    for (const q of parts) {
      const discount = lines.length % 5 === 0 ? 0.5 : 0;
      lines.push({
        invoice: `${customer}-${ymd}`,
        customer: `K${customer}`,
        day,
        qty: q,
        price,
        discount,
      });
    }
  }
  return lines;
}

const LINES = generate();
const CSV =
  'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Discount\n' +
  LINES.map((l) => [l.invoice, l.customer, l.day, l.qty, l.price, l.discount].join(',')).join('\n');
const amount = (l: Line) => l.qty * l.price - l.discount;
const lastDay = LINES.map((l) => l.day)
  .sort()
  .at(-1)!;
const AS_OF = new Date(Date.parse(lastDay) + 86_400_000).toISOString().slice(0, 10);
const customers = [...new Set(LINES.map((l) => l.customer))].sort();

let ws: Workspace;
let close: () => void;

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.session.newNotebook();
  await ws.session.loadFiles([{ name: 'lines.csv', data: new File([CSV], 'lines.csv') }]);
  expect(ws.features.mappingOf('lines')?.columns).toMatchObject({
    orderId: 'InvoiceNo',
    quantity: 'Quantity',
    unitPrice: 'UnitPrice',
    discount: 'Discount',
  });
  expect(ws.features.mappingOf('lines')?.columns.amount).toBeUndefined();
}, 120_000);
afterAll(() => close());

describe('an order-line export without an amount column', () => {
  it('features: distinct invoices and quantity × price less discount, per customer', async () => {
    const rows = await ws.exclusive(async (engine) => {
      expect(await ws.features.ensure(engine)).toBe(AS_OF);
      return (
        await engine.query(
          'SELECT customer_id, frequency, monetary FROM customer_features ORDER BY customer_id',
        )
      ).rows;
    });
    expect(rows.map((r) => r.customer_id)).toEqual(customers);
    for (const row of rows) {
      const mine = LINES.filter((l) => l.customer === row.customer_id);
      expect(row.frequency).toBe(new Set(mine.map((l) => l.invoice)).size);
      expect(row.monetary).toBeCloseTo(
        mine.reduce((a, l) => a + amount(l), 0),
        6,
      );
    }
  });

  it('Predict fits and scores every buyer', async () => {
    await ws.cells.addPredictCell();
    const cell = ws.notebook.notebook.cells.at(-1)!;
    const run = ws.notebook.runs[cell.id];
    expect(run?.error).toBeUndefined();
    expect(run?.predict?.scored).toBe(customers.length);
  });

  it.each(PRESETS.map((p) => [p.id]))(
    'preset %s puts every customer in one segment',
    async (id) => {
      const before = ws.notebook.notebook.cells.length;
      await ws.segments.addPresetCell(id);
      const cell = ws.notebook.notebook.cells[before]!;
      const run = ws.notebook.runs[cell.id];
      expect(run?.error).toBeUndefined();
      expect(run?.status).toBe('done');
      expect(run?.result?.rowCount).toBe(customers.length);
    },
  );

  it('backtest: future revenue of the members, computed from the lines', async () => {
    const rfm = ws.notebook.notebook.cells.find(
      (c) => c.kind === 'preset' && c.presetId === 'rfm',
    )!;
    const cutoff = '1998-01-01';
    const end = '1998-04-01';
    const result = await ws.evaluation.backtest(rfm.id, cutoff, 90);
    const members = new Set(LINES.filter((l) => l.day < cutoff).map((l) => l.customer));
    const future = LINES.filter((l) => members.has(l.customer) && l.day >= cutoff && l.day < end);
    const total = result.rows.find((r) => r.is_total)!;
    expect(total.customers).toBe(members.size);
    expect(total.revenue).toBeCloseTo(
      future.reduce((a, l) => a + amount(l), 0),
      6,
    );
    expect(total.orders).toBe(new Set(future.map((l) => l.invoice)).size);
  });

  it('migration: spend between dates, computed from the lines', async () => {
    const rfm = ws.notebook.notebook.cells.find(
      (c) => c.kind === 'preset' && c.presetId === 'rfm',
    )!;
    const dates = ['1997-10-01', '1998-01-01'];
    const { sizes, transitions } = await ws.evaluation.migration(rfm.id, dates);
    for (const d of dates) {
      const count = new Set(LINES.filter((l) => l.day < d).map((l) => l.customer)).size;
      const sized = sizes.filter((r) => new Date(r.as_of as string).toISOString().startsWith(d));
      expect(sized.reduce((a, r) => a + Number(r.customers), 0)).toBe(count);
    }
    const between = LINES.filter((l) => l.day >= dates[0]! && l.day < dates[1]!);
    expect(transitions.reduce((a, r) => a + Number(r.revenue_between), 0)).toBeCloseTo(
      between.reduce((a, l) => a + amount(l), 0),
      6,
    );
  });

  it('cohorts: buyers and revenue by first-purchase month, counted from the lines', async () => {
    const rfm = ws.notebook.notebook.cells.find(
      (c) => c.kind === 'preset' && c.presetId === 'rfm',
    )!;
    const rows = await ws.evaluation.cohorts(rfm.id, 'month', null);
    // In plain TypeScript: months as year × 12 + month; a purchase is a line with money in.
    const month = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
    const first = new Map<string, number>();
    for (const l of LINES) {
      if (amount(l) <= 0) continue;
      first.set(l.customer, Math.min(first.get(l.customer) ?? Infinity, month(l.day)));
    }
    const last = month(lastDay);
    const want = new Map<string, { size: number; active: Set<string>; revenue: number }>();
    for (const c of new Set(first.values())) {
      const size = [...first.values()].filter((m) => m === c).length;
      for (let p = 0; c + p <= last; p++) {
        want.set(`${c}/${p}`, { size, active: new Set(), revenue: 0 });
      }
    }
    for (const l of LINES) {
      const c = first.get(l.customer);
      if (c === undefined || month(l.day) < c) continue;
      const cell = want.get(`${c}/${month(l.day) - c}`)!;
      cell.revenue += amount(l);
      if (amount(l) > 0) cell.active.add(l.customer);
    }
    // CDNOW's customers first bought in January to March 1997; the data ends in June 1998.
    expect(rows).toHaveLength(18 + 17 + 16);
    expect(want.size).toBe(rows.length);
    for (const r of rows) {
      const c = month((r.cohort as Date).toISOString());
      const cell = want.get(`${c}/${String(r.period)}`)!;
      expect([r.cohort_size, r.active]).toEqual([cell.size, cell.active.size]);
      expect(Number(r.revenue)).toBeCloseTo(cell.revenue, 6);
    }
    // Each customer is in one segment: the segments' cohorts add up to everyone's.
    const { rows: labels } = await ws.exclusive((e) =>
      e.query(`SELECT DISTINCT segment FROM ${ident(rfm.kind === 'preset' ? rfm.name : '')}`),
    );
    const sizes = new Map<number, number>();
    for (const { segment } of labels) {
      for (const r of await ws.evaluation.cohorts(rfm.id, 'month', String(segment))) {
        const c = month((r.cohort as Date).toISOString());
        if (r.period === 0) sizes.set(c, (sizes.get(c) ?? 0) + Number(r.cohort_size));
      }
    }
    for (const [c, n] of sizes) expect(n).toBe(want.get(`${c}/0`)!.size);
    expect(sizes.size).toBe(new Set(first.values()).size);
  });

  it('Predict summary: repeat purchase days and their mean spend', async () => {
    const mapping = ws.features.mappingOf('lines')!;
    const { rows } = await ws.exclusive((engine) =>
      engine.query(
        clvSummarySql({ ...clvOrdersOf(mapping), calibrationEnd: lastDay, unit: 'days' }),
      ),
    );
    expect(rows).toHaveLength(customers.length);
    for (const row of rows) {
      const byDay = new Map<string, number>();
      for (const l of LINES.filter((x) => x.customer === row.customer_id)) {
        byDay.set(l.day, (byDay.get(l.day) ?? 0) + amount(l));
      }
      const days = [...byDay.keys()].sort();
      const repeat = days.slice(1).map((d) => byDay.get(d)!);
      expect(row.frequency).toBe(repeat.length);
      const mean = repeat.length ? repeat.reduce((a, b) => a + b, 0) / repeat.length : 0;
      expect(row.monetary_value).toBeCloseTo(mean, 6);
    }
  });
});
