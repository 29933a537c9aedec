import { CHINA_PROVINCES, CHINA_REGION_LABELS, type ChinaRegion } from '../../domain/china-regions';
import type { Labels } from '../../domain/labels';
import { assertContext, choiceError, errorsOf, numberError, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import {
  geographySql,
  type GeographyDimension,
  type GeographyParams,
} from '../../sql/presets/geography';

export type { GeographyDimension, GeographyParams };

const L = {
  dimension: { en: 'Group by', zh: '分组依据' },
  topN: { en: 'Show the top N places', zh: '显示客户最多的前N个地区' },
} satisfies Record<keyof GeographyParams, Labels>;

const LOCAL: Labels = {
  en: 'Localise: regional promotions, stock and delivery promises, local holidays and channels.',
  zh: '本地化运营：区域促销、备货与配送承诺、结合当地节日与渠道。',
};

function seg(key: string, label: Labels, definition: Labels, strategy: Labels = LOCAL): SegmentDef {
  return { key, label, definition, strategy };
}

const OTHER = seg(
  'other',
  { en: 'Other', zh: '其他' },
  {
    en: 'Places outside the top N, or a province that is not recognised.',
    zh: '未进入前N的地区，或无法识别的省份。',
  },
  {
    en: 'Serve through national campaigns; grow the strongest of these places first.',
    zh: '以全国性活动覆盖；优先培育其中潜力最大的地区。',
  },
);
const UNKNOWN = seg(
  'unknown',
  { en: 'Unknown', zh: '未知' },
  { en: 'No usable province or country.', zh: '缺少可用的省份或国家信息。' },
  {
    en: 'Ask for the address at the next order or in a profile update.',
    zh: '在下次下单或完善资料时收集地址信息。',
  },
);
const INTERNATIONAL = seg(
  'international',
  { en: 'International', zh: '海外' },
  { en: 'Country is outside China.', zh: '国家不在中国境内。' },
  {
    en: 'Cross-border offers: shipping, duties, currency and language.',
    zh: '跨境运营：运费、关税、币种与语言。',
  },
);
const HMT_STRATEGY: Labels = {
  en: 'Handle as its own market: local currency, logistics and compliance.',
  zh: '作为独立市场运营：当地币种、物流与合规。',
};
const HMT = seg(
  'hmt',
  CHINA_REGION_LABELS.hmt,
  { en: 'Hong Kong, Macau or Taiwan.', zh: '香港、澳门或台湾。' },
  HMT_STRATEGY,
);

const REGIONS = Object.keys(CHINA_REGION_LABELS).filter((r) => r !== 'hmt') as ChinaRegion[];

function segmentsFor(dimension: GeographyDimension): SegmentDef[] {
  const provinceSegments = CHINA_PROVINCES.map((p) =>
    seg(
      p.key,
      p.name,
      { en: `Customers in ${p.name.en}.`, zh: `${p.key}的客户。` },
      p.region === 'hmt' ? HMT_STRATEGY : LOCAL,
    ),
  );
  switch (dimension) {
    case 'domestic':
      return [
        seg(
          'domestic',
          { en: 'Mainland China', zh: '国内' },
          {
            en: 'Country is China (or blank with a province), outside Hong Kong, Macau and Taiwan.',
            zh: '国家为中国（或国家为空但有省份），不含港澳台。',
          },
        ),
        HMT,
        INTERNATIONAL,
        UNKNOWN,
      ];
    case 'region':
      return [
        ...REGIONS.map((r) =>
          seg(r, CHINA_REGION_LABELS[r], {
            en: `Provinces of ${CHINA_REGION_LABELS[r].en}.`,
            zh: `${CHINA_REGION_LABELS[r].zh}地区各省份。`,
          }),
        ),
        HMT,
        INTERNATIONAL,
        OTHER,
        UNKNOWN,
      ];
    case 'province':
      return [...provinceSegments, OTHER, UNKNOWN];
    case 'country':
      return [
        seg('china', { en: 'China', zh: '中国' }, { en: 'Mainland China.', zh: '中国大陆。' }),
        ...provinceSegments.filter((s) => s.strategy === HMT_STRATEGY),
        OTHER,
        UNKNOWN,
      ];
  }
}

function defaults(): GeographyParams {
  return { dimension: 'region', topN: 10 };
}

function validate(p: GeographyParams): ParamError[] {
  return errorsOf([
    choiceError('dimension', L.dimension, p.dimension, [
      'province',
      'region',
      'domestic',
      'country',
    ]),
    numberError('topN', L.topN, p.topN, { min: 1, max: 1000, integer: true }),
  ]);
}

function toSql(p: GeographyParams, ctx: PresetContext): string {
  throwIfInvalid(geography.label, validate(p));
  assertContext(ctx);
  return geographySql(p, ctx, segmentsFor(p.dimension));
}

/** Geography (地域分布): by province, Chinese region, mainland vs abroad, or country. */
export const geography: Preset<GeographyParams> = {
  id: 'geography',
  label: { en: 'Geography', zh: '地域分布' },
  description: {
    en: 'Where customers are: by province, by region of China (华东, 华北, 华南, 华中, 西南, 西北, 东北, with Hong Kong, Macau and Taiwan as their own group), mainland vs international, or by country. Province names are recognised in short or full Chinese and in pinyin/English. Province and country keep the top N places; the rest is Other.',
    zh: '客户在哪里：按省份、按中国七大地区（华东、华北、华南、华中、西南、西北、东北，港澳台单列）、国内与海外、或按国家。省份名称支持简称、全称和拼音/英文。按省份或国家时保留客户最多的前N个，其余归为“其他”。',
  },
  params: [
    {
      key: 'dimension',
      kind: 'select',
      label: L.dimension,
      options: [
        { value: 'region', label: { en: 'Region of China', zh: '中国地区（七大区）' } },
        { value: 'province', label: { en: 'Province', zh: '省份' } },
        { value: 'domestic', label: { en: 'Mainland vs international', zh: '国内与海外' } },
        { value: 'country', label: { en: 'Country', zh: '国家' } },
      ],
    },
    { key: 'topN', kind: 'integer', label: L.topN, min: 1, max: 1000 },
  ],
  defaults,
  validate,
  segments: (p) => segmentsFor(p.dimension),
  toSql,
};
