import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ShippedOutputs } from '../../../src/state/LastRunOutputs.svelte';
import { decodeSnapshot } from '../../../src/state/last-run-snapshot';
import { nodeWorkspace } from '../../support/workspace';

/**
 * The example notebook's outputs shipped with the app (src/model/example-outputs/<lang>.json,
 * shown on a first visit before DuckDB is ready) are what a fresh run of the example gives on the
 * real DuckDB-WASM. On a mismatch the fresh outputs are written next to them as
 * `<lang>.json-changed`; after checking them, move each over its `<lang>.json`.
 */
const DIR = path.join(__dirname, '../../../src/model/example-outputs');
const file = (lang: string) => path.join(DIR, `${lang}.json`);
const read = (lang: string) =>
  (existsSync(file(lang))
    ? JSON.parse(readFileSync(file(lang), 'utf8'))
    : null) as ShippedOutputs | null;
const SAMPLE = path.join(__dirname, '../../../sample-data');
const LANGS = ['en', 'zh-CN'] as const;

/** Timings differ between runs: they are not compared. */
const untimed = (entry: unknown) =>
  JSON.parse(
    JSON.stringify(entry ?? null, (k, v: unknown) => (k === 'elapsedMs' ? 0 : v)),
  ) as unknown;

async function freshRun(lang: string) {
  const w = nodeWorkspace({ lang });
  try {
    await w.ws.start();
    await w.ws.runner.settled();
    // The quadrant is drawn by the view: asked for here as the view would.
    for (const cell of w.ws.notebook.notebook.cells) {
      if (cell.kind === 'preset' && cell.view?.tab === 'quadrant') {
        await w.ws.evaluation.quadrant(cell.id);
      }
    }
    return await w.ws.lastRun.shippedEntry();
  } finally {
    w.close();
  }
}

describe('the example notebook’s shipped outputs', () => {
  it.each(LANGS)(
    'are what the example gives on DuckDB (%s)',
    async (lang) => {
      const shipped = read(lang);
      const fresh = await freshRun(lang);
      if (JSON.stringify(untimed(shipped)) !== JSON.stringify(untimed(fresh))) {
        writeFileSync(`${file(lang)}-changed`, `${JSON.stringify(fresh)}\n`);
      }
      expect(untimed(shipped)).toEqual(untimed(fresh));
      // The headline chart is shipped too.
      expect(fresh.cells.map((c) => c.index)).toContain(3);
      expect(
        decodeSnapshot(fresh.cells.find((c) => c.index === 3)!.snapshot).quadrant,
      ).toBeDefined();
    },
    200_000,
  );

  it('hold the headline figures of the sample data, counted here from the CSV', () => {
    const orders = readFileSync(path.join(SAMPLE, 'orders.csv'), 'utf8').trim().split('\n');
    const spend = new Map<string, number>();
    for (const line of orders.slice(1)) {
      const [, customer, , amount] = line.split(',');
      spend.set(customer!, (spend.get(customer!) ?? 0) + Number(amount));
    }
    const customers =
      readFileSync(path.join(SAMPLE, 'customers.csv'), 'utf8').trim().split('\n').length - 1;
    const revenue = [...spend.values()].reduce((a, b) => a + b, 0);
    for (const lang of LANGS) {
      const shipped = read(lang)!;
      const kpi = decodeSnapshot(shipped.cells.find((c) => c.index === 1)!.snapshot);
      const row = kpi.result.page[0]!;
      expect(row.customers).toBe(spend.size);
      expect(Number(row.revenue)).toBeCloseTo(revenue, 2);
      // The quadrant's totals add up to every customer, one quadrant each.
      const vl = decodeSnapshot(shipped.cells.find((c) => c.index === 3)!.snapshot);
      const total = vl.quadrant!.data.summary.reduce((a, r) => a + r.customers, 0);
      expect(total).toBe(customers);
    }
  });
});
