import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutEditor } from '../../../src/model/presets/cut-editors';
import { needs, type NeedsParams } from '../../../src/model/presets/needs';
import { loadNeedsCutPoints } from '../../../src/state/needs-cut-points';
import { NodeEngine } from '../../support/node-engine';

// Buyers' average unit prices with ties and a long tail; every seventh customer a prospect.
const CUSTOMERS = Array.from({ length: 200 }, (_, i) => ({
  id: i + 1,
  prospect: i % 7 === 0,
  price: Math.round((((i * 37) % 101) ** 2 / 40 + (i % 23 === 0 ? 900 : 0)) * 100) / 100 + 1,
}));
const PRICES = CUSTOMERS.filter((c) => !c.prospect).map((c) => c.price);

/** DuckDB's quantile_cont: R's type 7, linear between the sorted values at (n - 1)·p. */
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
      `(${c.id}, ${c.prospect ? 'NULL' : 10}, ${c.prospect ? 'NULL' : c.price}, ${c.prospect})`,
  ).join(',\n');
  await engine.exec(`CREATE TABLE feats AS SELECT customer_id, recency_days,
    CAST(NULL AS DOUBLE) AS discount_share, CAST(NULL AS DOUBLE) AS top_brand_share,
    CAST(3 AS BIGINT) AS frequency, CAST(price AS DOUBLE) AS avg_unit_price, is_prospect
    FROM (VALUES ${rows}) v(customer_id, recency_days, price, is_prospect)`);
});
afterAll(() => engine.close());

const params = (over: Partial<NeedsParams> = {}): NeedsParams => ({ ...needs.defaults(), ...over });
const qualitySensitive = async (p: NeedsParams) =>
  (await engine.query(needs.toSql(p, ctx))).rows.filter((r) => r.is_quality_sensitive).length;

describe('loadNeedsCutPoints', () => {
  it("is the 80th percentile of buyers' average unit price, computed apart", async () => {
    const [d] = await loadNeedsCutPoints(engine, ctx, params());
    expect(d!.dimension).toBe('quality');
    expect(d!.fixed).toBe(false);
    expect(d!.cuts[0]).toBeCloseTo(quantile(PRICES, 0.8), 9);
    expect(d!.bins[1]!.lower).toBe(d!.cuts[0]);
    expect(d!.histogram.reduce((n, b) => n + b.customers, 0)).toBe(PRICES.length);
    expect(d!.decimals).toBe(2);
  });

  it('typed: the fixed price the editor sets moves buyers as a count in JS says, and back', async () => {
    const editor = cutEditor('needs')!;
    const [before] = await loadNeedsCutPoints(engine, ctx, params());
    const typed = 30;
    const next = params(editor.typed('quality', before!.cuts, 0, typed) as Partial<NeedsParams>);
    expect(needs.validate(next)).toEqual([]);
    const [after] = await loadNeedsCutPoints(engine, ctx, next);
    expect([after!.fixed, after!.cuts]).toEqual([true, [typed]]);
    expect(await qualitySensitive(next)).toBe(PRICES.filter((p) => p >= typed).length);
    const back = params({ ...next, ...(editor.reset('quality') as Partial<NeedsParams>) });
    expect(await qualitySensitive(back)).toBe(await qualitySensitive(params()));
    expect(
      needs
        .validate(params(editor.typed('quality', [null], 0, -5) as Partial<NeedsParams>))
        .map((e) => e.key),
    ).toEqual([editor.paramKey('quality')]);
  });
});
