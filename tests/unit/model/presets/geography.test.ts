import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geography, type GeographyParams } from '../../../../src/model/presets/geography';
import { NodeEngine } from '../../../support/node-engine';
import { createFeatures, segmentsById } from '../../../support/features-fixture';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await createFeatures(engine, [
    { customer_id: 'g01', province: '广东省' }, // full name, blank country -> China
    { customer_id: 'g02', province: 'Guangdong', country: 'China' },
    { customer_id: 'g03', province: '广东', country: '中国' },
    { customer_id: 'g04', province: 'guangdong province', country: 'CN' }, // case + suffix
    { customer_id: 'g05', province: '内蒙古自治区', country: 'PRC' },
    { customer_id: 'g06', province: '新疆维吾尔自治区' },
    { customer_id: 'g07', province: 'Shaanxi' }, // 陕西, northwest
    { customer_id: 'g08', province: 'Shanxi' }, // 山西, north
    { customer_id: 'g09', province: '上海市', country: "People's Republic of China" },
    { customer_id: 'g10', province: '香港', country: 'China' }, // Hong Kong named as a province
    { customer_id: 'g11', country: 'Hong Kong' }, // ... and as a country
    { customer_id: 'g12', province: 'Kowloon', country: 'HK' },
    { customer_id: 'g13', province: 'MO', country: 'USA' }, // Missouri, not Macau
    { customer_id: 'g14', country: 'Japan' },
    { customer_id: 'g15' }, // nothing known
    { customer_id: 'g16', province: 'Atlantis' }, // blank country + province -> China, unrecognised
    { customer_id: 'g17', province: '黑龙江省', country: ' china ' },
    { customer_id: 'g18', province: '臺灣' }, // traditional characters
    { customer_id: 'g19', province: 'Hubei', country: 'china' },
    { customer_id: 'g20', province: '重庆' },
    { customer_id: 'g21', country: '中国' }, // China without a province
  ]);
});
afterAll(() => engine.close());

const ctx = { features: 'features', asOf: '2024-06-30', lang: 'en' as const };
const run = (p: Partial<GeographyParams>, lang: 'en' | 'zh-CN' = 'en') =>
  segmentsById(engine, geography.toSql({ ...geography.defaults(), ...p }, { ...ctx, lang }));

describe('geography', () => {
  it('groups by region of China, with HK/Macau/Taiwan, abroad, other and unknown', async () => {
    const south = 'South China';
    const hmt = 'Hong Kong, Macau & Taiwan';
    expect(await run({ dimension: 'region' })).toEqual({
      g01: south,
      g02: south,
      g03: south,
      g04: south,
      g05: 'North China',
      g06: 'Northwest China',
      g07: 'Northwest China',
      g08: 'North China',
      g09: 'East China',
      g10: hmt,
      g11: hmt,
      g12: hmt,
      g13: 'International',
      g14: 'International',
      g15: 'Unknown',
      g16: 'Other', // in China by the blank-country rule, but no such province
      g17: 'Northeast China',
      g18: hmt,
      g19: 'Central China',
      g20: 'Southwest China',
      g21: 'Unknown', // China, but which region is not known
    });
  });

  it('tells mainland, Hong Kong/Macau/Taiwan, international and unknown apart', async () => {
    const result = await run({ dimension: 'domestic' }, 'zh-CN');
    const expected: Record<string, string> = {};
    for (const id of ['g01', 'g02', 'g03', 'g04', 'g05', 'g06', 'g07', 'g08', 'g09']) {
      expected[id] = '国内';
    }
    Object.assign(expected, {
      g10: '港澳台',
      g11: '港澳台',
      g12: '港澳台',
      g13: '海外',
      g14: '海外',
      g15: '未知',
      g16: '国内',
      g17: '国内',
      g18: '港澳台',
      g19: '国内',
      g20: '国内',
      g21: '国内',
    });
    expect(result).toEqual(expected);
  });

  it('keeps the top N provinces by customers and folds the rest into Other', async () => {
    // 广东 has 4 customers (g01-g04, four spellings), 香港 3 (g10-g12); every other place 1.
    // Nothing known about a province for g14, g15, g21 -> Unknown.
    const result = await run({ dimension: 'province', topN: 2 });
    const expected: Record<string, string> = {};
    for (let i = 1; i <= 21; i++) expected[`g${String(i).padStart(2, '0')}`] = 'Other';
    Object.assign(expected, {
      g01: 'Guangdong',
      g02: 'Guangdong',
      g03: 'Guangdong',
      g04: 'Guangdong',
      g10: 'Hong Kong',
      g11: 'Hong Kong',
      g12: 'Hong Kong',
      g14: 'Unknown',
      g15: 'Unknown',
      g21: 'Unknown',
    });
    expect(result).toEqual(expected);
  });

  it('groups by country with ties broken by name', async () => {
    // China: g01-g09, g16, g17, g19, g20, g21 = 14; 香港: g10-g12 = 3; 台湾, USA, Japan: 1 each.
    // Third place goes to the first name in order: 'Japan' < 'USA' < '台湾'.
    const result = await run({ dimension: 'country', topN: 3 }, 'zh-CN');
    const expected: Record<string, string> = {};
    for (const id of ['g01', 'g02', 'g03', 'g04', 'g05', 'g06', 'g07', 'g08', 'g09']) {
      expected[id] = '中国';
    }
    Object.assign(expected, {
      g10: '香港',
      g11: '香港',
      g12: '香港',
      g13: '其他',
      g14: 'Japan',
      g15: '未知',
      g16: '中国',
      g17: '中国',
      g18: '其他',
      g19: '中国',
      g20: '中国',
      g21: '中国',
    });
    expect(result).toEqual(expected);
  });

  it('validates the dimension and N', () => {
    expect(geography.validate(geography.defaults())).toEqual([]);
    const errors = geography.validate({ dimension: 'planet' as 'region', topN: 0 });
    expect(errors.map((e) => e.key)).toEqual(['dimension', 'topN']);
    expect(errors[1]!.message.zh).toBe('显示客户最多的前N个地区必须在1到1000之间。');
    expect(geography.segments({ dimension: 'region', topN: 5 }).map((s) => s.label.zh)).toEqual([
      '华东',
      '华北',
      '华南',
      '华中',
      '西南',
      '西北',
      '东北',
      '港澳台',
      '海外',
      '其他',
      '未知',
    ]);
  });
});
