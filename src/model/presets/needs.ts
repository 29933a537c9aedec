import type { Labels } from '../../domain/labels';
import { cutModeParams } from './cut-mode-params';
import { assertContext, choiceError, errorsOf, numberError, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import {
  needsSql,
  type NeedsParams,
  type Need,
  type NeedPrecedence,
} from '../../sql/presets/needs';

export type { NeedsParams, Need, NeedPrecedence };

const PRECEDENCES: NeedPrecedence[] = [
  'price>brand>quality',
  'price>quality>brand',
  'brand>price>quality',
  'brand>quality>price',
  'quality>price>brand',
  'quality>brand>price',
];

const L = {
  discountShareMin: {
    en: 'Price-sensitive: share of discounted orders',
    zh: '价格敏感：使用折扣的订单占比',
  },
  qualityCut: { en: 'Quality-sensitive by', zh: '品质敏感判定方式' },
  qualityPercentile: { en: 'Quality-sensitive: unit-price percentile', zh: '品质敏感：单价分位数' },
  qualityMin: { en: 'Quality-sensitive: minimum unit price', zh: '品质敏感：最低单价' },
  brandShareMin: { en: 'Brand-loyal: share of the top brand', zh: '品牌忠诚：最常购品牌占比' },
  brandMinOrders: { en: 'Brand-loyal: minimum orders', zh: '品牌忠诚：最少订单数' },
  precedence: { en: 'When several needs apply', zh: '多种需求并存时的优先顺序' },
} satisfies Record<keyof NeedsParams, Labels>;

const NEED_LABELS: Record<Need, Labels> = {
  price: { en: 'Price-sensitive', zh: '价格敏感型' },
  brand: { en: 'Brand-loyal', zh: '品牌忠诚型' },
  quality: { en: 'Quality-sensitive', zh: '品质敏感型' },
};

const SEGMENTS: SegmentDef[] = [
  {
    key: 'price',
    label: NEED_LABELS.price,
    definition: {
      en: 'Share of orders with a discount at or above the threshold.',
      zh: '使用折扣的订单占比不低于阈值。',
    },
    strategy: {
      en: 'Targeted coupons, bundles and member prices; avoid blanket discounts.',
      zh: '定向优惠券、组合套餐和会员价；避免全场打折。',
    },
  },
  {
    key: 'brand',
    label: NEED_LABELS.brand,
    definition: {
      en: 'Buys mostly one brand (share at or above the threshold) over enough orders.',
      zh: '订单数足够，且最常购品牌的占比不低于阈值。',
    },
    strategy: {
      en: 'New releases and exclusives of their brand; brand community and co-marketing.',
      zh: '推送其偏好品牌的新品与独家款；品牌社群与联合营销。',
    },
  },
  {
    key: 'quality',
    label: NEED_LABELS.quality,
    definition: {
      en: 'Average unit price at or above the chosen percentile of buyers, or the fixed unit price.',
      zh: '平均单价不低于购买客户的指定分位数，或不低于固定单价。',
    },
    strategy: {
      en: 'Premium lines, craftsmanship stories, warranties and service; not discounts.',
      zh: '高端产品线、工艺故事、质保与服务；不靠打折。',
    },
  },
  {
    key: 'none',
    label: { en: 'No clear need', zh: '无明显偏好' },
    definition: { en: 'Buyers showing none of the needs.', zh: '未表现出上述任何需求的购买客户。' },
    strategy: {
      en: 'Test offers of each kind and watch what they respond to.',
      zh: '分别测试各类优惠，观察其响应。',
    },
  },
  {
    key: 'prospect',
    label: { en: 'No purchases', zh: '未购买客户' },
    definition: { en: 'Has never ordered, so needs are unknown.', zh: '尚未下单，需求未知。' },
    strategy: {
      en: 'Ask: a short preference survey with a welcome offer.',
      zh: '直接询问：简短偏好问卷加欢迎礼。',
    },
  },
];

function defaults(): NeedsParams {
  return {
    discountShareMin: 0.5,
    qualityCut: 'percentile',
    qualityPercentile: 0.8,
    qualityMin: 100,
    brandShareMin: 0.8,
    brandMinOrders: 3,
    precedence: 'price>brand>quality',
  };
}

function validate(p: NeedsParams): ParamError[] {
  const fraction = { min: 0, max: 1 };
  return errorsOf([
    numberError('discountShareMin', L.discountShareMin, p.discountShareMin, fraction),
    choiceError('qualityCut', L.qualityCut, p.qualityCut, ['percentile', 'absolute']),
    p.qualityCut === 'absolute'
      ? numberError('qualityMin', L.qualityMin, p.qualityMin, { min: 0 })
      : numberError('qualityPercentile', L.qualityPercentile, p.qualityPercentile, fraction),
    numberError('brandShareMin', L.brandShareMin, p.brandShareMin, fraction),
    numberError('brandMinOrders', L.brandMinOrders, p.brandMinOrders, { min: 1, integer: true }),
    choiceError('precedence', L.precedence, p.precedence, PRECEDENCES),
  ]);
}

function toSql(p: NeedsParams, ctx: PresetContext): string {
  throwIfInvalid(needs.label, validate(p));
  assertContext(ctx);
  return needsSql(p, ctx, SEGMENTS);
}

/** Customer needs (需求偏好): price-sensitive, brand-loyal, quality-sensitive. */
export const needs: Preset<NeedsParams> = {
  id: 'needs',
  label: { en: 'Needs', zh: '需求偏好' },
  description: {
    en: 'One primary need per buyer: price-sensitive (many discounted orders), brand-loyal (mostly one brand over several orders) or quality-sensitive (high unit prices). When several apply, the precedence decides (default: price > brand > quality); the flag columns show every need that applies.',
    zh: '为每位购买客户确定一个主要需求：价格敏感（折扣订单多）、品牌忠诚（多次购买集中于一个品牌）或品质敏感（单价高）。多种需求并存时按优先顺序判定（默认：价格 > 品牌 > 品质）；标记列显示所有符合的需求。',
  },
  params: [
    { key: 'discountShareMin', kind: 'share', label: L.discountShareMin },
    ...cutModeParams({
      name: 'quality',
      minKey: 'qualityMin',
      labels: { cut: L.qualityCut, percentile: L.qualityPercentile, min: L.qualityMin },
      fixed: { en: 'Fixed unit price', zh: '固定单价' },
      minKind: 'number',
      min: 0,
    }),
    { key: 'brandShareMin', kind: 'share', label: L.brandShareMin },
    { key: 'brandMinOrders', kind: 'integer', label: L.brandMinOrders, min: 1 },
    {
      key: 'precedence',
      kind: 'select',
      label: L.precedence,
      options: PRECEDENCES.map((value) => {
        const needsInOrder = value.split('>') as Need[];
        return {
          value,
          label: {
            en: needsInOrder.map((n) => NEED_LABELS[n].en).join(' > '),
            zh: needsInOrder.map((n) => NEED_LABELS[n].zh).join(' > '),
          },
        };
      }),
    },
  ],
  defaults,
  validate,
  segments: () => SEGMENTS.map((s) => ({ ...s })),
  toSql,
};
