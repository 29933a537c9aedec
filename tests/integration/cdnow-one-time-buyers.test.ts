import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../support/workspace';

/**
 * CDNOW_sample (Fader & Hardie's 1/10 sample): BG/NBD gives a customer who bought on one day
 * P(alive) = 1 however long ago that was. The churn-risk preset must not call such a customer
 * "likely active".
 */
interface Purchase {
  customer: string;
  day: string;
  dollars: number;
}

const purchases: Purchase[] = readFileSync(
  path.join(__dirname, '../fixtures/cdnow/CDNOW_sample.txt'),
  'utf8',
)
  .split(/\r?\n/)
  .map((row) => row.trim().split(/\s+/))
  .filter((f) => f.length === 5)
  .map(([id, , ymd, , dollars]) => ({
    customer: `K${id}`,
    day: `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6, 8)}`,
    dollars: Number(dollars),
  }));

// The one-time buyer (one purchase day in the whole file) whose day is latest, and an analysis
// date exactly a year later.
const daysOf = new Map<string, Set<string>>();
for (const p of purchases) daysOf.set(p.customer, (daysOf.get(p.customer) ?? new Set()).add(p.day));
const oneTime = [...daysOf].filter(([, days]) => days.size === 1);
const [buyer, buyerDays] = oneTime.sort((a, b) => ([...b[1]][0]! < [...a[1]][0]! ? -1 : 1))[0]!;
const buyerDay = [...buyerDays][0]!;
const AS_OF = new Date(Date.parse(buyerDay) + 365 * 86_400_000).toISOString().slice(0, 10);

const CSV =
  'customer,order_date,amount\n' +
  purchases.map((p) => `${p.customer},${p.day},${p.dollars}`).join('\n');

let ws: Workspace;
let close: () => void;

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.session.newNotebook();
  await ws.session.loadFiles([{ name: 'cdnow.csv', data: new File([CSV], 'cdnow.csv') }]);
  ws.features.setAsOf(AS_OF);
  await ws.cells.addPredictCell();
  await ws.segments.addPresetCell('churn-risk');
}, 180_000);
afterAll(() => close());

describe('churn risk on CDNOW_sample', () => {
  it('a one-time buyer silent for a year is not likely active, though P(alive) = 1', async () => {
    expect(oneTime.length).toBeGreaterThan(1000);
    const cell = ws.notebook.notebook.cells.at(-1)!;
    expect(ws.notebook.runs[cell.id]?.status).toBe('done');
    const name = cell.kind === 'preset' ? cell.name : '';
    const row = await ws.exclusive(async (engine) => {
      const sql = `SELECT r.segment, r.segment_key, f.p_alive, f.recency_days
        FROM "${name}" AS r JOIN customer_features AS f USING (customer_id)
        WHERE customer_id = '${buyer}'`;
      return (await engine.query(sql)).rows[0];
    });
    expect(row?.recency_days).toBe(365);
    expect(Number(row?.p_alive)).toBeCloseTo(1, 6);
    expect(row?.segment).not.toBe('Likely active');
    // Scored by recency against the notebook's churn threshold.
    const days = ws.features.churnDays;
    expect(row?.segment_key).toBe(365 > days ? 'one_time_lapsed' : 'one_time_recent');
    expect(days).toBeLessThan(365);
  });

  it('no one-time buyer is likely active', async () => {
    const cell = ws.notebook.notebook.cells.at(-1)!;
    const name = cell.kind === 'preset' ? cell.name : '';
    const n = await ws.exclusive(async (engine) => {
      const sql = `SELECT count(*) AS n FROM "${name}" AS r JOIN customer_features AS f
        USING (customer_id) WHERE f.purchase_days = 1 AND r.segment_key = 'likely_active'`;
      return Number((await engine.query(sql)).rows[0]?.n);
    });
    expect(n).toBe(0);
  });
});
