import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentProfileSql, type SegmentProfileRow } from '../../../src/sql/segment-profile';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures } from '../../support/features-fixture';

/**
 * Channels by order date, analysis date 2024-07-01. Segment A is a1, a2, a3; B is b1, b2, b3.
 * Before the analysis date: a1 app, app; a2 app; a3 web; every B customer store. After it, a1
 * and a2 buy on the web three and two times (a1 on the day itself, which is not before it).
 * Counted to the analysis date: A's channels are app, app, web; the rest's store, store, store.
 * App is A's most over-represented channel: share 2/3 in A, 0 in the rest, 2/6 = 1/3 overall;
 * d = (2/3 − 0) / √((3·(2/3)·(1/3) + 0) / (3 + 3 − 2)) = (2/3) / √(1/6) ≈ 1.633, web's only
 * (1/3) / √(1/6) ≈ 0.816.
 * Counted with the later orders: a1 web (3 of 5), a2 web (2 of 3), a3 web: A is all web.
 */
const ORDERS: [string, string, string][] = [
  ['a1', '2024-01-05', 'app'],
  ['a1', '2024-02-01', 'app'],
  ['a1', '2024-07-01', 'web'],
  ['a1', '2024-08-01', 'web'],
  ['a1', '2024-09-01', 'web'],
  ['a2', '2024-03-01', 'app'],
  ['a2', '2024-07-20', 'web'],
  ['a2', '2024-10-02', 'web'],
  ['a3', '2024-04-01', 'web'],
  ['b1', '2024-02-01', 'store'],
  ['b2', '2024-05-01', 'store'],
  ['b3', '2024-06-30', 'store'],
];
const SEGMENTS = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((id) => [id, id[0]!.toUpperCase()]);

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(
    engine,
    SEGMENTS.map(([id]) => ({ customer_id: id! })),
  );
  const seg = SEGMENTS.map(([id, s]) => `('${id}', '${s}')`).join(', ');
  await engine.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES ${seg}) t(customer_id, segment)`);
  const orders = ORDERS.map(([c, d, ch]) => `('${c}', '${d}', '${ch}')`).join(', ');
  await engine.exec(
    `CREATE TABLE orders AS SELECT * FROM (VALUES ${orders}) t("Customer", "Order date", "Channel")`,
  );
});
afterAll(() => engine.close());

async function channelOf(segment: string, asOf?: string): Promise<SegmentProfileRow> {
  const sql = segmentProfileSql({
    segments: { table: 'seg' },
    features: 'features',
    lang: 'en',
    attributes: [
      {
        name: 'channel',
        relation: 'orders',
        customerId: 'Customer',
        column: 'Channel',
        ...(asOf ? { dated: { column: 'Order date', asOf } } : {}),
      },
    ],
  });
  const rows = (await engine.query(sql)).rows as unknown as SegmentProfileRow[];
  return rows.find((r) => r.segment === segment && r.feature === 'channel')!;
}

describe('segment profile: categorical attributes as of the analysis date', () => {
  it("reads A's channel from orders before the analysis date only", async () => {
    const a = await channelOf('A', '2024-07-01');
    expect(a.value).toBe('app');
    expect(a.segment_mean).toBeCloseTo(2 / 3, 12);
    expect(a.rest_mean).toBeCloseTo(0, 12);
    expect(a.overall_mean).toBeCloseTo(1 / 3, 12);
    expect(a.std_diff).toBeCloseTo(2 / 3 / Math.sqrt(1 / 6), 12);
    expect(a.n).toBe(3);
  });

  it('would have said web with the later orders counted', async () => {
    const a = await channelOf('A');
    expect(a.value).toBe('web');
    expect(a.segment_mean).toBeCloseTo(1, 12);
  });

  it('refuses an analysis date that is not a date, saying which', () => {
    expect(() =>
      segmentProfileSql({
        segments: { table: 'seg' },
        features: 'features',
        lang: 'en',
        attributes: [
          {
            name: 'channel',
            relation: 'orders',
            customerId: 'Customer',
            column: 'Channel',
            dated: { column: 'Order date', asOf: "2024-07-01'; DROP TABLE seg; --" },
          },
        ],
      }),
    ).toThrow(/analysis date must be a date like 2024-06-30/);
  });
});
