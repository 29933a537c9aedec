import type { Labels } from '../../domain/labels';
import {
  assertContext,
  choiceError,
  errorsOf,
  numberError,
  orderError,
  throwIfInvalid,
} from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import { valueTiersSql, type ValueTiersParams } from '../../sql/presets/value-tiers';
import { parseValueCuts, VALUE_CUTS_LABEL, VALUE_CUTS_SPEC, valueCutsError } from './value-cuts';

export type { ValueTiersParams };

const L = {
  mode: { en: 'Method', zh: '分级方法' },
  valueColumn: { en: 'Value measure', zh: '价值指标' },
  vipShare: { en: 'VIP: top share of buyers', zh: 'VIP：排名前列的购买客户占比' },
  importantShare: {
    en: 'VIP + important: top share of buyers',
    zh: 'VIP+重要客户：排名前列的购买客户占比',
  },
  thresholdUnit: { en: 'Spend thresholds are', zh: '消费额阈值类型' },
  vipMonetary: { en: 'VIP spend threshold', zh: 'VIP消费额阈值' },
  vipFrequency: { en: 'VIP minimum orders', zh: 'VIP最少订单数' },
  importantMonetary: { en: 'Important spend threshold', zh: '重要客户消费额阈值' },
  importantFrequency: { en: 'Important minimum orders', zh: '重要客户最少订单数' },
  vipRevenueShare: { en: 'VIP revenue share', zh: 'VIP销售额占比' },
  importantRevenueShare: { en: 'VIP + important revenue share', zh: 'VIP+重要客户销售额占比' },
  valueCuts: VALUE_CUTS_LABEL,
} satisfies Record<keyof ValueTiersParams, Labels>;

const SEGMENTS: SegmentDef[] = [
  {
    key: 'vip',
    label: { en: 'VIP', zh: 'VIP客户' },
    definition: {
      en: 'The top slice of buyers by value. By rank: the top VIP share of buyers. Pareto: the top buyers who together bring the VIP share of revenue. Your rules: value at or above the VIP threshold AND at least the VIP number of orders.',
      zh: '按价值排名最靠前的购买客户。排名法：排名前“VIP占比”的购买客户。帕累托法：按价值从高到低累计，贡献前VIP销售额占比的客户。自定规则：价值不低于VIP阈值且订单数不少于VIP最少订单数。',
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
      en: 'The next slice below VIP. By rank: the buyers after the VIPs up to the VIP + important share. Pareto: the next buyers up to the VIP + important share of revenue. Your rules: not VIP, value at or above the important threshold AND at least the important number of orders.',
      zh: 'VIP之下的下一档。排名法：VIP之后、排名在“VIP+重要客户占比”之内的购买客户。帕累托法：VIP之后累计到“VIP+重要客户销售额占比”的客户。自定规则：非VIP，价值不低于重要客户阈值且订单数不少于重要客户最少订单数。',
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
      en: 'Every other buyer.',
      zh: '其余所有购买客户。',
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
      en: 'Prospects: no orders yet.',
      zh: '潜在客户：尚未下单。',
    },
    strategy: {
      en: 'Convert with a first- or second-order incentive and onboarding content.',
      zh: '用首单或复购优惠和新客引导内容促成转化。',
    },
  },
];

const RANK = { key: 'mode', values: ['rank'] };
const PARETO = { key: 'mode', values: ['pareto'] };
const RULES = { key: 'mode', values: ['thresholds'] };

function defaults(): ValueTiersParams {
  return {
    mode: 'rank',
    valueColumn: 'monetary',
    vipShare: 0.1,
    importantShare: 0.3,
    thresholdUnit: 'percentile',
    vipMonetary: 0.9,
    vipFrequency: 3,
    importantMonetary: 0.7,
    importantFrequency: 1,
    vipRevenueShare: 0.5,
    importantRevenueShare: 0.8,
    valueCuts: '',
  };
}

type NumericKey = Exclude<
  keyof ValueTiersParams,
  'mode' | 'valueColumn' | 'thresholdUnit' | 'valueCuts'
>;

