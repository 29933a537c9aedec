import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick } from '../../../src/domain/labels';
import { FEATURES_TABLE } from '../../../src/model/features-table';
import { presetParams } from '../../../src/model/preset-params';
import { presetById } from '../../../src/model/presets';
import { quadrant, quadrantMembers, type Quadrant } from '../../../src/state/evaluate';
import { quadrantAt } from '../../../src/state/quadrant-at';
import type { QuadrantKey } from '../../../src/transforms/quadrant-recount';
import { quadrantSplit } from '../../../src/transforms/quadrant-split';
import { NodeEngine } from '../../support/node-engine';

/**
 * The JS recount of a quadrant at new thresholds against DuckDB running the value-loyalty
 * preset's own SQL at those thresholds: every count, revenue sum, bin and point colour equal.
 */

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

/**
 * `n` customers, every 40th a prospect (no orders, spend 0). Spend and orders are whole numbers
 * repeating often, so many customers sit exactly on a threshold taken from the data, and every
 * revenue sum is exact in any order of addition; `score` is missing for every third buyer.
 */
async function makeFeatures(n: number): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TABLE ${FEATURES_TABLE} AS
SELECT
  'c' || i AS customer_id,
  i % 40 = 0 AS is_prospect,
  CASE WHEN i % 40 = 0 THEN 0 ELSE (i * 37) % 1000 END::DOUBLE AS monetary,
  CASE WHEN i % 40 = 0 THEN 0 ELSE i % 7 + 1 END::BIGINT AS frequency,
  CASE WHEN i % 40 = 0 THEN 0 ELSE least(i % 7 + 1, i % 4 + 1) END::BIGINT AS purchase_days,
  CASE WHEN i % 40 = 0 THEN NULL ELSE (i * 13) % 400 END::INTEGER AS tenure_days,
  CASE WHEN i % 40 = 0 OR i % 3 = 0 THEN NULL ELSE (i * 7) % 10 END::DOUBLE AS score
