import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutEditor } from '../../../src/model/presets/cut-editors';
import {
  purchaseBehaviour,
  type PurchaseBehaviourParams,
} from '../../../src/model/presets/purchase-behaviour';
import { loadPurchaseBehaviourCutPoints } from '../../../src/state/purchase-behaviour-cut-points';
import { NodeEngine } from '../../support/node-engine';

interface Customer {
  id: number;
  prospect: boolean;
  frequency: number;
  aov: number;
  max: number;
}

// Order counts with many ties (mostly one to six orders, a few heavy buyers), skewed order values.
const CUSTOMERS: Customer[] = Array.from({ length: 300 }, (_, i) => {
  const prospect = i % 17 === 0;
  const aov = Math.round(((i * 53) % 97) ** 2 / 7 + (i % 29 === 0 ? 4_000 : 0)) / 4 + 5;
  return {
    id: i + 1,
    prospect,
    frequency: prospect ? 0 : 1 + ((i * 7) % 6) + (i % 50 === 1 ? 30 : 0),
    aov: prospect ? 0 : aov,
    max: prospect ? 0 : aov * (1 + (i % 3)),
  };
});
const BUYERS = CUSTOMERS.filter((c) => !c.prospect);

/**
 * DuckDB's quantile_cont, which the preset's percentile cuts use: linear interpolation between
 * the sorted values at (n - 1)·p, R's quantile type 7.
 */
function quantile(values: number[], p: number): number {
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo]! + (h - lo) * ((xs[lo + 1] ?? xs[lo]!) - xs[lo]!);
}

const ctx = { features: 'feats', asOf: '2024-01-01', lang: 'en' as const };
let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  const rows = CUSTOMERS.map(
    (c) =>
      `(${c.id}, ${c.prospect ? 'NULL' : 10}, ${c.frequency}, ${c.prospect ? 'NULL' : c.aov}, ${c.prospect ? 'NULL' : c.max}, ${c.prospect})`,
  ).join(',\n');
  // Order values are DOUBLEs in the app's features (sql/amount.ts), not DECIMAL literals.
  await engine.exec(`CREATE TABLE feats AS SELECT customer_id, recency_days, frequency,
    CAST(aov AS DOUBLE) AS avg_order_value, CAST(mx AS DOUBLE) AS max_order_value, is_prospect
    FROM (VALUES ${rows}) v(customer_id, recency_days, frequency, aov, mx, is_prospect)`);
});
afterAll(() => engine.close());

const params = (over: Partial<PurchaseBehaviourParams> = {}): PurchaseBehaviourParams => ({
  ...purchaseBehaviour.defaults(),
  ...over,
});
const editor = cutEditor('purchase-behaviour')!;

async function segments(p: PurchaseBehaviourParams): Promise<Map<number, string>> {
  const sql = purchaseBehaviour.toSql(p, ctx);
  const { rows } = await engine.query(`SELECT customer_id, segment_key FROM (${sql}) s`);
  return new Map(rows.map((r) => [Number(r.customer_id), String(r.segment_key)]));
}

describe('purchase behaviour cut points', () => {
  it('are the type-7 quantiles of buyers (orders never below 2), computed apart', async () => {
    for (const [fp, tp, measure] of [
      [0.75, 0.8, 'avg_order_value'],
      [0.3, 0.5, 'max_order_value'],
    ] as const) {
      const p = params({ frequencyPercentile: fp, ticketPercentile: tp, ticketMeasure: measure });
      const [f, t] = await loadPurchaseBehaviourCutPoints(engine, ctx, p);
      const orders = BUYERS.map((c) => c.frequency);
      const values = BUYERS.map((c) => (measure === 'max_order_value' ? c.max : c.aov));
      expect(f!.cuts[0]).toBeCloseTo(Math.max(2, quantile(orders, fp)), 6);
      expect(t!.cuts[0]).toBeCloseTo(quantile(values, tp), 6);
      expect(t!.column).toBe(measure);
      expect([f!.fixed, t!.fixed]).toEqual([false, false]);
      expect(t!.histogram.reduce((s, b) => s + b.customers, 0)).toBe(BUYERS.length);
    }
  });

  it('typed: moves buyers exactly as a recount in JS says, and back to quantiles', async () => {
    const p = params();
    const [f, t] = await loadPurchaseBehaviourCutPoints(engine, ctx, p);
    const frequencyCut = f!.cuts[0]!;
    const typed = Math.round(t!.cuts[0]! / 2);
    const next = params(editor.typed('ticket', t!.cuts, 0, typed));
    expect(purchaseBehaviour.validate(next)).toEqual([]);
    const [, after] = await loadPurchaseBehaviourCutPoints(engine, ctx, next);
    expect(after!.fixed).toBe(true);
    expect(after!.cuts).toEqual([typed]);
    expect(purchaseBehaviour.toSql(next, ctx)).toContain(`${typed} AS ticket_threshold`);

    const got = await segments(next);
    const old = await segments(p);
    const recount = (c: Customer) => {
      if (c.prospect) return 'prospect';
      const high = c.frequency >= frequencyCut;
      const big = c.aov >= typed;
      return high && big
        ? 'frequent_big'
        : high
          ? 'frequent'
          : big
            ? 'occasional_big'
            : 'occasional';
    };
    let moved = 0;
    for (const c of CUSTOMERS) {
      expect(got.get(c.id), `customer ${c.id}`).toBe(recount(c));
      if (old.get(c.id) !== recount(c)) moved++;
    }
    const jsMoved = BUYERS.filter((c) => c.aov >= typed && c.aov < t!.cuts[0]!).length;
    expect(moved).toBe(jsMoved);
    expect(moved).toBeGreaterThan(0);
    expect(await segments(params({ ...next, ...editor.reset('ticket') }))).toEqual(old);

    const orders = params(editor.typed('frequency', f!.cuts, 0, 5));
    const [fixedOrders] = await loadPurchaseBehaviourCutPoints(engine, ctx, orders);
    expect([fixedOrders!.fixed, fixedOrders!.cuts[0]]).toEqual([true, 5]);
  });

  it('refuses a fractional order count or a negative amount, in both languages', () => {
    const orders = purchaseBehaviour.validate(params(editor.typed('frequency', [3], 0, 2.5)));
    expect(orders.map((e) => e.key)).toEqual([editor.paramKey('frequency')]);
    const amount = purchaseBehaviour.validate(params(editor.typed('ticket', [80], 0, -5)));
    expect(amount.map((e) => e.key)).toEqual([editor.paramKey('ticket')]);
    for (const e of [...orders, ...amount]) {
      expect(e.message.en.length).toBeGreaterThan(10);
      expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(amount[0]!.message.en).toMatch(/minimum order value/);
    expect(amount[0]!.message.zh).toMatch(/最低订单金额/);
  });
});
