import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bgBbConditionalExpectedPurchases,
  bgBbProbabilityAlive,
  type BgBbParams,
} from '../../src/model/clv/bgbb';
import type { PredictCell } from '../../src/model/notebook';
import type { Workspace } from '../../src/state/Workspace.svelte';
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

/**
 * Per customer, straight from the orders: months with an order counted from January 1997
 * (period 0), through month `last`; x, t_x, n over months 0..cal-1 and holdout months after.
 */
const historiesSql = (cal: number, last: number) => `
  WITH months AS (
    SELECT DISTINCT customer_id,
      (year(CAST(order_date AS DATE)) - 1997) * 12 + month(CAST(order_date AS DATE)) - 1 AS p
    FROM orders),
  cal AS (
    SELECT customer_id, min(p) AS first, count(*) - 1 AS x,
      max(p) - min(p) AS tx, ${cal} - 1 - min(p) AS n
    FROM months WHERE p < ${cal} GROUP BY customer_id)
  SELECT cal.*, CAST(count(m.p) AS INTEGER) AS holdout
  FROM cal LEFT JOIN months AS m
    ON m.customer_id = cal.customer_id AND m.p >= ${cal} AND m.p <= ${last}
  GROUP BY cal.customer_id, cal.first, cal.x, cal.tx, cal.n ORDER BY cal.customer_id`;

let ws: Workspace;
let close: () => void;
let cell: PredictCell;

const query = (sql: string) => ws.exclusive(async (engine) => (await engine.query(sql)).rows);

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.session.newNotebook();
  const csv = ordersCsv();
  await ws.session.loadFiles([{ name: 'orders.csv', data: new File([csv], 'orders.csv') }]);
  await ws.cells.addPredictCell();
  const added = ws.notebook.notebook.cells.at(-1)!;
  if (added.kind !== 'predict') throw new Error('expected a predict cell');
  cell = added;
  // Calibration January - September 1997 (9 months), holdout October 1997 - June 1998 (9).
  cell.model = 'bgbb';
  cell.period = 'month';
  cell.calibrationEnd = '1997-09-30';
  cell.compare = true;
  cell.horizonMonths = 6;
  await ws.cells.runCell(cell.id);
}, 180_000);
afterAll(() => close());