FROM range(${n}) t(i)`);
}

type Params = Record<string, unknown>;

/** The preset's SQL with these parameters, stored as table `name`, and its quadrant. */
async function segmentAs(name: string, params: Params): Promise<Quadrant> {
  const preset = presetById('value-loyalty');
  const p = { ...presetParams(preset, { params: {} }), ...params };
  const sql = preset.toSql(p, { features: FEATURES_TABLE, asOf: '2025-01-01', lang: 'en' });
  await engine.exec(`CREATE OR REPLACE TABLE ${name} AS ${sql}`);
  return quadrant(engine, name);
}

const LABELS = Object.fromEntries(
  presetById('value-loyalty')
    .segments(presetParams(presetById('value-loyalty'), { params: {} }))
    .map((d) => [d.key, pick(d.label, 'en')]),
) as Record<QuadrantKey, string>;

/** Customers and spend per segment, counted by DuckDB straight from a result table. */
async function perSegment(table: string) {
  const { rows } = await engine.query(
    `SELECT segment, count(*) AS customers, sum(monetary) AS revenue FROM ${table} GROUP BY segment ORDER BY segment`,
  );
  return rows.map((r) => ({ ...r, revenue: Number(r.revenue) }));
}

/** Per segment from a quadrant's totals, in the same shape. */
function totalsPerSegment(q: Quadrant) {
  const by = new Map<string, { segment: string; customers: number; revenue: number }>();
  for (const t of q.summary) {
    const g = by.get(t.segment) ?? { segment: t.segment, customers: 0, revenue: 0 };
    g.customers += Number(t.customers);
    g.revenue += Number(t.revenue);
    by.set(t.segment, g);
  }
  return [...by.values()].sort((a, b) => (a.segment < b.segment ? -1 : 1));
}

/** Point colours by customer, to compare whatever order the points came in. */
const colours = (q: Quadrant) =>
  Object.fromEntries(q.rows.map((r) => [r.customer_id, r.segment]).sort());

/** The recount at `params` from the result made at `start`, and DuckDB's own at `params`. */
async function both(start: Params, params: Params) {
  const before = await segmentAs('vl_before', start);
  const members = await quadrantMembers(engine, 'vl_before', before);
  const sql = await segmentAs('vl_after', params);
  const cuts =
    params.split === 'custom'
      ? { value: Number(params.valueCut), loyalty: Number(params.loyaltyCut) }
      : {
          value: quadrantSplit(members.value, members.prospect, params.split as 'mean'),
          loyalty: quadrantSplit(members.loyalty, members.prospect, params.split as 'mean'),
        };
  const js = quadrantAt(before, members, cuts, LABELS);
  return { js, sql, members };
}

function expectSame(js: Quadrant, sql: Quadrant) {
  expect(js.valueThreshold).toBe(sql.valueThreshold);
  expect(js.loyaltyThreshold).toBe(sql.loyaltyThreshold);
  const plain = (q: Quadrant) =>
    q.summary.map((t) => ({ ...t, customers: Number(t.customers), revenue: Number(t.revenue) }));
  expect(plain(js)).toEqual(plain(sql));
  expect(totalsPerSegment(js)).toEqual(totalsPerSegment(sql));
  if (sql.rows.some((r) => r.kind === 'bin')) {
    expect(js.rows).toEqual(sql.rows.map((r) => ({ ...r, customers: Number(r.customers) })));
  } else {
    expect(colours(js)).toEqual(colours(sql));
  }
}

describe('quadrantAt, drawn as points (1,000 customers)', () => {
  beforeAll(() => makeFeatures(1_000));
  const start = { split: 'custom', valueCut: 500, loyaltyCut: 3, prospects: 'segment' };

  it.each([
    // exactly on the thresholds: 500 and 3 orders are in the data, and are low
    ['ties at the thresholds', { split: 'custom', valueCut: 500, loyaltyCut: 4 }],
    ['below every value', { split: 'custom', valueCut: -1, loyaltyCut: 0 }],
    ['above every value', { split: 'custom', valueCut: 5000, loyaltyCut: 99 }],
    ['a fraction', { split: 'custom', valueCut: 123.5, loyaltyCut: 2.5 }],
    ['the median', { split: 'median' }],
    ['the mean', { split: 'mean' }],
  ])('counts as the SQL does: %s', async (_name, at) => {
    const { js, sql } = await both(start, { ...start, ...at });
    expectSame(js, sql);
    expect(totalsPerSegment(js)).toEqual(await perSegment('vl_after'));
    expect(js.rows.some((r) => r.kind === 'point')).toBe(true);
  });

  it('keeps prospects apart at any threshold, and without them counts the rest', async () => {
    const { js } = await both(start, { ...start, valueCut: -1, loyaltyCut: -1 });
    const prospects = js.summary.filter((t) => t.segment === LABELS.prospect);
    expect(prospects.reduce((n, t) => n + t.customers, 0)).toBe(25);
    const without = { ...start, prospects: 'exclude' };
    const r = await both(without, { ...without, valueCut: 250, loyaltyCut: 5 });
    expectSame(r.js, r.sql);
    expect(r.js.summary.some((t) => t.segment === LABELS.prospect)).toBe(false);
  });

  it.each(['median', 'mean'] as const)(
    'with missing values (a score for two buyers in three), split at the %s',
    async (split) => {
      const s = { ...start, valueColumn: 'score', loyaltyMeasure: 'repurchase' };
      const { js, sql } = await both(s, { ...s, split });
      expectSame(js, sql);
      const r = await both(s, { ...s, valueCut: 4, loyaltyCut: 0.5 });
      expectSame(r.js, r.sql);
    },
  );
});

describe('quadrantAt, drawn as density bins (8,000 customers)', () => {
  beforeAll(() => makeFeatures(8_000));
  const start = { split: 'median', loyaltyMeasure: 'tenure', prospects: 'segment' };

  it.each([
    ['ties at the thresholds', { split: 'custom', valueCut: 370, loyaltyCut: 130 }],
    ['a low cut', { split: 'custom', valueCut: 3, loyaltyCut: 1 }],
    ['the mean', { split: 'mean' }],
    ['the median', { split: 'median' }],
  ])('counts and colours the bins as the SQL does: %s', async (_name, at) => {
    const { js, sql } = await both(start, { ...start, ...at });
    expect(sql.rows.every((r) => r.kind === 'bin')).toBe(true);
    expectSame(js, sql);
    expect(totalsPerSegment(js)).toEqual(await perSegment('vl_after'));
  });
});
