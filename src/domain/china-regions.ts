import type { Labels } from './labels';

/** The seven traditional geographic regions of mainland China, plus Hong Kong, Macau and Taiwan. */
export type ChinaRegion =
  'east' | 'north' | 'south' | 'central' | 'southwest' | 'northwest' | 'northeast' | 'hmt';

export const CHINA_REGION_LABELS: Record<ChinaRegion, Labels> = {
  east: { en: 'East China', zh: '华东' },
  north: { en: 'North China', zh: '华北' },
  south: { en: 'South China', zh: '华南' },
  central: { en: 'Central China', zh: '华中' },
  southwest: { en: 'Southwest China', zh: '西南' },
  northwest: { en: 'Northwest China', zh: '西北' },
  northeast: { en: 'Northeast China', zh: '东北' },
  hmt: { en: 'Hong Kong, Macau & Taiwan', zh: '港澳台' },
};

export interface ChinaProvince {
  /** The short Chinese name, e.g. 广东; also the key. */
  key: string;
  name: Labels;
  region: ChinaRegion;
  /**
   * Other spellings found in customer files, besides `key` and `name.en`. Matching ignores case,
   * spaces and punctuation, and a trailing "Province" / "Municipality" / "SAR" etc.
   */
  aliases: string[];
}

function p(key: string, en: string, region: ChinaRegion, ...aliases: string[]): ChinaProvince {
  return { key, name: { en, zh: key }, region, aliases };
}

/** All 34 provincial-level divisions. */
export const CHINA_PROVINCES: readonly ChinaProvince[] = [
  p('北京', 'Beijing', 'north', '北京市', 'Peking'),
  p('天津', 'Tianjin', 'north', '天津市'),
  p('河北', 'Hebei', 'north', '河北省'),
  p('山西', 'Shanxi', 'north', '山西省'),
  p('内蒙古', 'Inner Mongolia', 'north', '内蒙古自治区', 'Nei Mongol', 'Neimenggu', 'Nei Menggu'),
  p('辽宁', 'Liaoning', 'northeast', '辽宁省'),
  p('吉林', 'Jilin', 'northeast', '吉林省'),
  p('黑龙江', 'Heilongjiang', 'northeast', '黑龙江省'),
  p('上海', 'Shanghai', 'east', '上海市'),
  p('江苏', 'Jiangsu', 'east', '江苏省'),
  p('浙江', 'Zhejiang', 'east', '浙江省'),
  p('安徽', 'Anhui', 'east', '安徽省'),
  p('福建', 'Fujian', 'east', '福建省'),
  p('江西', 'Jiangxi', 'east', '江西省'),
  p('山东', 'Shandong', 'east', '山东省'),
  p('河南', 'Henan', 'central', '河南省'),
  p('湖北', 'Hubei', 'central', '湖北省'),
  p('湖南', 'Hunan', 'central', '湖南省'),
  p('广东', 'Guangdong', 'south', '广东省', 'Canton'),
  p('广西', 'Guangxi', 'south', '广西壮族自治区', '广西自治区', 'Guangxi Zhuang'),
  p('海南', 'Hainan', 'south', '海南省'),
  p('重庆', 'Chongqing', 'southwest', '重庆市'),
  p('四川', 'Sichuan', 'southwest', '四川省'),
  p('贵州', 'Guizhou', 'southwest', '贵州省'),
  p('云南', 'Yunnan', 'southwest', '云南省'),
  p('西藏', 'Tibet', 'southwest', '西藏自治区', 'Xizang'),
  p('陕西', 'Shaanxi', 'northwest', '陕西省'),
  p('甘肃', 'Gansu', 'northwest', '甘肃省'),
  p('青海', 'Qinghai', 'northwest', '青海省'),
  p('宁夏', 'Ningxia', 'northwest', '宁夏回族自治区', '宁夏自治区', 'Ningxia Hui'),
  p(
    '新疆',
    'Xinjiang',
    'northwest',
    '新疆维吾尔自治区',
    '新疆自治区',
    'Xinjiang Uygur',
    'Xinjiang Uyghur',
  ),
  p(
    '香港',
    'Hong Kong',
    'hmt',
    '香港特别行政区',
    '中国香港',
    'HK',
    'HKG',
    'HKSAR',
    'Hong Kong China',
    'Xianggang',
  ),
  p(
    '澳门',
    'Macau',
    'hmt',
    '澳门特别行政区',
    '澳門',
    '中国澳门',
    'Macao',
    'MO',
    'MAC',
    'Macau China',
    'Aomen',
  ),
  p('台湾', 'Taiwan', 'hmt', '台湾省', '台灣', '臺灣', '中国台湾', 'TW', 'TWN', 'Taiwan China'),
];

/** How a customer file may spell the People's Republic of China in its country column. */
export const CHINA_COUNTRY_ALIASES: readonly string[] = [
  'China',
  '中国',
  '中华人民共和国',
  '中国大陆',
  'Mainland China',
  'CN',
  'CHN',
  'PRC',
  'P.R. China',
  "People's Republic of China",
];

/** Every spelling of every province, paired with the province key. */
export function provinceAliases(): [alias: string, province: string][] {
  return CHINA_PROVINCES.flatMap((prov) =>
    [prov.key, prov.name.en, ...prov.aliases].map((a): [string, string] => [a, prov.key]),
  );
}
