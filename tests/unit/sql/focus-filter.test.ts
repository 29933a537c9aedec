import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  focusedSegments,
  focusedSummarySql,
  focusGroup,
  type Focus,
  type FocusRange,
} from '../../../src/sql/focus-filter';
import { relationSql } from '../../../src/sql/relation';
import { segmentGeographySql } from '../../../src/sql/segment-geography';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures, type FeatureRow } from '../../support/features-fixture';

/** A result column named to break unquoted SQL: a quote, a semicolon, a comment. */
const HOSTILE = 'lo"yal\'ty; -- 忠诚';

type Customer = FeatureRow & {
  segment: string | null;
  value: number | null;
  loyalty: number | null;
};

// Hostile values on purpose: a quote in a segment and a place, Chinese, a blank place; measures
// missing, not a number, negative, on the boundaries used below.
const customers: Customer[] = [
  { customer_id: 'c1', province: '广东', monetary: 100, segment: "O'Core", value: 100, loyalty: 2 },
  {
    customer_id: 'c2',
    province: '广东',
    monetary: 200,
    segment: '核心客户',
    value: 200,
    loyalty: 5,
  },
  { customer_id: 'c3', province: "Xi'an", monetary: 50, segment: "O'Core", value: 50, loyalty: 1 },
  {
    customer_id: 'c4',
    province: ' 广东 ',
    monetary: 500,
    segment: "O'Core",
    value: 500,
    loyalty: 3.5,
  },
  { customer_id: 'c5', province: null, monetary: 10, segment: '核心客户', value: null, loyalty: 4 },
  {
    customer_id: 'c6',
    province: '  ',
    monetary: 1000,
    segment: "O'Core",
    value: 1000,
    loyalty: null,
  },
  { customer_id: 'c7', province: "Xi'an", monetary: 5, segment: null, value: -5, loyalty: 2 },
  { customer_id: 'c8', province: '广东', monetary: 0, segment: "O'Core", value: NaN, loyalty: 2 },
  {
    customer_id: 'c9',
    province: '广东',
    monetary: 120.5,
    segment: '核心客户',
    value: 120.5,
    loyalty: 2.000001,
  },
];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(
    engine,
    customers.map(({ segment: _, ...f }) => f),
  );
  const number = (x: number | null) =>
    x === null ? 'NULL::DOUBLE' : Number.isNaN(x) ? "'NaN'::DOUBLE" : `${x}::DOUBLE`;
  const values = customers
    .map(
      (c) =>
        `('${c.customer_id}', ${c.segment === null ? 'NULL' : `'${c.segment.replaceAll("'", "''")}'`}, ${number(c.value)}, ${number(c.loyalty)})`,
    )
    .join(', ');
  const hostile = `"${HOSTILE.replaceAll('"', '""')}"`;
  await engine.exec(
    `CREATE TABLE seg AS SELECT *, loyalty AS ${hostile} FROM (VALUES ${values}) t(customer_id, segment, value, loyalty)`,
  );
});
afterAll(() => engine.close());

/** The same filter in plain JS, as the geography chart names places and segments. */
function expected(focus: Focus, lang: 'en' | 'zh-CN') {
  const place = (p: string | number | boolean | null | undefined) => {
    const t = typeof p === 'string' ? p.trim() : '';
    return t === '' ? (lang === 'en' ? 'Unknown' : '未知') : t;
  };
  const seg = (s: string | null) => s ?? (lang === 'en' ? '(no segment)' : '（未分群）');
  const measure = (c: Customer, column: string) =>
    column === 'value' ? c.value : column === 'loyalty' || column === HOSTILE ? c.loyalty : null;
  const within = (c: Customer, r: FocusRange) => {
    const x = measure(c, r.column);
    return x !== null && x >= r.min && x <= r.max;
  };
  return customers.filter(
    (c) =>
      (focus.segment === undefined || seg(c.segment) === focus.segment) &&
      (focus.place === undefined || place(c.province) === focus.place.value) &&
      (focus.ranges ?? []).every((r) => within(c, r)),
  );
}

const seg = { table: 'seg' };
const label = { en: 'm', zh: 'm' };
const range = (column: string, min: number, max: number): FocusRange => ({
  column,
  min,
  max,
  label,
});
const focuses: [Focus, 'en' | 'zh-CN'][] = [
  // both ends included: c1 (100, 2) and c4 (500, 3.5) sit on them
  [{ ranges: [range('value', 100, 500), range('loyalty', 2, 3.5)] }, 'en'],
  [{ ranges: [range('value', 100, 100)] }, 'en'],
  [{ ranges: [range('value', -10, 0)] }, 'zh-CN'],
  [{ ranges: [range('loyalty', 2, 2)] }, 'en'],
  [{ ranges: [range(HOSTILE, 2.000001, 5)] }, 'en'],
  [{ ranges: [range('value', -Number.MAX_VALUE, Number.MAX_VALUE)] }, 'en'],
  [{ segment: "O'Core", ranges: [range('value', 50, 1000)] }, 'en'],
  [
    {
      segment: "O'Core",
      place: { level: 'province', value: '广东' },
      ranges: [range('value', 0, 600), range(HOSTILE, 1, 10)],
    },
    'en',
  ],
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

  it('refuses a range that is not one, or names no column', () => {
    const bad: FocusRange[] = [
      range('value', 5, 1),
      range('value', NaN, 1),
      range('value', 1, Infinity),
      range('', 1, 2),
    ];
    for (const r of bad) {
      expect(() => focusedSegments(seg, 'features', { ranges: [r] }, 'en')).toThrow(/range|column/);
    }
  });

  it.each(focuses)('names the customers of %j as one group', async (focus, lang) => {
    const relation = focusGroup(seg, 'features', focus, lang, "It's them");
    const { rows } = await engine.query(
      `SELECT customer_id FROM (${relationSql(relation)}) WHERE segment = 'It''s them' ORDER BY customer_id`,
    );
    expect(rows.map((r) => r.customer_id)).toEqual(expected(focus, lang).map((c) => c.customer_id));
    const all = await engine.query(`SELECT count(*) AS n FROM (${relationSql(relation)})`);
    expect(all.rows[0]!.n).toBe(customers.length);
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
    // O'Core: c1, c4 and c8 in 广东 (c4 padded), c3 in Xi'an, c6 blank: Unknown
    expect(rows.map((r) => [r.place, r.segment, r.customers])).toEqual([
      ['广东', "O'Core", 3],
      ["Xi'an", "O'Core", 1],
      ['Unknown', "O'Core", 1],
    ]);
  });
});
