import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusedSegments, focusedSummarySql, type Focus } from '../../../src/sql/focus-filter';
import { relationSql } from '../../../src/sql/relation';
import { segmentGeographySql } from '../../../src/sql/segment-geography';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures, type FeatureRow } from '../../support/features-fixture';

// Hostile values on purpose: a quote in a segment and a place, Chinese, a blank place.
const customers: (FeatureRow & { segment: string | null })[] = [
  { customer_id: 'c1', province: '广东', monetary: 100, segment: "O'Core" },
  { customer_id: 'c2', province: '广东', monetary: 200, segment: '核心客户' },
  { customer_id: 'c3', province: "Xi'an", monetary: 50, segment: "O'Core" },
  { customer_id: 'c4', province: ' 广东 ', monetary: 500, segment: "O'Core" },
  { customer_id: 'c5', province: null, monetary: 10, segment: '核心客户' },
  { customer_id: 'c6', province: '  ', monetary: 1000, segment: "O'Core" },
  { customer_id: 'c7', province: "Xi'an", monetary: 5, segment: null },
];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(
    engine,
    customers.map(({ segment: _, ...f }) => f),
  );
  const values = customers
    .map(
      (c) =>
        `('${c.customer_id}', ${c.segment === null ? 'NULL' : `'${c.segment.replaceAll("'", "''")}'`})`,
    )
    .join(', ');
  await engine.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES ${values}) t(customer_id, segment)`);
});
afterAll(() => engine.close());

/** The same filter in plain JS, as the geography chart names places and segments. */
function expected(focus: Focus, lang: 'en' | 'zh-CN') {
  const place = (p: string | number | boolean | null | undefined) => {
    const t = typeof p === 'string' ? p.trim() : '';
    return t === '' ? (lang === 'en' ? 'Unknown' : '未知') : t;
  };
  const seg = (s: string | null) => s ?? (lang === 'en' ? '(no segment)' : '（未分群）');
  return customers.filter(
    (c) =>
      (focus.segment === undefined || seg(c.segment) === focus.segment) &&
      (focus.place === undefined || place(c.province) === focus.place.value),
  );
}

const seg = { table: 'seg' };
const focuses: [Focus, 'en' | 'zh-CN'][] = [
  [{ segment: "O'Core" }, 'en'],
  [{ segment: '核心客户' }, 'zh-CN'],
  [{ segment: '(no segment)' }, 'en'],
  [{ place: { level: 'province', value: '广东' } }, 'en'],
  [{ place: { level: 'province', value: "Xi'an" } }, 'en'],
  [{ place: { level: 'province', value: '未知' } }, 'zh-CN'],
  [{ segment: "O'Core", place: { level: 'province', value: '广东' } }, 'en'],
  [{ segment: "O'Core'; DROP TABLE seg; --" }, 'en'],
];

describe('focus filter', () => {
  it.each(focuses)('keeps the customers of %j', async (focus, lang) => {
    const relation = focusedSegments(seg, 'features', focus, lang);
    const { rows } = await engine.query(
      `SELECT customer_id FROM (${relationSql(relation)}) ORDER BY customer_id`,
    );
    const want = expected(focus, lang).map((c) => c.customer_id);
    expect(rows.map((r) => r.customer_id)).toEqual(want);
  });

  it('without a focus is the result itself', () => {
    expect(focusedSegments(seg, 'features', {}, 'en')).toBe(seg);
    expect(focusedSegments(seg, 'features', undefined, 'en')).toBe(seg);
  });

  it.each(focuses)('sums customers and revenue per segment within %j', async (focus, lang) => {
    const { rows } = await engine.query(focusedSummarySql(seg, 'features', focus, lang));
    const want = new Map<string | null, { customers: number; revenue: number }>();
    for (const c of expected(focus, lang)) {
      const w = want.get(c.segment) ?? { customers: 0, revenue: 0 };
      w.customers += 1;
      w.revenue += Number(c.monetary);
      want.set(c.segment, w);
    }
    const total = [...want.values()].reduce((a, w) => a + w.customers, 0);
    expect(rows.length).toBe(want.size);
    for (const r of rows) {
      const w = want.get(r.segment as string | null)!;
      expect([r.customers, r.revenue]).toEqual([w.customers, w.revenue]);
      expect(r.customer_share).toBeCloseTo(w.customers / total, 12);
    }
  });

  it('narrows the geography to a segment: its places add up to its customers', async () => {
    const focus = { segment: "O'Core" };
    const segments = focusedSegments(seg, 'features', focus, 'en');
    const { rows } = await engine.query(
      segmentGeographySql({ segments, features: 'features', level: 'province', lang: 'en' }),
    );
    // O'Core: c1 and c4 in 广东 (one padded), c3 in Xi'an, c6 blank: Unknown
    expect(rows.map((r) => [r.place, r.segment, r.customers])).toEqual([
      ['广东', "O'Core", 2],
      ["Xi'an", "O'Core", 1],
      ['Unknown', "O'Core", 1],
    ]);
  });
});
