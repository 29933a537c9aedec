import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../support/workspace';

/**
 * The example notebook's SQL value tiers and the value-tiers preset's defaults are one
 * definition: VIP the top 10% of buyers by spend, important the next 20%, ordinary the rest,
 * potential no orders. Expected counts from plain TypeScript over the sample's CSV files.
 */
const ROOT = path.join(__dirname, '../../sample-data');
const rows = (file: string) =>
  readFileSync(path.join(ROOT, file), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));

function expectedTiers(): Record<string, number> {
  const spend = new Map<string, number>();
  for (const [, customer, , amount] of rows('orders.csv')) {
    spend.set(customer!, (spend.get(customer!) ?? 0) + Number(amount));
  }
  const customers = new Set(rows('customers.csv').map(([id]) => id!));
  // Cents, so sums compare exactly.
  const values = [...spend.values()].map((v) => Math.round(v * 100));
  const n = values.length;
  const counts = { VIP: 0, Important: 0, Ordinary: 0, Potential: 0 };
  for (const v of values) {
    const before = values.filter((w) => w > v).length / n;
    if (before < 0.1) counts.VIP++;
    else if (before < 0.3) counts.Important++;
    else counts.Ordinary++;
  }
  counts.Potential = [...customers].filter((c) => !spend.has(c)).length;
  return counts;
}

let ws: Workspace;
let close: () => void;
beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.start();
}, 180_000);
afterAll(() => close());

describe('value tiers on the sample', () => {
  it("the example's SQL and the preset give the same counts, in rank order", async () => {
    const expected = expectedTiers();
    expect(expected.VIP).toBeGreaterThan(400);
    expect(expected.Potential).toBeGreaterThan(0);

    const cell = ws.notebook.notebook.cells.find(
      (c) => c.kind === 'sql' && c.source.includes('buyers_before'),
    )!;
    await ws.cells.runCell(cell.id);
    const result = ws.notebook.runs[cell.id]?.result;
    const sqlRows = result?.page ?? [];
    expect(sqlRows.map((r) => r.segment)).toEqual(['VIP', 'Important', 'Ordinary', 'Potential']);
    expect(Object.fromEntries(sqlRows.map((r) => [r.segment, Number(r.customers)]))).toEqual(
      expected,
    );

    await ws.segments.addPresetCell('value-tiers');
    const preset = ws.notebook.notebook.cells.at(-1)!;
    const run = ws.notebook.runs[preset.id];
    expect(run?.status).toBe('done');
    const summary = run?.result && 'summary' in run.result ? run.result.summary : [];
    expect(Object.fromEntries(summary.map((r) => [r.segment, Number(r.customers)]))).toEqual(
      expected,
    );
  });
  it('the RFM × lifecycle table runs in both rank orders, not alphabetically', async () => {
    const cell = ws.notebook.notebook.cells.find(
      (c) => c.kind === 'sql' && c.source.includes('PIVOT'),
    )!;
    await ws.cells.runCell(cell.id);
    const result = ws.notebook.runs[cell.id]?.result;
    expect(result?.columns.map((c) => c.name)).toEqual([
      'rfm_segment',
      'Potential',
      'New',
      'Active',
      'Loyal',
      'At risk',
      'Churned',
    ]);
    expect(result?.page.map((r) => r.rfm_segment)).toEqual([
      'Important value',
      'Important development',
      'Important retention',
      'Important win-back',
      'General value',
      'General development',
      'General retention',
      'General win-back',
      'Prospects',
    ]);
  });
});
