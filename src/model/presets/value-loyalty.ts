import { PREDICTION_COLUMNS } from '../../sql/join-predictions';
import type { Labels } from '../../domain/labels';
import { assertContext, choiceError, errorsOf, numberError, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import {
  valueLoyaltySql,
  type ValueLoyaltyParams,
  type LoyaltyMeasure,
} from '../../sql/presets/value-loyalty';

export type { ValueLoyaltyParams, LoyaltyMeasure };

const L = {
  valueColumn: { en: 'Value measure (column)', zh: '价值指标（列）' },
  loyaltyMeasure: { en: 'Loyalty measure', zh: '忠诚度指标' },
  split: { en: 'Split each axis at', zh: '高低分界' },
  valueCut: { en: 'Custom value threshold', zh: '自定义价值阈值' },
  loyaltyCut: { en: 'Custom loyalty threshold', zh: '自定义忠诚度阈值' },
  prospects: { en: 'Customers without orders', zh: '未下单客户' },
} satisfies Record<keyof ValueLoyaltyParams, Labels>;

/** Features columns that are not numbers, so cannot be the value axis. */
const NOT_NUMERIC = [
  'customer_id',
  'is_prospect',
  'first_order_date',
  'last_order_date',
  'customer_name',
  'customer_type',
  'province',
  'city',
  'region',
  'country',
  'signup_date',
];

const SEGMENTS: SegmentDef[] = [
  {
    key: 'core',
    label: { en: 'Core', zh: '核心客户' },
    definition: { en: 'High value and high loyalty.', zh: '高价值、高忠诚。' },
    strategy: {
      en: 'Champions: retain and reward, VIP treatment, ask for referrals and reviews.',
      zh: '重点维护：奖励与专属待遇，邀请推荐和评价。',
    },
  },
  {
    key: 'grow_loyalty',
    label: { en: 'Grow loyalty', zh: '重点发展客户' },
    definition: { en: 'High value, low loyalty.', zh: '高价值、低忠诚。' },
    strategy: {
      en: 'Turn big spenders into regulars: membership, subscriptions, personal follow-up.',
      zh: '把高消费客户培养成常客：会员计划、订阅服务、专人回访。',
    },
  },
  {
    key: 'increase_spend',
    label: { en: 'Increase spend', zh: '提升消费客户' },
    definition: { en: 'Low value, high loyalty.', zh: '低价值、高忠诚。' },
    strategy: {
      en: 'Keep them and grow the basket: upsell, bundles, premium trials.',
      zh: '保持关系并提升客单价：向上销售、组合推荐、高端产品试用。',
    },
  },
  {
    key: 'low_priority',
    label: { en: 'Low priority', zh: '一般客户' },
    definition: { en: 'Low value and low loyalty.', zh: '低价值、低忠诚。' },
    strategy: {
      en: 'Serve efficiently with automated, low-cost campaigns.',
      zh: '以自动化、低成本的营销高效服务。',
    },
  },
  {
    key: 'prospect',
    label: { en: 'Prospects', zh: '潜在客户' },
    definition: {
      en: 'No orders yet (shown only when prospects are kept as their own group).',
      zh: '尚未下单（仅在选择单独分组时出现）。',
    },
    strategy: { en: 'Convert with a first-order offer.', zh: '以首单优惠促成转化。' },
  },
];

function defaults(): ValueLoyaltyParams {
  return {
    valueColumn: 'monetary',
    loyaltyMeasure: 'frequency',
    split: 'median',
    valueCut: 1000,
    loyaltyCut: 2,
    prospects: 'segment',
  };
}

function validate(p: ValueLoyaltyParams): ParamError[] {
  const column = typeof p.valueColumn === 'string' ? p.valueColumn.trim() : '';
  const columnError: ParamError | null =
    column === ''
      ? { key: 'valueColumn', message: { en: 'Choose a value column.', zh: '请选择价值指标列。' } }
      : NOT_NUMERIC.includes(column)
        ? {
            key: 'valueColumn',
            message: {
              en: `"${column}" is not a number, so it cannot measure value.`,
              zh: `“${column}”不是数值列，不能作为价值指标。`,
            },
          }
        : null;
  return errorsOf([
    columnError,
    choiceError('loyaltyMeasure', L.loyaltyMeasure, p.loyaltyMeasure, [
      'frequency',
      'repurchase',
      'tenure',
    ]),
    choiceError('split', L.split, p.split, ['median', 'mean', 'custom']),
    p.split === 'custom' ? numberError('valueCut', L.valueCut, p.valueCut) : null,
    p.split === 'custom' ? numberError('loyaltyCut', L.loyaltyCut, p.loyaltyCut) : null,
    choiceError('prospects', L.prospects, p.prospects, ['exclude', 'segment']),
  ]);
}

function toSql(p: ValueLoyaltyParams, ctx: PresetContext): string {
  throwIfInvalid(valueLoyalty.label, validate(p));
  assertContext(ctx);
  return valueLoyaltySql(p, ctx, SEGMENTS);
}

/** Value × loyalty matrix (价值-忠诚度矩阵): four quadrants split at median, mean or custom values. */
export const valueLoyalty: Preset<ValueLoyaltyParams> = {
  id: 'value-loyalty',
  readsPredictions: (p) => (PREDICTION_COLUMNS as readonly string[]).includes(p.valueColumn),
  label: { en: 'Value × loyalty matrix', zh: '价值-忠诚度矩阵' },
  description: {
    en: 'Four quadrants from a value axis (spend, or any numeric column such as predicted CLV) and a loyalty axis (orders, repurchase rate or tenure). An axis is high when strictly above its threshold: the median or mean of buyers, or a custom value. Customers without orders are left out or shown as Prospects.',
    zh: '以价值轴（消费额或任意数值列，如预测CLV）和忠诚度轴（订单数、复购率或客户时长）划分四个象限。某轴数值严格大于阈值即为“高”，阈值为购买客户的中位数、平均数或自定义值。未下单客户可排除，或单独列为潜在客户。',
  },
  params: [
    {
      key: 'valueColumn',
      kind: 'text',
      label: L.valueColumn,
      help: {
        en: 'A numeric column of the features table, e.g. monetary or predicted_clv.',
        zh: '特征表中的数值列，如 monetary 或 predicted_clv。',
      },
    },
    {
      key: 'loyaltyMeasure',
      kind: 'select',
      label: L.loyaltyMeasure,
      options: [
        { value: 'frequency', label: { en: 'Number of orders', zh: '订单数' } },
        {
          value: 'repurchase',
          label: { en: 'Repurchase rate (repeat purchase days)', zh: '复购率（重复购买天数占比）' },
        },
        { value: 'tenure', label: { en: 'Tenure (days as a customer)', zh: '客户时长（天）' } },
      ],
    },
    {
      key: 'split',
      kind: 'select',
      label: L.split,
      options: [
        { value: 'median', label: { en: 'Median of buyers', zh: '购买客户中位数' } },
        { value: 'mean', label: { en: 'Mean of buyers', zh: '购买客户平均数' } },
        { value: 'custom', label: { en: 'Custom values', zh: '自定义数值' } },
      ],
    },
    {
      key: 'valueCut',
      kind: 'number',
      label: L.valueCut,
      shownWhen: { key: 'split', values: ['custom'] },
    },
    {
      key: 'loyaltyCut',
      kind: 'number',
      label: L.loyaltyCut,
      shownWhen: { key: 'split', values: ['custom'] },
    },
    {
      key: 'prospects',
      kind: 'select',
      label: L.prospects,
      options: [
        { value: 'segment', label: { en: 'Own group (Prospects)', zh: '单独分组（潜在客户）' } },
        { value: 'exclude', label: { en: 'Leave out', zh: '排除' } },
      ],
    },
  ],
  defaults,
  validate,
  segments: (p) =>
    SEGMENTS.filter((s) => p.prospects !== 'exclude' || s.key !== 'prospect').map((s) => ({
      ...s,
    })),
  toSql,
};
