import type { Labels } from '../labels';
import {
  assertContext,
  choiceError,
  errorsOf,
  numberError,
  orderError,
  throwIfInvalid,
} from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import { valueTiersSql } from './value-tiers-sql';

export interface ValueTiersParams {
  /** `thresholds`: spend and order-count cut-offs; `pareto`: cumulative revenue share (ABC). */
  mode: 'thresholds' | 'pareto';
  /**
   * What spend thresholds and revenue shares measure: spend to date, or the predicted CLV a
   * Predict cell adds to the features.
   */
  valueColumn: 'monetary' | 'predicted_clv';
  /** Whether the spend thresholds are percentiles of buyers' spend (0-1) or amounts. */
  thresholdUnit: 'percentile' | 'value';
  vipMonetary: number;
  vipFrequency: number;
  importantMonetary: number;
  importantFrequency: number;
  /** Pareto: VIPs are the top spenders who together bring this share of revenue. */
  vipRevenueShare: number;
  /** Pareto: VIPs plus important customers bring this share of revenue. */
  importantRevenueShare: number;
  /** One-off buyers who spent less than this are potential customers. */
  potentialMonetary: number;
}

const L = {
  mode: { en: 'Method', zh: '分级方法' },
  valueColumn: { en: 'Value measure', zh: '价值指标' },
  thresholdUnit: { en: 'Spend thresholds are', zh: '消费额阈值类型' },
  vipMonetary: { en: 'VIP spend threshold', zh: 'VIP消费额阈值' },
  vipFrequency: { en: 'VIP minimum orders', zh: 'VIP最少订单数' },
  importantMonetary: { en: 'Important spend threshold', zh: '重要客户消费额阈值' },
  importantFrequency: { en: 'Important minimum orders', zh: '重要客户最少订单数' },
  vipRevenueShare: { en: 'VIP revenue share', zh: 'VIP收入占比' },
  importantRevenueShare: { en: 'VIP + important revenue share', zh: 'VIP+重要客户收入占比' },
  potentialMonetary: { en: 'Potential: one-off spend below', zh: '潜在客户：单次消费额低于' },
} satisfies Record<keyof ValueTiersParams, Labels>;

const SEGMENTS: SegmentDef[] = [
  {
    key: 'vip',
    label: { en: 'VIP', zh: 'VIP客户' },
    definition: {
      en: 'Thresholds: spend at or above the VIP threshold AND at least the VIP number of orders. Pareto: the top spenders who together bring the VIP share of revenue.',
      zh: '阈值法：消费额不低于VIP阈值且订单数不少于VIP最少订单数。帕累托法：按消费额从高到低累计，贡献前VIP收入占比的客户。',
    },
    strategy: {
      en: 'Dedicated account manager, early access and exclusive perks; protect the relationship at all costs.',
      zh: '专属客户经理、新品优先体验和专属权益；全力维护关系，防止流失。',
    },
  },
  {
    key: 'important',
    label: { en: 'Important', zh: '重要客户' },
    definition: {
      en: 'Thresholds: not VIP, and spend at or above the important threshold OR at least the important number of orders. Pareto: the next customers up to the VIP + important share of revenue.',
      zh: '阈值法：非VIP，且消费额不低于重要客户阈值或订单数不少于重要客户最少订单数。帕累托法：VIP之后累计到“VIP+重要客户收入占比”的客户。',
    },
    strategy: {
      en: 'Upgrade path to VIP: loyalty points, bundles and personalised recommendations.',
      zh: '设计升级为VIP的路径：积分激励、组合优惠和个性化推荐。',
    },
  },
  {
    key: 'ordinary',
    label: { en: 'Ordinary', zh: '普通客户' },
    definition: {
      en: 'Buyers who are neither VIP, important nor potential.',
      zh: '既非VIP、重要客户，也非潜在客户的购买客户。',
    },
    strategy: {
      en: 'Standard service at low cost; automated campaigns and cross-selling.',
      zh: '以低成本提供标准服务；自动化营销和交叉销售。',
    },
  },
  {
    key: 'potential',
    label: { en: 'Potential', zh: '潜在客户' },
    definition: {
      en: 'Prospects without orders, and one-off buyers (at most one order) who spent below the potential threshold.',
      zh: '尚未下单的客户，以及只下过一单且消费额低于潜在客户阈值的客户。',
    },
    strategy: {
      en: 'Convert with a first- or second-order incentive and onboarding content.',
      zh: '用首单或复购优惠和新客引导内容促成转化。',
    },
  },
];

function defaults(): ValueTiersParams {
  return {
    mode: 'thresholds',
    valueColumn: 'monetary',
    thresholdUnit: 'percentile',
    vipMonetary: 0.9,
    vipFrequency: 3,
    importantMonetary: 0.7,
    importantFrequency: 3,
    vipRevenueShare: 0.5,
    importantRevenueShare: 0.8,
    potentialMonetary: 0.3,
  };
}

type NumericKey = Exclude<keyof ValueTiersParams, 'mode' | 'valueColumn' | 'thresholdUnit'>;

