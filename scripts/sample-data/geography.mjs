import { weightedPicker } from './random.mjs';

/**
 * Provinces weighted roughly by online retail volume, grouped into the seven regions; cities
 * are listed busiest first. Names are the short forms shoppers type (广东, not 广东省).
 */
export const PROVINCES = [
  // 华东
  { name: '上海', region: '华东', weight: 7, cities: ['上海'] },
  { name: '江苏', region: '华东', weight: 9, cities: ['南京', '苏州', '无锡', '常州', '南通'] },
  { name: '浙江', region: '华东', weight: 10, cities: ['杭州', '宁波', '温州', '绍兴', '嘉兴'] },
  { name: '山东', region: '华东', weight: 6, cities: ['济南', '青岛', '烟台', '潍坊'] },
  { name: '福建', region: '华东', weight: 4, cities: ['福州', '厦门', '泉州'] },
  { name: '安徽', region: '华东', weight: 2.5, cities: ['合肥', '芜湖'] },
  { name: '江西', region: '华东', weight: 1.5, cities: ['南昌', '赣州'] },
  // 华北
  { name: '北京', region: '华北', weight: 6, cities: ['北京'] },
  { name: '天津', region: '华北', weight: 1.5, cities: ['天津'] },
  { name: '河北', region: '华北', weight: 2.5, cities: ['石家庄', '唐山', '保定'] },
  { name: '山西', region: '华北', weight: 1, cities: ['太原', '大同'] },
  { name: '内蒙古', region: '华北', weight: 0.6, cities: ['呼和浩特', '包头'] },
  // 华南
  { name: '广东', region: '华南', weight: 14, cities: ['广州', '深圳', '东莞', '佛山', '珠海'] },
  { name: '广西', region: '华南', weight: 1.5, cities: ['南宁', '桂林', '柳州'] },
  { name: '海南', region: '华南', weight: 0.5, cities: ['海口', '三亚'] },
  // 华中
  { name: '湖北', region: '华中', weight: 3.5, cities: ['武汉', '宜昌', '襄阳'] },
  { name: '湖南', region: '华中', weight: 3, cities: ['长沙', '株洲', '岳阳'] },
  { name: '河南', region: '华中', weight: 4, cities: ['郑州', '洛阳', '新乡'] },
  // 西南
  { name: '四川', region: '西南', weight: 4.5, cities: ['成都', '绵阳', '宜宾'] },
  { name: '重庆', region: '西南', weight: 2, cities: ['重庆'] },
  { name: '云南', region: '西南', weight: 1.5, cities: ['昆明', '大理'] },
  { name: '贵州', region: '西南', weight: 1, cities: ['贵阳', '遵义'] },
  { name: '西藏', region: '西南', weight: 0.1, cities: ['拉萨'] },
  // 西北
  { name: '陕西', region: '西北', weight: 2, cities: ['西安', '宝鸡'] },
  { name: '甘肃', region: '西北', weight: 0.5, cities: ['兰州'] },
  { name: '新疆', region: '西北', weight: 0.6, cities: ['乌鲁木齐'] },
  { name: '宁夏', region: '西北', weight: 0.2, cities: ['银川'] },
  { name: '青海', region: '西北', weight: 0.2, cities: ['西宁'] },
  // 东北
  { name: '辽宁', region: '东北', weight: 2, cities: ['沈阳', '大连'] },
  { name: '吉林', region: '东北', weight: 0.8, cities: ['长春', '吉林'] },
  { name: '黑龙江', region: '东北', weight: 1, cities: ['哈尔滨', '大庆'] },
];

export const FOREIGN_COUNTRIES = [
  { name: 'United States', weight: 25, cities: ['New York', 'San Francisco', 'Los Angeles', 'Seattle'] },
  { name: 'Singapore', weight: 20, cities: ['Singapore'] },
  { name: 'Japan', weight: 15, cities: ['Tokyo', 'Osaka', 'Yokohama'] },
  { name: 'Malaysia', weight: 12, cities: ['Kuala Lumpur', 'Penang', 'Johor Bahru'] },
  { name: 'Germany', weight: 10, cities: ['Berlin', 'Munich', 'Frankfurt'] },
  { name: 'United Kingdom', weight: 10, cities: ['London', 'Manchester', 'Edinburgh'] },
  { name: 'Australia', weight: 8, cities: ['Sydney', 'Melbourne', 'Brisbane'] },
];

const ABROAD_SHARE = 0.1;

const pickProvince = weightedPicker(PROVINCES, (p) => p.weight);
const pickCountry = weightedPicker(FOREIGN_COUNTRIES, (c) => c.weight);

/** Busier cities first: the i-th city of a list is picked with weight 1 / (i + 1). */
function pickCity(rng, cities) {
  return weightedPicker(cities, (c) => 1 / (cities.indexOf(c) + 1))(rng);
}

/** @returns {{ country: string, province: string, city: string, abroad: boolean }} */
export function sampleLocation(rng) {
  if (rng.chance(ABROAD_SHARE)) {
    const country = pickCountry(rng);
    return { country: country.name, province: '', city: pickCity(rng, country.cities), abroad: true };
  }
  const province = pickProvince(rng);
  return {
    country: 'China',
    province: province.name,
    city: pickCity(rng, province.cities),
    abroad: false,
  };
}
