import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QUADRANT_POINTS,
  quadrantCellsSql,
  quadrantPointsSql,
  quadrantSpreadSql,
  type QuadrantCellsOptions,
} from '../../../src/sql/quadrant-density';
import { valueLoyalty } from '../../../src/model/presets/value-loyalty';
import {
  drawnCustomers,
  quadrantBins,
  quadrantTotals,
  type QuadrantCell,
} from '../../../src/transforms/quadrant-rollup';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures } from '../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  // Thresholds 5 and 2; p1..p9 spent 10..90; 'gone' has no loyalty and no spend, so is counted
  // but not drawn and adds no revenue.
  await engine.exec(`CREATE TABLE vl AS
    SELECT *, 5.0 AS value_threshold, 2.0 AS loyalty_threshold,
      TRY_CAST(substr(customer_id, 2) AS INTEGER) * 10.0 AS monetary
    FROM (VALUES
      ('p1', 'A', 0.0, 0.0), ('p2', 'A', 1.0, 1.0), ('p3', 'B', 2.0, 0.5),
      ('p4', 'C', 10.0, 4.0), ('p5', 'B', 6.0, 1.0), ('p6', 'B', 7.0, 3.0),
      ('p7', 'C', 8.0, 3.5), ('p8', 'B', 0.0, 4.0), ('p9', 'A', 1.0, 3.9),
      ('gone', 'A', 3.0, NULL)
    ) t(customer_id, segment, value, loyalty)`);
  const e1 = Math.E - 1;
  const e2 = Math.E ** 2 - 1;
  await engine.exec(`CREATE TABLE skew AS
    SELECT *, 0.0 AS value_threshold, 0.0 AS loyalty_threshold, 1.0 AS monetary
    FROM (VALUES
      ('n', 'A', ${-e1}, 2.0), ('z', 'A', 0.0, 2.0), ('o', 'B', ${e1}, 2.0), ('t', 'B', ${e2}, 2.0)
    ) t(customer_id, segment, value, loyalty)`);
});
afterAll(() => engine.close());

async function cells(options: Partial<QuadrantCellsOptions> & { table: string }) {
  const { table, ...rest } = options;
  const sql = quadrantCellsSql({ segments: { table }, ...rest });
  return (await engine.query(sql)).rows as unknown as QuadrantCell[];
}

describe('quadrant points', () => {
  it('returns every customer with both measures as a point', async () => {
    const { rows } = await engine.query(quadrantPointsSql({ segments: { table: 'vl' } }));
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.kind === 'point' && r.customers === 1 && r.value_lo === null)).toBe(
      true,
    );
    expect(rows.find((r) => r.customer_id === 'p4')).toMatchObject({ value: 10, loyalty: 4 });
  });

  it('rejects a limit above what a chart can draw', () => {
    expect(() => quadrantPointsSql({ segments: { table: 'vl' }, maxPoints: 60_000 })).toThrow(
      /point limit/,
    );
  });
});

describe('quadrant cells', () => {
  it('counts drawn customers up to QUADRANT_POINTS and past it', async () => {
    const drawn = async (n: number) => {
      await engine.exec(`CREATE OR REPLACE TABLE many AS
        SELECT 'c' || i AS customer_id, 'A' AS segment, i * 1.0 AS value, (i % 9) * 1.0 AS loyalty,
          1.0 AS value_threshold, 1.0 AS loyalty_threshold, 1.0 AS monetary
        FROM range(${n}) t(i)`);
      return drawnCustomers(await cells({ table: 'many' }));
    };
    expect(await drawn(QUADRANT_POINTS)).toBe(QUADRANT_POINTS);
    expect(await drawn(QUADRANT_POINTS + 1)).toBe(QUADRANT_POINTS + 1);
    await engine.exec('DROP TABLE many');
  });

  it('adds up to bins with counts and the dominant segment', async () => {
    const rows = quadrantBins(await cells({ table: 'vl', xBins: 2, yBins: 2 }));
    // value 0..10 in bins of 5, loyalty 0..4 in bins of 2; the maxima fall in the last bin.
    expect(
      rows.map((r) => [r.kind, r.customer_id, r.segment, r.customers, r.segment_share]),
    ).toEqual([
      ['bin', null, 'A', 3, 2 / 3], // p1, p2 (A), p3 (B)
      ['bin', null, 'A', 2, 0.5], // p8 (B), p9 (A): a tie goes to the first name
      ['bin', null, 'B', 1, 1], // p5
      ['bin', null, 'C', 3, 2 / 3], // p4, p7 (C), p6 (B)
    ]);
    expect(rows.map((r) => [r.value_lo, r.value_hi, r.loyalty_lo, r.loyalty_hi])).toEqual([
      [0, 5, 0, 2],
      [0, 5, 2, 4],
      [5, 10, 0, 2],
      [5, 10, 2, 4],
    ]);
    expect(rows.map((r) => [r.value, r.loyalty])).toEqual([
      [2.5, 1],
      [2.5, 3],
      [7.5, 1],
      [7.5, 3],
    ]);
  });

  it('keeps a customer with a missing measure out of the bins but in the totals', async () => {
    const rows = await cells({ table: 'vl', xBins: 2, yBins: 2 });
    expect(drawnCustomers(rows)).toBe(9);
    const gone = rows.filter((r) => r.bin_x === null);
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ bin_y: null, value: null, segment: 'A', customers: 1 });
    expect(quadrantTotals(rows).reduce((n, t) => n + t.customers, 0)).toBe(10);
  });

  it('splits every bin by quadrant, high meaning strictly above the threshold', async () => {
    const rows = await cells({ table: 'vl', xBins: 1, yBins: 1 });
    const quadrants = rows
      .filter((r) => r.bin_x !== null)
      .map((r) => [r.segment, r.high_value, r.high_loyalty, r.customers]);
    // value > 5: p4, p5, p6, p7; loyalty > 2: p4, p6, p7, p8, p9
    expect(quadrants.sort()).toEqual([
      ['A', false, false, 2],
      ['A', false, true, 1],
      ['B', false, false, 1],
      ['B', false, true, 1],
      ['B', true, false, 1],
      ['B', true, true, 1],
      ['C', true, true, 2],
    ]);
  });

  it("adds up the customers' spend as revenue, a missing one counting zero", async () => {
    const totals = quadrantTotals(await cells({ table: 'vl' }));
    expect(totals.find((t) => t.segment === 'C')).toMatchObject({ customers: 2, revenue: 110 });
    expect(totals.reduce((n, t) => n + t.revenue, 0)).toBe(450);
  });

  it('bins evenly in sign(x) ln(1 + |x|) on the symlog scale', async () => {
    const rows = quadrantBins(await cells({ table: 'skew', xBins: 3, yBins: 1, scale: 'symlog' }));
    // scaled values -1, 0, 1, 2 -> three bins of width 1; 2 is clamped into the last.
    const e1 = Math.E - 1;
    const e2 = Math.E ** 2 - 1;
    const edges = rows.map((r) => [r.value_lo, r.value_hi, r.customers]);
    const expected = [
      [-e1, 0, 1],
      [0, e1, 1],
      [e1, e2, 2],
    ];
    edges.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 9)));
    expect(rows[1]!.value).toBeCloseTo(Math.exp(0.5) - 1, 9); // centre of [0, 1] scaled
    // every loyalty is 2: one bin starting at 2
    expect(rows.every((r) => Math.abs(r.loyalty_lo - 2) < 1e-9)).toBe(true);
  });

  it('rejects bin counts a chart cannot draw and an unknown scale', () => {
    expect(() => quadrantCellsSql({ segments: { table: 'vl' }, xBins: 0 })).toThrow(/value bins/);
    expect(() => quadrantCellsSql({ segments: { table: 'vl' }, scale: 'log' as never })).toThrow(
      /Unknown scale/,
    );
  });
});

