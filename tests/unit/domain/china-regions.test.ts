import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHINA_COUNTRY_ALIASES,
  CHINA_PROVINCES,
  provinceAliases,
} from '../../../src/domain/china-regions';
import { placeKeySql } from '../../../src/sql/presets/geography';
import { str } from '../../../src/sql/quote';
import { NodeEngine } from '../../support/node-engine';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('China province -> region mapping', () => {
  it('covers all 34 provincial divisions in the expected regions', () => {
    expect(CHINA_PROVINCES).toHaveLength(34);
    expect(new Set(CHINA_PROVINCES.map((p) => p.key)).size).toBe(34);
    const byRegion: Record<string, string[]> = {};
    for (const p of CHINA_PROVINCES) (byRegion[p.region] ??= []).push(p.key);
    expect(byRegion).toEqual({
      north: ['北京', '天津', '河北', '山西', '内蒙古'],
      northeast: ['辽宁', '吉林', '黑龙江'],
      east: ['上海', '江苏', '浙江', '安徽', '福建', '江西', '山东'],
      central: ['河南', '湖北', '湖南'],
      south: ['广东', '广西', '海南'],
      southwest: ['重庆', '四川', '贵州', '云南', '西藏'],
      northwest: ['陕西', '甘肃', '青海', '宁夏', '新疆'],
      hmt: ['香港', '澳门', '台湾'],
    });
  });

  it('never lets two provinces (or China itself) share a spelling once normalised', async () => {
    const rows = [
      ...provinceAliases(),
      ...CHINA_COUNTRY_ALIASES.map((a): [string, string] => [a, 'CHINA']),
    ];
    const values = rows.map(([a, p]) => `(${str(a)}, ${str(p)})`).join(', ');
    const { rows: clashes } = await engine.query(
      `SELECT ${placeKeySql('alias')} AS k, list(DISTINCT owner ORDER BY owner) AS owners
       FROM (VALUES ${values}) t(alias, owner) GROUP BY k HAVING count(DISTINCT owner) > 1`,
    );
    expect(clashes).toEqual([]);
  });

  it('normalises case, spaces, punctuation and English suffixes', async () => {
    const { rows } = await engine.query(
      `SELECT ${placeKeySql(str(' Guangxi Zhuang Autonomous Region '))} AS a,
              ${placeKeySql(str('Hong Kong S.A.R.'))} AS b,
              ${placeKeySql(str("People's Republic of China"))} AS c,
              ${placeKeySql(str('新疆维吾尔自治区'))} AS d`,
    );
    expect(rows[0]).toEqual({
      a: 'guangxizhuang',
      b: 'hongkong',
      c: 'peoplesrepublicofchina',
      d: '新疆维吾尔自治区',
    });
  });
});
