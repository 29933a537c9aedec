import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentProfileSql, type SegmentProfileRow } from '../../../src/sql/segment-profile';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures, type FeatureRow } from '../../support/features-fixture';

/**
 * Segment A buys exactly 3× as often as B and C, customer for customer; B and C are the same
 * customers twice over. Everything else is the fixture's neutral buyer (monetary 100 for all:
 * no spread), satisfaction is missing for half of them, and D is a segment of one.
 */
const BASE = [1, 2, 3, 4];
const rows: FeatureRow[] = [];
const segmentOf: [string, string][] = [];
for (const [segment, factor] of [
  ['A', 3],
  ['B', 1],
  ['C', 1],
] as const) {
  BASE.forEach((f, i) => {
    const id = `${segment}${i}`;
    rows.push({
      customer_id: id,
      frequency: f * factor,
      province: segment === 'A' ? '浙江' : i % 2 === 0 ? '广东' : '北京',
      avg_satisfaction: i < 2 ? 3 + i + (segment === 'A' ? 1 : 0) : null,
    });
    segmentOf.push([id, segment]);
  });
}
rows.push({ customer_id: 'D0', frequency: 5, province: '广东', avg_satisfaction: 5 });
segmentOf.push(['D0', 'D']);

let engine: NodeEngine;
let profile: SegmentProfileRow[];
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, rows);
  const values = segmentOf.map(([id, s]) => `('${id}', '${s}')`).join(', ');
  await engine.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES ${values}) t(customer_id, segment)`);
  await engine.exec(`CREATE TABLE shop AS SELECT * FROM (VALUES
    ('A0', 'app'), ('A0', 'web'), ('A0', 'app'), ('A1', 'app'), ('B0', 'web'), ('B1', ' ')
  ) t("客户 id", "channel's")`);
  const sql = segmentProfileSql({
    segments: { table: 'seg' },
    features: 'features',
    lang: 'zh-CN',
    attributes: [{ name: 'channel', relation: 'shop', customerId: '客户 id', column: "channel's" }],
    order: ['D', 'C', 'B', 'A'],
  });
  profile = (await engine.query(sql)).rows as unknown as SegmentProfileRow[];
});
afterAll(() => engine.close());

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const m2 = (xs: number[]) => xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0);
/** Cohen's d of `inside` against `outside`, worked out directly. */
function cohen(inside: number[], outside: number[]): number {
  const pooled = (m2(inside) + m2(outside)) / (inside.length + outside.length - 2);
  return (mean(inside) - mean(outside)) / Math.sqrt(pooled);
}
function values(feature: 'frequency' | 'avg_satisfaction', inSegment: boolean, segment: string) {
  return rows
    .filter((_, i) => (segmentOf[i]![1] === segment) === inSegment)
    .map((r) => r[feature])
    .filter((v): v is number => typeof v === 'number');
}
const row = (segment: string, feature: string) => {
  const found = profile.find((r) => r.segment === segment && r.feature === feature);
  if (!found) throw new Error(`no ${segment} ${feature}`);
  return found;
};

describe('segment profile', () => {
  it('finds the segment that buys 3× as often, against an independent computation', () => {
    const a = row('A', 'frequency');
    const all = rows.map((r) => Number(r.frequency));
    const inside = values('frequency', true, 'A');
    const outside = values('frequency', false, 'A');
    expect(a.segment_mean).toBeCloseTo(7.5, 12); // 3 × 2.5
    expect(a.rest_mean).toBeCloseTo(mean(outside), 12);
    expect(a.overall_mean).toBeCloseTo(mean(all), 12);
    expect(a.lift).toBeCloseTo(7.5 / mean(all), 12);
    expect(a.std_diff).toBeCloseTo(cohen(inside, outside), 10);
    expect(a.std_diff).toBeGreaterThan(1);
    // after the attributes A alone has (浙江, 华东), which set it apart completely
    expect(a.rank).toBe(3);
    expect(profile.filter((r) => r.segment === 'A' && r.rank < 3).map((r) => r.note)).toEqual([
      'separated',
      'separated',
    ]);
    // B and C hold the same customers: the same figures, below average
    const b = row('B', 'frequency');
    const c = row('C', 'frequency');
    expect(b.std_diff).toBeCloseTo(
      cohen(values('frequency', true, 'B'), values('frequency', false, 'B')),
      10,
    );
    expect(c.std_diff).toBeCloseTo(b.std_diff!, 12);
    expect(b.lift).toBeCloseTo(2.5 / mean(all), 12);
  });

  it('leaves customers without a value out of that feature only', () => {
    const a = row('A', 'avg_satisfaction');
    expect(a.n).toBe(2);
    expect(a.customers).toBe(4);
    const inside = values('avg_satisfaction', true, 'A');
    const outside = values('avg_satisfaction', false, 'A');
    expect(inside).toEqual([4, 5]);
    expect(a.segment_mean).toBeCloseTo(4.5, 12);
    expect(a.std_diff).toBeCloseTo(cohen(inside, outside), 10);
  });

  it('gives no standardised difference without spread, and says so', () => {
    const a = row('A', 'monetary');
    expect(a).toMatchObject({ segment_mean: 100, overall_mean: 100, lift: 1, std_diff: null });
    expect(a.note).toBe('no_spread');
    // every mean 0: no lift either, and no division by zero
    expect(row('A', 'complaint_count')).toMatchObject({ lift: null, std_diff: null });
  });

  it('gives a segment of one customer lift but no standardised difference', () => {
    const d = row('D', 'frequency');
    expect(d).toMatchObject({ customers: 1, n: 1, segment_mean: 5, std_diff: null });
    expect(d.note).toBe('too_few');
    expect(d.lift).toBeCloseTo(5 / mean(rows.map((r) => Number(r.frequency))), 12);
  });

  it('shows the attribute value most over-represented in the segment', () => {
    const province = row('A', 'province');
    // 浙江: all of A, none of the other 9
    expect(province).toMatchObject({ kind: 'attribute', value: '浙江', segment_mean: 1 });
    expect(province.overall_mean).toBeCloseTo(4 / 13, 12);
    expect(province.rest_mean).toBe(0);
    const p = (k: number, n: number) => k / n;
    const pooled = (0 + 9 * p(0, 9) * (1 - p(0, 9))) / (4 + 9 - 2);
    expect(pooled).toBe(0); // both groups are constant, and apart: as different as it gets
    expect(province).toMatchObject({ std_diff: null, note: 'separated' });
    // the region of a recognised province, named in the query's language
    expect(row('A', 'region')).toMatchObject({ value: '华东', segment_mean: 1 });
    // B: 广东 and 北京 2 of 4 each; elsewhere 广东 3 of 9 (C's two and D), 北京 2 of 9: 北京
    // is the more over-represented
    const b = row('B', 'province');
    expect(b.value).toBe('北京');
    const inside = [1, 1, 0, 0];
    const outside = [1, 1, 0, 0, 0, 0, 0, 0, 0];
    expect(b.std_diff).toBeCloseTo(cohen(inside, outside), 10);
    expect(b.lift).toBeCloseTo(0.5 / (4 / 13), 12);
  });

  it('reads an attribute from another table: each customer’s most frequent value', () => {
    // A0 app (2 of 3), A1 app; B0 web; the blank of B1 is no value
    const a = row('A', 'channel');
    expect(a).toMatchObject({ value: 'app', n: 2, segment_mean: 1 });
    expect(a.overall_mean).toBeCloseTo(2 / 3, 12);
    expect(row('B', 'channel')).toMatchObject({ value: 'web', n: 1, note: 'too_few' });
  });

  it('ranks by |standardised difference| within each segment, segments in order', () => {
    expect([...new Set(profile.map((r) => r.segment))]).toEqual(['D', 'C', 'B', 'A']);
    for (const segment of ['A', 'B', 'C']) {
      const ranked = profile.filter((r) => r.segment === segment);
      expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
      const d = ranked.map((r) =>
        r.note === 'separated' ? Infinity : r.std_diff === null ? -1 : Math.abs(r.std_diff),
      );
      expect(d).toEqual([...d].sort((x, y) => y - x));
    }
  });

  it('refuses a missing features table name in both languages', () => {
    expect(() =>
      segmentProfileSql({ segments: { table: 'seg' }, features: ' ', lang: 'en' }),
    ).toThrow(/features table/);
  });
});
