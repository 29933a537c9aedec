import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueTiers, type ValueTiersParams } from '../../../src/model/presets/value-tiers';
import { methodValueCuts, typedValueCut } from '../../../src/model/presets/value-cuts';
import { loadValueTierCutPoints } from '../../../src/state/value-tier-cut-points';
import { NodeEngine } from '../../support/node-engine';

interface Customer {
  id: number;
  prospect: boolean;
  frequency: number;
  monetary: number;
}

// Skewed spend (a few big spenders) with ties, varied order counts, and prospects without orders.
const CUSTOMERS: Customer[] = Array.from({ length: 300 }, (_, i) => {
  const prospect = i % 17 === 0;
  return {
    id: i + 1,
    prospect,
    frequency: prospect ? 0 : 1 + ((i * 7) % 5),
    monetary: prospect ? 0 : Math.round(((i * 53) % 97) ** 2 / 3 + (i % 29 === 0 ? 25_000 : 0)) / 4,
  };
});
const BUYERS = CUSTOMERS.filter((c) => !c.prospect);
const SPEND = BUYERS.map((c) => c.monetary);

/**
 * DuckDB's quantile_cont, which the preset's percentile rules use: linear interpolation between
 * the sorted values at (n - 1)·p, R's quantile type 7.
 */
function quantile(values: number[], p: number): number {
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo]! + (h - lo) * ((xs[lo + 1] ?? xs[lo]!) - xs[lo]!);
}

/** By rank, a tier is every buyer with fewer than `share` of buyers spending strictly more. */
function rankCut(share: number): number {
  const inTier = SPEND.filter((m) => SPEND.filter((o) => o > m).length / SPEND.length < share);
  return Math.min(...inTier);
}

/** By revenue share, a tier is every buyer whose strictly bigger spenders bring under `share`. */
function paretoCut(share: number): number {
  const total = SPEND.reduce((a, b) => a + b, 0);
  const before = (m: number) => SPEND.filter((o) => o > m).reduce((a, b) => a + b, 0) / total;
  return Math.min(...SPEND.filter((m) => before(m) < share));
}

const ctx = { features: 'feats', asOf: '2024-01-01', lang: 'en' as const };
let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  const rows = CUSTOMERS.map(
    (c) => `(${c.id}, ${c.prospect ? 'NULL' : 10}, ${c.frequency}, ${c.monetary}, ${c.prospect})`,
  ).join(',\n');
  // Spend is a DOUBLE in the app's features (sql/amount.ts); literals like 348.25 would be DECIMAL.
  await engine.exec(`CREATE TABLE feats AS SELECT customer_id, recency_days, frequency,
    CAST(monetary AS DOUBLE) AS monetary, is_prospect FROM (VALUES ${rows})
    v(customer_id, recency_days, frequency, monetary, is_prospect)`);
});
afterAll(() => engine.close());

const params = (over: Partial<ValueTiersParams> = {}): ValueTiersParams => ({
  ...valueTiers.defaults(),
  ...over,
});

async function tiers(p: ValueTiersParams): Promise<Map<number, string>> {
  const sql = valueTiers.toSql(p, ctx);
  const { rows } = await engine.query(`SELECT customer_id, segment_key FROM (${sql}) s`);
  return new Map(rows.map((r) => [Number(r.customer_id), String(r.segment_key)]));
}

