import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/state/Workspace.svelte';
import type { PresetResult } from '../../src/state/run-preset-cell';
import { nodeWorkspace } from '../support/workspace';

/** CDNOW_sample as an orders file: one order per line of Fader & Hardie's 1/10 sample. */
function ordersCsv(): string {
  const text = readFileSync(path.join(__dirname, '../fixtures/cdnow/CDNOW_sample.txt'), 'utf8');
  const out = ['order_id,customer_id,order_date,amount'];
  text.split(/\r?\n/).forEach((row, i) => {
    const [customer, , ymd, , dollars] = row.trim().split(/\s+/);
    if (!customer || !ymd || !dollars) return;
    out.push(
      `O${i},C${customer},${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)},${dollars}`,
    );
  });
  return out.join('\n');
}

let ws: Workspace;
let close: () => void;

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.session.newNotebook();
  const csv = ordersCsv();
  await ws.session.loadFiles([{ name: 'orders.csv', data: new File([csv], 'orders.csv') }]);
}, 120_000);
afterAll(() => close());

describe('a Predict cell’s intervals in the features', () => {
  it('joins expected_purchases and predicted_clv with their 90% intervals around them', async () => {
    await ws.cells.addPredictCell();
    const cell = ws.notebook.notebook.cells.at(-1)!;
    expect(ws.notebook.runs[cell.id]?.error).toBeUndefined();
    const rows = await ws.exclusive(
      async (engine) =>
        (
          await engine.query(`SELECT count(*) AS buyers,
            count(*) FILTER (WHERE expected_purchases_low <= expected_purchases
              AND expected_purchases <= expected_purchases_high
              AND expected_purchases_low < expected_purchases_high) AS purchases_inside,
            count(*) FILTER (WHERE predicted_clv_low <= predicted_clv
              AND predicted_clv <= predicted_clv_high
              AND predicted_clv_low < predicted_clv_high) AS clv_inside
            FROM customer_features WHERE NOT is_prospect`)
        ).rows,
    );
    // All 2,357 CDNOW sample customers buy.
    expect(rows[0]).toEqual({ buyers: 2357, purchases_inside: 2357, clv_inside: 2357 });
  });

  it('sums predicted CLV and its bounds per segment in the summary and the scorecard', async () => {
    await ws.segments.addPresetCell('rfm');
    const cell = ws.notebook.notebook.cells.at(-1)!;
    if (cell.kind !== 'preset') throw new Error('expected a preset cell');
    const run = ws.notebook.runs[cell.id];
    expect(run?.error).toBeUndefined();
    const direct = await ws.exclusive(
      async (engine) =>
        (
          await engine.query(`SELECT s.segment, sum(f.predicted_clv) AS clv,
            sum(f.predicted_clv_low) AS low, sum(f.predicted_clv_high) AS high
            FROM "${cell.name}" AS s JOIN customer_features AS f USING (customer_id)
            GROUP BY s.segment`)
        ).rows,
    );
    const summary = (run!.result as PresetResult).summary;
    expect(summary.length).toBe(direct.length);
    for (const d of direct) {
      const row = summary.find((r) => r.segment === d.segment)!;
      expect(Number(row.predicted_clv)).toBeCloseTo(Number(d.clv), 6);
      expect(Number(row.predicted_clv_low)).toBeCloseTo(Number(d.low), 6);
      expect(Number(row.predicted_clv_high)).toBeCloseTo(Number(d.high), 6);
    }
    const card = await ws.evaluation.scorecard(cell.id);
    const total = card.find((r) => r.is_total)!;
    const sum = (k: 'clv' | 'low' | 'high') => direct.reduce((a, d) => a + Number(d[k]), 0);
    expect(Number(total.predicted_clv)).toBeCloseTo(sum('clv'), 6);
    expect(Number(total.predicted_clv_low)).toBeCloseTo(sum('low'), 6);
    expect(Number(total.predicted_clv_high)).toBeCloseTo(sum('high'), 6);
    expect(Number(total.predicted_clv_low)).toBeLessThan(Number(total.predicted_clv));
    expect(Number(total.predicted_clv)).toBeLessThan(Number(total.predicted_clv_high));
  });
});
