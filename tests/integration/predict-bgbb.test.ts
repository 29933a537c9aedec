import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { periodOrdersFromRows } from '../../src/model/clv/period-bins';
import { periodStart, wholePeriods } from '../../src/model/clv/period-calendar';
import { predictBgBb, type PeriodInput } from '../../src/model/clv/predict-bgbb';
import type { PredictSettings } from '../../src/model/clv/predict';
import { clvPeriodsSql } from '../../src/sql/clv-periods';
import { NodeEngine } from '../support/node-engine';

/*
 * BG/BB in the Predict cell on the donations of Fader, Hardie & Shang (2010), as lifetimes
 * ships them (tests/fixtures/lifetimes/donations.csv: 22 (x, t_x, n = 6) rows standing for
 * 11,104 donors). The rows are expanded into orders, one donor at a time (a first gift in 1995,
 * then x yearly gifts ending in year t_x after it), loaded into DuckDB, and binned back by
 * the app's own SQL and code. The published numbers (lifetimes' tests): alpha 1.204, beta
 * 0.750, gamma 0.657, delta 2.783; P(alive) 0.11 at (0, 0), 0.59 at (2, 4), 0.93 at (6, 6);
 * 12,884.2 expected gifts over the next 5 years, summed over donors.
 */

let engine: NodeEngine;
let input: PeriodInput;
let donors: Record<string, unknown>[];
const SETTINGS: PredictSettings = {
  unit: 'weeks',
  horizonMonths: 60,
  monthlyDiscountRate: 0,
  margin: 1,
  model: 'bgbb',
};

beforeAll(async () => {
  engine = await NodeEngine.start();
  const csv = fileURLToPath(new URL('../fixtures/lifetimes/donations.csv', import.meta.url));
  engine.registerPath('/seglab/donations.csv', csv);
  await engine.exec(`
    CREATE TABLE donors AS
      SELECT 'd' || r || '-' || k AS donor, frequency AS x, recency AS tx, k
      FROM (SELECT row_number() OVER () AS r, * FROM read_csv('/seglab/donations.csv')),
        range(weights) AS t(k);
    CREATE TABLE gifts AS
      SELECT donor, make_date(1995 + year, 6, 15) AS gift_date, 20 + (k % 5) * 10 + year AS amount
      FROM (
        SELECT donor, k, 0 AS year FROM donors
        UNION ALL
        SELECT donor, k, unnest(range(tx - x + 1, tx + 1)) AS year FROM donors WHERE x > 0
      )`);
  donors = (await engine.query('SELECT donor, x, tx FROM donors')).rows;
  const sql = clvPeriodsSql({
    relation: 'gifts',
    customerId: 'donor',
    date: 'gift_date',
    amountSql: 'CAST("amount" AS DOUBLE)',
    start: periodStart('1995-06-15', 'year'),
    months: 12,
    end: '2001-12-31',
  });
  input = {
    orders: periodOrdersFromRows((await engine.query(sql)).rows),
    period: 'year',
    calibrationPeriods: wholePeriods('1995-06-15', '2001-12-31', 'year'),
    holdoutPeriods: 0,
  };
}, 60_000);
afterAll(() => engine?.close());

describe('predictBgBb on the donations, from orders', () => {
  it('bins 11,104 donors into the published (x, t_x, n) and fits the published parameters', () => {
    expect(input.calibrationPeriods).toBe(7);
    const r = predictBgBb(input, SETTINGS);
    expect(r.customerIds).toHaveLength(11_104);
    const p = r.fit.params;
    expect(p.alpha).toBeCloseTo(1.204, 2);
    expect(p.beta).toBeCloseTo(0.75, 2);
    expect(p.gamma).toBeCloseTo(0.657, 2);
    expect(p.delta).toBeCloseTo(2.783, 2);
    expect(r.fit.model).toBe('bgbb');
    expect(r.fit.estimates.every((e) => e.standardError > 0 && e.low < e.value)).toBe(true);
  });

  it('scores each donor by their own history: P(alive), 5-year gifts and CLV', () => {
    const r = predictBgBb(input, SETTINGS);
    const byId = new Map(donors.map((d) => [String(d.donor), [Number(d.x), Number(d.tx)]]));
    const alive = (x: number, tx: number) => {
      const i = r.customerIds.findIndex((id) => {
        const [dx, dtx] = byId.get(id)!;
        return dx === x && dtx === tx;
      });
      return r.pAlive[i]!;
    };
    expect(alive(0, 0)).toBeCloseTo(0.11, 2);
    expect(alive(2, 4)).toBeCloseTo(0.59, 2);
    expect(alive(6, 6)).toBeCloseTo(0.93, 2);
    const total = r.expectedPurchases.reduce((s, v) => s + v, 0);
    expect(Math.abs(total - 12_884.2)).toBeLessThan(1);
    // No discount and a margin of 1: CLV is expected spend per gift times expected gifts.
    r.customerIds.forEach((_, i) => {
      if (Number.isFinite(r.clv[i]!)) {
        expect(r.clv[i]).toBeCloseTo(r.expectedSpend[i]! * r.expectedPurchases[i]!, 6);
      }
    });
    expect(r.gg).not.toBeNull();
  });

  it('counts donors by repeat gifts beside the model (3,454.9 expected with none)', () => {
    const r = predictBgBb(input, SETTINGS);
    expect(r.repeatHistogram[0]!.actual).toBe(3464);
    expect(Math.abs(r.repeatHistogram[0]!.expected - 3454.9)).toBeLessThan(0.1);
    expect(r.repeatHistogram.map((h) => h.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(Math.abs(r.repeatHistogram[6]!.expected - 1253.1)).toBeLessThan(0.1);
  });
});
