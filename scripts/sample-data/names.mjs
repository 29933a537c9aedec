import { weightedPicker } from './random.mjs';

// The most common surnames, most frequent first, with their rough share in percent.
const SURNAMES = `王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹
  彭 曾 肖 田 董 袁 潘 于 蒋 蔡 欧阳 司马`.split(/\s+/);
const SURNAME_SHARES = [
  7.1, 7.0, 6.7, 5.4, 4.5, 3.1, 2.3, 2.2, 2.0, 1.9, 1.5, 1.5, 1.3, 1.2, 1.2, 1.1, 1.1, 1.0, 1.0, 0.9,
  0.9, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4,
  0.05, 0.02,
];
const GIVEN_CHARS = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红鹏辉建文斌宇浩凯婷雪琳晨欣怡佳',
  ...'涵轩博思雨嘉俊晓海鑫林波丹蕾颖倩瑶阳帆然悦航泽瑞诗梦晴宁毅昊哲睿彤岚子一',
];

const ENGLISH_FIRST = `James Mary John Emma Michael Olivia David Sophia Daniel Grace Thomas Chloe Lucas
  Hannah Ethan Mia Ryan Lily Kevin Sarah Jonas Lena Felix Anna Kenji Yuki Hiro Aiko Ahmad Siti Raj
  Priya Oliver Charlotte Jack Amelia Noah Zoe Wei_Ming Mei_Ling`
  .split(/\s+/)
  .map((n) => n.replace('_', ' '));
const ENGLISH_LAST = `Smith Johnson Brown Williams Taylor Miller Wilson Anderson Clark Walker Wright
  Hughes Evans O'Brien Schmidt Müller Weber Tanaka Suzuki Sato Tan Lim Lee Wong Ng Goh Ibrahim
  Kumar Nguyen Campbell Mitchell Kelly`.split(/\s+/);

const pickSurname = weightedPicker(SURNAMES, (s) => SURNAME_SHARES[SURNAMES.indexOf(s)]);

export function chineseName(rng) {
  const surname = pickSurname(rng);
  const given = rng.chance(0.7)
    ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS)
    : rng.pick(GIVEN_CHARS);
  return surname + given;
}

export function englishName(rng) {
  return `${rng.pick(ENGLISH_FIRST)} ${rng.pick(ENGLISH_LAST)}`;
}

const FIRM_WORDS = `星辰 华信 恒通 博远 金桥 天成 盛达 联创 新锐 嘉禾 瑞丰 鼎盛 宏图 启航 云帆 和泰 同创
  远景 智联 锦程 润泽 东方 长青 卓越`.split(/\s+/);
const FIRM_TRADES = `贸易 科技 电子 商贸 实业 信息技术 餐饮管理 文化传媒 供应链管理 建材 酒店管理
  教育科技`.split(/\s+/);

const ENGLISH_FIRM_WORDS = `Harbor Summit Bluewater Redwood Lakeside Northwind Silverline Evergreen
  Pacific Crown Orchid Meridian Granite Sunrise Atlas Beacon`.split(/\s+/);
const ENGLISH_FIRM_TRADES = `Trading Foods Electronics Supplies Retail Hospitality Logistics
  Imports`.split(/\s+/);
// The legal suffix each country writes; several contain a comma, as real exports do.
const LEGAL_SUFFIX = {
  'United States': [', Inc.', ' LLC'],
  Singapore: [' Pte. Ltd.'],
  Japan: [' Co., Ltd.', ' K.K.'],
  Malaysia: [' Sdn. Bhd.'],
  Germany: [' GmbH'],
  'United Kingdom': [' Ltd', ' PLC'],
  Australia: [' Pty Ltd'],
};

/** E.g. 上海星辰贸易有限公司, or Harbor Foods Pte. Ltd. abroad. */
export function enterpriseName(rng, location) {
  if (location.abroad) {
    const base = `${rng.pick(ENGLISH_FIRM_WORDS)} ${rng.pick(ENGLISH_FIRM_TRADES)}`;
    return base + rng.pick(LEGAL_SUFFIX[location.country]);
  }
  const form = rng.chance(0.15) ? '股份有限公司' : '有限公司';
  return location.city + rng.pick(FIRM_WORDS) + rng.pick(FIRM_TRADES) + form;
}