describe('value tiers cut points', () => {
  it('by percentile rules: the type-7 quantiles of buyers’ spend, computed apart', async () => {
    const p = params({ mode: 'thresholds', vipMonetary: 0.9, importantMonetary: 0.65 });
    const [d] = await loadValueTierCutPoints(engine, ctx, p);
    expect(d!.fixed).toBe(false);
    expect(d!.basis).toBe('rules');
    expect(d!.cuts[0]).toBeCloseTo(quantile(SPEND, 0.65), 6);
    expect(d!.cuts[1]).toBeCloseTo(quantile(SPEND, 0.9), 6);
    expect(d!.scale).toBe('symlog');
    expect(d!.histogram.reduce((s, b) => s + b.customers, 0)).toBe(BUYERS.length);
  });

  it('by rank: where the top 10% and top 30% of buyers start, ties together', async () => {
    const [d] = await loadValueTierCutPoints(engine, ctx, params());
    expect(d!.basis).toBe('rank');
    expect(d!.cuts).toEqual([rankCut(0.3), rankCut(0.1)]);
    // The tiers are exactly the buyers at or above each cut.
    const got = await tiers(params());
    for (const c of BUYERS) {
      const expected =
        c.monetary >= d!.cuts[1]! ? 'vip' : c.monetary >= d!.cuts[0]! ? 'important' : 'ordinary';
      expect(got.get(c.id), `customer ${c.id}`).toBe(expected);
    }
  });

  it('by revenue share: where the buyers bringing 50% and 80% of revenue start', async () => {
    const p = params({ mode: 'pareto' });
    const [d] = await loadValueTierCutPoints(engine, ctx, p);
    expect(d!.basis).toBe('pareto');
    expect(d!.cuts).toEqual([paretoCut(0.8), paretoCut(0.5)]);
  });

  it('typed: moves buyers exactly as a recount in JS says, and back with the method', async () => {
    const p = params();
    const [before] = await loadValueTierCutPoints(engine, ctx, p);
    const [important, vip] = before!.cuts as [number, number];
    const typed = Math.round((important + vip) / 2);
    const next = params(typedValueCut(before!.cuts, 1, typed));
    expect(next.valueCuts).toBe(`${important}, ${typed}`);
    expect(valueTiers.validate(next)).toEqual([]);
    const [after] = await loadValueTierCutPoints(engine, ctx, next);
    expect(after!.fixed).toBe(true);
    expect(after!.cuts).toEqual([important, typed]);
    expect(valueTiers.toSql(next, ctx)).toContain(`${typed} AS "vip_monetary"`);

    const got = await tiers(next);
    const old = await tiers(p);
    const recount = (c: Customer) =>
      c.prospect
        ? 'potential'
        : c.monetary >= typed
          ? 'vip'
          : c.monetary >= important
            ? 'important'
            : 'ordinary';
    let moved = 0;
    for (const c of CUSTOMERS) {
      expect(got.get(c.id), `customer ${c.id}`).toBe(recount(c));
      if (old.get(c.id) !== recount(c)) moved++;
    }
    const jsMoved = BUYERS.filter((c) => c.monetary >= typed && c.monetary < vip).length;
    expect(moved).toBe(jsMoved);
    expect(moved).toBeGreaterThan(0);
    expect(await tiers(params({ ...next, ...methodValueCuts() }))).toEqual(old);
  });

  it('typed under rules: the spend cut changes, the order counts still apply', async () => {
    const p = params({ mode: 'thresholds', vipFrequency: 3, importantFrequency: 2 });
    const [before] = await loadValueTierCutPoints(engine, ctx, p);
    const typed = 100;
    expect(typed).toBeLessThan(before!.cuts[0]!);
    const next = params({ ...p, ...typedValueCut(before!.cuts, 0, typed) });
    const vip = before!.cuts[1]!;
    const got = await tiers(next);
    for (const c of BUYERS) {
      const expected =
        c.monetary >= vip && c.frequency >= 3
          ? 'vip'
          : c.monetary >= typed && c.frequency >= 2
            ? 'important'
            : 'ordinary';
      expect(got.get(c.id), `customer ${c.id}`).toBe(expected);
    }
  });

  it('refuses cuts that do not increase, or are not two numbers, in both languages', () => {
    const down = valueTiers.validate(params(typedValueCut([300, 1200], 1, 200)));
    expect(down.map((e) => e.key)).toEqual(['valueCuts']);
    expect(down[0]!.message.en).toMatch(/increase/);
    expect(down[0]!.message.zh).toMatch(/递增/);
    for (const valueCuts of ['300', '300, 1200, 5000', 'abc, 1200']) {
      const bad = valueTiers.validate(params({ valueCuts }));
      expect(bad.map((e) => e.key)).toEqual(['valueCuts']);
      expect(bad[0]!.message.en).toMatch(/two numbers/);
      expect(bad[0]!.message.zh).toMatch(/两个数字/);
      expect(() => valueTiers.toSql(params({ valueCuts }), ctx)).toThrow();
    }
  });
});