describe('quadrant totals', () => {
  it('counts customers and revenue per quadrant of the value-loyalty preset', async () => {
    await createFeatures(engine, [
      { customer_id: 'c1', monetary: 100, frequency: 3 }, // core: above both medians
      { customer_id: 'c2', monetary: 300, frequency: 1 }, // grow loyalty
      { customer_id: 'c3', monetary: 50, frequency: 4 }, // increase spend
      { customer_id: 'c4', monetary: 80, frequency: 2 }, // at both medians: low priority
      { customer_id: 'c5', monetary: 40, frequency: 1 }, // low priority
      { customer_id: 'c6', is_prospect: true },
    ]);
    const preset = valueLoyalty.toSql(valueLoyalty.defaults(), {
      features: 'features',
      asOf: '2024-06-30',
      lang: 'en',
    });
    // buyers' medians: value median(100, 300, 50, 80, 40) = 80, loyalty median(3,1,4,2,1) = 2
    const found = await engine.query(quadrantCellsSql({ segments: { sql: preset } }));
    const cellRows = found.rows as unknown as QuadrantCell[];
    const rows = quadrantTotals(cellRows);
    expect(
      rows.map((r) => [r.segment, r.high_value, r.high_loyalty, r.customers, r.revenue]),
    ).toEqual([
      ['Core', true, true, 1, 100],
      ['Grow loyalty', true, false, 1, 300],
      ['Increase spend', false, true, 1, 50],
      ['Low priority', false, false, 2, 120],
      ['Prospects', false, false, 1, 0],
    ]);
    expect(rows.map((r) => r.revenue_share)).toEqual([
      100 / 570,
      300 / 570,
      50 / 570,
      120 / 570,
      0,
    ]);
    expect(rows[0]!.customer_share).toBeCloseTo(1 / 6, 12);
    expect(cellRows[0]).toMatchObject({ value_threshold: 80, loyalty_threshold: 2 });

    // the same cells count the drawn customers: 6 (the prospect has value 0, loyalty 0)
    expect(drawnCustomers(cellRows)).toBe(6);
  });
});

describe('quadrant spread and per-axis scales', () => {
  it('measures each axis over the drawable customers', async () => {
    const { rows } = await engine.query(quadrantSpreadSql({ table: 'vl' }));
    // 'gone' has no loyalty, so is not drawn: values 0, 1, 2, 10, 6, 7, 8, 0, 1.
    expect(rows[0]).toEqual({
      value_min: 0,
      value_median: 2,
      value_max: 10,
      loyalty_min: 0,
      loyalty_median: 3,
      loyalty_max: 4,
    });
  });

  it('bins value on a log scale and loyalty evenly when asked to', async () => {
    const both = await cells({ table: 'skew', xBins: 4, yBins: 1, scale: 'symlog' });
    const mixed = await cells({
      table: 'skew',
      xBins: 4,
      yBins: 2,
      scale: { value: 'symlog', loyalty: 'linear' },
    });
    const edges = (c: QuadrantCell[]) =>
      c.map((r) => [r.value_lo, r.value_hi]).sort((a, b) => a[0]! - b[0]!);
    expect(edges(mixed)).toEqual(edges(both));
    // All loyalty is 2: one even bin of width 1/2 starting there.
    expect(mixed.every((r) => r.loyalty_lo === 2 && r.loyalty_hi === 2.5)).toBe(true);
    expect(() =>
      quadrantCellsSql({
        segments: { table: 'skew' },
        scale: { value: 'cube' as never, loyalty: 'linear' },
      }),
    ).toThrow(/Unknown scale/);
  });
});