describe('a Predict cell fitting BG/BB on months', () => {
  it('scores every customer from their own months, into the features', async () => {
    const run = ws.notebook.runs[cell.id];
    expect(run?.error).toBeUndefined();
    expect(run?.status).toBe('done');
    const f = run!.predict!.forecast;
    expect(f.fit.model).toBe('bgbb');
    const p = f.fit.params as unknown as BgBbParams;
    const direct = await query(historiesSql(18, 17));
    expect(direct).toHaveLength(2357);
    const features = new Map(
      (
        await query(
          'SELECT customer_id, p_alive, expected_purchases, predicted_clv FROM customer_features WHERE NOT is_prospect',
        )
      ).map((r) => [String(r.customer_id), r]),
    );
    expect(features.size).toBe(2357);
    for (const d of direct) {
      const [x, tx, n] = [Number(d.x), Number(d.tx), Number(d.n)];
      const row = features.get(String(d.customer_id))!;
      expect(Number(row.p_alive)).toBeCloseTo(bgBbProbabilityAlive(p, x, tx, n, 1), 10);
      expect(Number(row.expected_purchases)).toBeCloseTo(
        bgBbConditionalExpectedPurchases(p, 6, x, tx, n),
        10,
      );
      expect(Number.isFinite(Number(row.predicted_clv))).toBe(true);
    }
  });

  it('joins 90% intervals around every customer’s expected months and CLV', async () => {
    const rows = await query(`SELECT count(*) AS buyers,
      count(*) FILTER (WHERE expected_purchases_low <= expected_purchases
        AND expected_purchases <= expected_purchases_high
        AND expected_purchases_low < expected_purchases_high) AS purchases_inside,
      count(*) FILTER (WHERE predicted_clv_low <= predicted_clv
        AND predicted_clv <= predicted_clv_high
        AND predicted_clv_low < predicted_clv_high) AS clv_inside
      FROM customer_features WHERE NOT is_prospect`);
    expect(rows[0]).toEqual({ buyers: 2357, purchases_inside: 2357, clv_inside: 2357 });
    expect(ws.notebook.runs[cell.id]!.predict!.forecast.intervals?.draws).toBe(200);
  });

  it('shows BG/BB beside the continuous models, scored on holdout months but not ranked', async () => {
    const check = ws.notebook.runs[cell.id]!.predict!.check!;
    expect(check.fit.model).toBe('bgbb');
    const comparison = check.comparison!;
    expect(comparison.rows.map((r) => r.model)).toEqual(['bgbb', 'bgnbd', 'pareto-nbd', 'mbgnbd']);
    expect(comparison.rows[0]!.discrete).toBe(true);
    expect(comparison.recommended).not.toBe('bgbb');
    expect(comparison.basis).toBe('holdout');
    // BG/BB's holdout MAE: months with an order in the 9 holdout months vs its expectation.
    const p = check.fit.params as unknown as BgBbParams;
    const direct = await query(historiesSql(9, 17));
    let absolute = 0;
    let predicted = 0;
    let actual = 0;
    for (const d of direct) {
      const e = bgBbConditionalExpectedPurchases(p, 9, Number(d.x), Number(d.tx), Number(d.n));
      absolute += Math.abs(e - Number(d.holdout));
      predicted += e;
      actual += Number(d.holdout);
    }
    expect(comparison.rows[0]!.holdoutMae).toBeCloseTo(absolute / direct.length, 10);
    expect(comparison.rows[0]!.trackingError).toBeCloseTo((predicted - actual) / actual, 10);
    // The holdout check by frequency and by recency are in months too.
    expect(check.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(direct.length);
    expect(check.byRecency.reduce((s, r) => s + r.customers, 0)).toBe(direct.length);
  });

  it('tracks customers buying again month by month against BG/BB, calibration end at 9', async () => {
    const view = ws.notebook.runs[cell.id]!.predict!;
    const p = view.check!.fit.params as unknown as BgBbParams;
    // Straight from the orders: customers first buying in months 0..8 who buy again in month k.
    const buyers = await query(`
      WITH months AS (
        SELECT DISTINCT customer_id,
          (year(CAST(order_date AS DATE)) - 1997) * 12 + month(CAST(order_date AS DATE)) - 1 AS p
        FROM orders),
      born AS (SELECT customer_id, min(p) AS b FROM months WHERE p < 9 GROUP BY customer_id)
      SELECT CAST(m.p AS INTEGER) AS k, CAST(count(*) AS INTEGER) AS n
      FROM months AS m JOIN born USING (customer_id)
      WHERE m.p > born.b AND m.p <= 17 GROUP BY m.p`);
    const cohorts = await query(`
      WITH months AS (
        SELECT DISTINCT customer_id,
          (year(CAST(order_date AS DATE)) - 1997) * 12 + month(CAST(order_date AS DATE)) - 1 AS p
        FROM orders)
      SELECT CAST(min(p) AS INTEGER) AS b, CAST(count(*) OVER () AS INTEGER) AS total
      FROM months GROUP BY customer_id HAVING min(p) < 9`);
    const perMonth = new Map(buyers.map((r) => [Number(r.k), Number(r.n)]));
    // P(a purchase at opportunity t) = alpha/(alpha+beta) * prod_{i<t} (delta+i)/(gamma+delta+i).
    const chance = (t: number) => {
      let v = p.alpha / (p.alpha + p.beta);
      for (let i = 0; i < t; i++) v *= (p.delta + i) / (p.gamma + p.delta + i);
      return v;
    };
    expect(view.calibrationPeriod).toBe(9);
    expect(view.tracking.map((t) => t.period)).toEqual(Array.from({ length: 18 }, (_, k) => k + 1));
    let [actual, expected] = [0, 0];
    for (let k = 0; k < 18; k++) {
      actual += perMonth.get(k) ?? 0;
      for (const c of cohorts) if (Number(c.b) < k) expected += chance(k - Number(c.b));
      expect(view.tracking[k]!.actual).toBe(actual);
      expect(view.tracking[k]!.expected).toBeCloseTo(expected, 6);
    }
    expect(actual).toBeGreaterThan(1000);
  });
});
