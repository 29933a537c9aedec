import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfmPreset, type RfmParams } from '../../../src/model/presets/rfm';
import { quantileCuts, typedCut } from '../../../src/model/presets/rfm-cut-points';
import { loadRfmCutPoints } from '../../../src/state/cut-points';
import { NodeEngine } from '../../support/node-engine';

interface Customer {
  id: number;
  recency: number | null;
  frequency: number;
  monetary: number;
}

// Skewed spend (a few big spenders), ties in frequency, and prospects without orders.
const CUSTOMERS: Customer[] = Array.from({ length: 300 }, (_, i) => {
  const prospect = i % 17 === 0;
  return {
    id: i + 1,
    recency: prospect ? null : (i * 37) % 400,
    frequency: prospect ? 0 : 1 + ((i * 7) % 5) + (i % 50 === 1 ? 40 : 0),
    monetary: prospect ? 0 : Math.round(((i * 53) % 97) ** 2 / 3 + (i % 29 === 0 ? 25_000 : 0)) / 4,
  };
});
const BUYERS = CUSTOMERS.filter((c) => c.recency !== null);
const COLUMN = { recency: 'recency', frequency: 'frequency', monetary: 'monetary' } as const;

/** R's quantile type 7, written out. */
function quantile(values: number[], p: number): number {
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo]! + (h - lo) * ((xs[lo + 1] ?? xs[lo]!) - xs[lo]!);
}

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  const rows = CUSTOMERS.map(
    (c) =>
      `(${c.id}, ${c.recency ?? 'NULL'}, ${c.frequency}, ${c.monetary}, ${c.recency === null})`,
  ).join(',\n');
  await engine.exec(`CREATE TABLE feats AS SELECT * FROM (VALUES ${rows})
    v(customer_id, recency_days, frequency, monetary, is_prospect)`);
});
afterAll(() => engine.close());

const params = (over: Partial<RfmParams> = {}): RfmParams => ({ ...rfmPreset.defaults(), ...over });

async function scores(p: RfmParams): Promise<Map<number, number>> {
  const sql = rfmPreset.toSql(p, { features: 'feats', asOf: '2024-01-01', lang: 'en' });
  const { rows } = await engine.query(`SELECT customer_id, monetary_score FROM (${sql}) s`);
  return new Map(rows.map((r) => [Number(r.customer_id), r.monetary_score as number]));
}

describe('RFM cut points', () => {
  it('are the quantiles (plus one, as R rfm cuts) of buyers, computed apart', async () => {
    const p = params({ recencyBins: 4, frequencyBins: 3, monetaryBins: 5 });
    const dims = await loadRfmCutPoints(engine, 'feats', p);
    for (const d of dims) {
      const n = p[`${d.dimension}Bins`];
      const values = BUYERS.map((c) => c[COLUMN[d.dimension]]!);
      const expected = Array.from({ length: n - 1 }, (_, k) => quantile(values, (k + 1) / n) + 1);
      expect(d.fixed).toBe(false);
      expect(d.cuts).toHaveLength(n - 1);
      d.cuts.forEach((c, k) => expect(c).toBeCloseTo(expected[k]!, 6));
      // The histogram holds every buyer once.
      expect(d.histogram.reduce((s, b) => s + b.customers, 0)).toBe(BUYERS.length);
    }
    const monetary = dims.find((d) => d.dimension === 'monetary')!;
    expect(monetary.scale).toBe('symlog');
    expect(dims.find((d) => d.dimension === 'recency')!.scale).toBe('linear');
  });

  it('typed: moves customers exactly as a recount in JS says, and back with quantiles', async () => {
    const p = params({ monetaryBins: 4 });
    const before = (await loadRfmCutPoints(engine, 'feats', p)).find(
      (d) => d.dimension === 'monetary',
    )!;
    const typed = 150;
    expect(typed).toBeGreaterThan(before.cuts[0]!);
    expect(typed).toBeLessThan(before.cuts[2]!);
    const next = params({ monetaryBins: 4, ...typedCut('monetary', before.cuts, 1, typed) });
    expect(rfmPreset.validate(next)).toEqual([]);
    const after = (await loadRfmCutPoints(engine, 'feats', next)).find(
      (d) => d.dimension === 'monetary',
    )!;
    expect(after.fixed).toBe(true);
    expect(after.cuts[1]).toBe(typed);
    const cuts = [before.cuts[0]!, typed, before.cuts[2]!];
    const got = await scores(next);
    const old = await scores(p);
    let moved = 0;
    for (const c of BUYERS) {
      const expected = 1 + cuts.filter((cut) => c.monetary >= cut).length;
      expect(got.get(c.id), `customer ${c.id}`).toBe(expected);
      if (old.get(c.id) !== expected) moved++;
    }
    const jsMoved = BUYERS.filter((c) => {
      const oldScore = 1 + before.cuts.filter((cut) => c.monetary >= cut).length;
      return oldScore !== 1 + cuts.filter((cut) => c.monetary >= cut).length;
    }).length;
    expect(moved).toBe(jsMoved);
    expect(moved).toBeGreaterThan(0);
    const back = params({ ...next, ...quantileCuts('monetary') });
    expect(await scores(back)).toEqual(old);
  });

  it('refuses typed cut points that do not increase, in both languages', () => {
    const p = params(typedCut('frequency', [2, 4, 6], 2, 3));
    const errors = rfmPreset.validate(p);
    expect(errors.map((e) => e.key)).toEqual(['frequencyThresholds']);
    expect(errors[0]!.message.en).toMatch(/increase/);
    expect(errors[0]!.message.zh).toMatch(/递增/);
  });
});