function validate(p: ValueTiersParams): ParamError[] {
  const money = p.thresholdUnit === 'percentile' ? { min: 0, max: 1 } : { min: 0 };
  const orders = { min: 1, integer: true };
  const share = { min: 0, max: 1, minInclusive: false };
  const check = (key: NumericKey, rule: Parameters<typeof numberError>[3]) =>
    numberError(key, L[key], p[key], rule);
  const modeError = choiceError('mode', L.mode, p.mode, ['rank', 'thresholds', 'pareto']);
  const errors = errorsOf([
    modeError,
    choiceError('valueColumn', L.valueColumn, p.valueColumn, ['monetary', 'predicted_clv']),
    ...(p.mode === 'thresholds'
      ? [
          choiceError('thresholdUnit', L.thresholdUnit, p.thresholdUnit, ['percentile', 'value']),
          check('vipMonetary', money),
          check('importantMonetary', money),
          check('vipFrequency', orders),
          check('importantFrequency', orders),
        ]
      : p.mode === 'pareto'
        ? [check('vipRevenueShare', share), check('importantRevenueShare', share)]
        : [check('vipShare', share), check('importantShare', share)]),
    valueCutsError(p.valueCuts),
  ]);
  if (errors.length > 0) return errors;
  const order = (low: NumericKey, high: NumericKey, strict = false) =>
    orderError(low, { label: L[low], value: p[low] }, { label: L[high], value: p[high] }, strict);
  return errorsOf(
    p.mode === 'thresholds'
      ? [order('importantMonetary', 'vipMonetary'), order('importantFrequency', 'vipFrequency')]
      : p.mode === 'pareto'
        ? [order('vipRevenueShare', 'importantRevenueShare', true)]
        : [order('vipShare', 'importantShare', true)],
  );
}

function toSql(p: ValueTiersParams, ctx: PresetContext): string {
  throwIfInvalid(valueTiers.label, validate(p));
  assertContext(ctx);
  const cuts = parseValueCuts(p.valueCuts);
  return valueTiersSql(p, ctx, SEGMENTS, cuts === 'invalid' ? null : cuts);
}

/** Value tiers (客户价值分级): VIP / important / ordinary by rank of value; potential: no orders. */
export const valueTiers: Preset<ValueTiersParams> = {
  id: 'value-tiers',
  readsPredictions: (p) => p.valueColumn === 'predicted_clv',
  label: { en: 'Value tiers', zh: '客户价值分级' },
  description: {
    en: 'Tiers nested by rank: VIP is the top slice of buyers by value, important the next, ordinary the rest; potential customers have no orders. Slices by share of buyers (default: top 10% VIP, next 20% important), by cumulative revenue share (Pareto / ABC), or by rules you set. With predicted CLV as the value measure (run a Predict cell first), buyers are ranked by predicted CLV; buyers without a prediction are ordinary.',
    zh: '按排名嵌套分级：VIP是按价值排名最靠前的购买客户，其次为重要客户，其余为普通客户；潜在客户尚未下单。可按购买客户占比划分（默认：前10%为VIP，其后20%为重要客户）、按累计销售额占比（帕累托/ABC）或按您自定的规则划分。以预测CLV为价值指标时（需先运行预测单元），按预测CLV排名；没有预测值的购买客户为普通客户。',
  },
  params: [
    {
      key: 'mode',
      kind: 'select',
      label: L.mode,
      options: [
        { value: 'rank', label: { en: 'Top shares of buyers', zh: '按购买客户排名占比' } },
        {
          value: 'pareto',
          label: { en: 'Cumulative revenue share (Pareto)', zh: '累计销售额占比（帕累托）' },
        },
        {
          value: 'thresholds',
          label: { en: 'My own spend and order rules', zh: '自定消费额与订单数规则' },
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
      key: 'vipShare',
      kind: 'share',
      label: L.vipShare,
      help: { en: '10, 10% or 0.1 all mean the top 10%.', zh: '10、10% 或 0.1 均表示前10%。' },
      shownWhen: RANK,
    },
    { key: 'importantShare', kind: 'share', label: L.importantShare, shownWhen: RANK },
    {
      key: 'thresholdUnit',
      kind: 'select',
      shownWhen: RULES,
      label: L.thresholdUnit,
      options: [
        {
          value: 'percentile',
          label: { en: 'Percentiles of buyers (0–1)', zh: '购买客户的分位数（0–1）' },
        },
        { value: 'value', label: { en: 'Amounts', zh: '金额' } },
      ],
    },
    {
      key: 'vipMonetary',
      kind: 'number',
      label: L.vipMonetary,
      min: 0,
      step: 0.05,
      shownWhen: RULES,
    },
    { key: 'vipFrequency', kind: 'integer', label: L.vipFrequency, min: 1, shownWhen: RULES },
    {
      key: 'importantMonetary',
      kind: 'number',
      label: L.importantMonetary,
      min: 0,
      step: 0.05,
      shownWhen: RULES,
    },
    {
      key: 'importantFrequency',
      kind: 'integer',
      label: L.importantFrequency,
      min: 1,
      shownWhen: RULES,
    },
    {
      key: 'vipRevenueShare',
      kind: 'share',
      label: L.vipRevenueShare,
      help: {
        en: 'Share of total revenue: 50, 50% or 0.5 all mean half.',
        zh: '占总销售额的比例：50、50% 或 0.5 均表示一半。',
      },
      shownWhen: PARETO,
    },
    {
      key: 'importantRevenueShare',
      kind: 'share',
      label: L.importantRevenueShare,
      shownWhen: PARETO,
    },
    VALUE_CUTS_SPEC,
  ],
  defaults,
  validate,
  segments: () => SEGMENTS.map((s) => ({ ...s })),
  toSql,
};