function validate(p: ValueTiersParams): ParamError[] {
  const money = p.thresholdUnit === 'percentile' ? { min: 0, max: 1 } : { min: 0 };
  const orders = { min: 1, integer: true };
  const share = { min: 0, max: 1, minInclusive: false };
  const check = (key: NumericKey, rule: Parameters<typeof numberError>[3]) =>
    numberError(key, L[key], p[key], rule);
  const thresholds = p.mode === 'thresholds';
  const errors = errorsOf([
    choiceError('mode', L.mode, p.mode, ['thresholds', 'pareto']),
    choiceError('valueColumn', L.valueColumn, p.valueColumn, ['monetary', 'predicted_clv']),
    choiceError('thresholdUnit', L.thresholdUnit, p.thresholdUnit, ['percentile', 'value']),
    check('potentialMonetary', money),
    ...(thresholds
      ? [
          check('vipMonetary', money),
          check('importantMonetary', money),
          check('vipFrequency', orders),
          check('importantFrequency', orders),
        ]
      : [check('vipRevenueShare', share), check('importantRevenueShare', share)]),
  ]);
  if (errors.length > 0) return errors;
  const order = (low: NumericKey, high: NumericKey, strict = false) =>
    orderError(low, { label: L[low], value: p[low] }, { label: L[high], value: p[high] }, strict);
  return errorsOf(
    thresholds
      ? [
          order('importantMonetary', 'vipMonetary'),
          order('importantFrequency', 'vipFrequency'),
          order('potentialMonetary', 'importantMonetary'),
        ]
      : [order('vipRevenueShare', 'importantRevenueShare', true)],
  );
}

function toSql(p: ValueTiersParams, ctx: PresetContext): string {
  throwIfInvalid(valueTiers.label, validate(p));
  assertContext(ctx);
  return valueTiersSql(p, ctx, SEGMENTS);
}

/** Value tiers (客户价值分级): VIP / important / ordinary / potential by spend and orders. */
export const valueTiers: Preset<ValueTiersParams> = {
  id: 'value-tiers',
  readsPredictions: (p) => p.valueColumn === 'predicted_clv',
  label: { en: 'Value tiers', zh: '客户价值分级' },
  description: {
    en: 'VIP, important, ordinary and potential customers, by spend and order thresholds or by cumulative revenue share (Pareto / ABC). Rules apply in order: prospects, VIP, important, potential, ordinary. With predicted CLV as the value measure (run a Predict cell first), the spend thresholds and revenue shares apply to predicted CLV; buyers without a prediction are tiered by their orders only.',
    zh: '按消费额与订单数阈值，或按累计收入占比（帕累托/ABC分析），把客户分为VIP、重要、普通和潜在客户。判定顺序：未下单客户、VIP、重要、潜在、普通。以预测CLV为价值指标时（需先运行预测单元），消费额阈值与收入占比改按预测CLV计算；没有预测值的购买客户仅按订单数分级。',
  },
  params: [
    {
      key: 'mode',
      kind: 'select',
      label: L.mode,
      options: [
        {
          value: 'thresholds',
          label: { en: 'Spend and order thresholds', zh: '消费额与订单数阈值' },
        },
        {
          value: 'pareto',
          label: { en: 'Cumulative revenue share (Pareto)', zh: '累计收入占比（帕累托）' },
        },
      ],
    },
    {
      key: 'valueColumn',
      kind: 'select',
      label: L.valueColumn,
      options: [
        { value: 'monetary', label: { en: 'Spend to date', zh: '历史消费额' } },
        {
          value: 'predicted_clv',
          label: { en: 'Predicted CLV (needs a Predict cell)', zh: '预测CLV（需先运行预测单元）' },
        },
      ],
    },
    {
      key: 'thresholdUnit',
      kind: 'select',
      label: L.thresholdUnit,
      options: [
        {
          value: 'percentile',
          label: { en: 'Percentiles of buyers (0–1)', zh: '购买客户的分位数（0–1）' },
        },
        { value: 'value', label: { en: 'Amounts', zh: '金额' } },
      ],
    },
    { key: 'vipMonetary', kind: 'number', label: L.vipMonetary, min: 0, step: 0.05 },
    { key: 'vipFrequency', kind: 'integer', label: L.vipFrequency, min: 1 },
    { key: 'importantMonetary', kind: 'number', label: L.importantMonetary, min: 0, step: 0.05 },
    { key: 'importantFrequency', kind: 'integer', label: L.importantFrequency, min: 1 },
    {
      key: 'vipRevenueShare',
      kind: 'number',
      label: L.vipRevenueShare,
      help: {
        en: 'Share of total revenue, 0–1 (0.5 = 50%).',
        zh: '占总收入的比例，0–1（0.5即50%）。',
      },
      min: 0,
      max: 1,
      step: 0.05,
    },
    {
      key: 'importantRevenueShare',
      kind: 'number',
      label: L.importantRevenueShare,
      min: 0,
      max: 1,
      step: 0.05,
    },
    { key: 'potentialMonetary', kind: 'number', label: L.potentialMonetary, min: 0, step: 0.05 },
  ],
  defaults,
  validate,
  segments: () => SEGMENTS.map((s) => ({ ...s })),
  toSql,
};
