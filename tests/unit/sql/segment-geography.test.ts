import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentGeographySql } from '../../../src/sql/segment-geography';
import { NodeEngine } from '../../support/node-engine';
import { createFeatures } from '../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, [
    { customer_id: 'c1', province: '广东', monetary: 100 },
    { customer_id: 'c2', province: '广东', monetary: 200 },
    { customer_id: 'c3', province: '广东', monetary: 50 },
    { customer_id: 'c4', province: '北京', monetary: 500 },
    { customer_id: 'c5', province: '北京', monetary: 10 },
    { customer_id: 'c6', province: '上海', monetary: 1000 },
    { customer_id: 'c7', province: null, monetary: 5 },
    { customer_id: 'c8', province: '  ', monetary: 5 },
    { customer_id: 'c9', province: '浙江', monetary: 1 },
  ]);
  await engine.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES
    ('c1', 'A'), ('c2', 'B'), ('c3', 'A'), ('c4', 'A'), ('c5', 'B'), ('c6', 'B'),
    ('c7', 'A'), ('c8', 'B'), ('c9', 'A')
  ) t(customer_id, segment)`);
});
afterAll(() => engine.close());

const base = { segments: { table: 'seg' }, features: 'features', level: 'province' as const };

describe('segment geography', () => {
  it('keeps the top places by customers and sums the rest into Other', async () => {
    const { rows } = await engine.query(segmentGeographySql({ ...base, topN: 3, lang: 'en' }));
    // customers: 广东 3, 北京 2, 上海 1, 浙江 1 (ties by name), and Unknown (NULL and blank) 2,
    // which is not a place: it comes after Other, whatever its size
    expect(
      rows.map((r) => [r.place, r.place_rank, r.is_other, r.segment, r.customers, r.revenue]),
    ).toEqual([
      ['广东', 1, false, 'A', 2, 150],
      ['广东', 1, false, 'B', 1, 200],
      ['北京', 2, false, 'A', 1, 500],
      ['北京', 2, false, 'B', 1, 10],
      ['上海', 3, false, 'B', 1, 1000],
      ['Other', 4, true, 'A', 1, 1],
      ['Unknown', 5, false, 'A', 1, 5],
      ['Unknown', 5, false, 'B', 1, 5],
    ]);
    expect(rows[0]).toMatchObject({ place_customers: 3, place_revenue: 350 });
    expect(rows[0]!.share_in_place).toBeCloseTo(2 / 3, 12);
    expect(rows[7]).toMatchObject({ place_customers: 2, place_revenue: 10, share_in_place: 0.5 });
  });

  it('ranks by revenue and labels in Chinese', async () => {
    const sql = segmentGeographySql({ ...base, topN: 2, rankBy: 'revenue', lang: 'zh-CN' });
    const { rows } = await engine.query(sql);
    // revenue: 上海 1000, 北京 510, 广东 350, 浙江 1; 未知 (10) after 其他
    expect(rows.map((r) => [r.place, r.segment, r.customers, r.revenue])).toEqual([
      ['上海', 'B', 1, 1000],
      ['北京', 'A', 1, 500],
      ['北京', 'B', 1, 10],
      ['其他', 'A', 3, 151], // 广东 2 and 浙江 1
      ['其他', 'B', 1, 200], // 广东
      ['未知', 'A', 1, 5],
      ['未知', 'B', 1, 5],
    ]);
  });

  it('rejects an unknown level or place count', () => {
    expect(() => segmentGeographySql({ ...base, level: 'street' as 'city', lang: 'en' })).toThrow(
      /place level/,
    );
    expect(() => segmentGeographySql({ ...base, topN: 0, lang: 'zh-CN' })).toThrow(/地区数/);
  });
});
