import type { Labels } from '../../domain/labels';
import { cutModeParams } from './cut-mode-params';
import { assertContext, choiceError, errorsOf, numberError, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import {
  purchaseBehaviourSql,
  type PurchaseBehaviourParams,
} from '../../sql/presets/purchase-behaviour';

export type { PurchaseBehaviourParams };

const L = {
  frequencyCut: { en: 'High frequency by', zh: '高频判定方式' },
  frequencyPercentile: { en: 'High frequency: order-count percentile', zh: '高频：订单数分位数' },
  frequencyMin: { en: 'High frequency: minimum orders', zh: '高频：最少订单数' },
  ticketMeasure: { en: 'Big ticket measured by', zh: '大额判定指标' },
  ticketCut: { en: 'Big ticket by', zh: '大额判定方式' },
  ticketPercentile: { en: 'Big ticket: order-value percentile', zh: '大额：订单金额分位数' },
  ticketMin: { en: 'Big ticket: minimum order value', zh: '大额：最低订单金额' },
} satisfies Record<keyof PurchaseBehaviourParams, Labels>;

const SEGMENTS: SegmentDef[] = [
  {
    key: 'frequent_big',
    label: { en: 'Frequent big spenders', zh: '高频大额客户' },
    definition: { en: 'High frequency and big ticket.', zh: '购买频次高且单笔金额大。' },
    strategy: {
      en: 'Top priority: premium service, exclusive offers and a personal contact.',
      zh: '最优先：高端服务、专属优惠和专人对接。',
    },
  },
  {
    key: 'frequent',
    label: { en: 'Frequent small-basket buyers', zh: '高频小额客户' },
    definition: { en: 'High frequency, not big ticket.', zh: '购买频次高但单笔金额不大。' },
    strategy: {
      en: 'Grow the basket: bundles, upgrades and free-shipping thresholds.',
      zh: '提升客单价：组合套装、升级推荐和满额包邮。',
    },
  },
  {
    key: 'occasional_big',
    label: { en: 'Occasional big-ticket buyers', zh: '低频大额客户' },
    definition: { en: 'Big ticket, not high frequency.', zh: '单笔金额大但购买频次低。' },
    strategy: {
      en: 'Raise frequency: replenishment reminders, subscriptions, timely new arrivals.',
      zh: '提升频次：补货提醒、订阅服务和新品及时推送。',
    },
  },
  {
    key: 'occasional',
    label: { en: 'Occasional small-basket buyers', zh: '低频小额客户' },
    definition: { en: 'Neither high frequency nor big ticket.', zh: '购买频次低且单笔金额小。' },
    strategy: {
      en: 'Low-cost automated nurturing; test promotions to find what moves them.',
      zh: '低成本自动化培育；测试不同促销找到有效手段。',
    },
  },
  {
    key: 'prospect',
    label: { en: 'No purchases', zh: '未购买客户' },
    definition: { en: 'Has never ordered.', zh: '尚未下过订单。' },
    strategy: { en: 'First-order offer and welcome content.', zh: '首单优惠与欢迎内容。' },
  },
];

function defaults(): PurchaseBehaviourParams {
  return {
    frequencyCut: 'percentile',
    frequencyPercentile: 0.75,
    frequencyMin: 3,
    ticketMeasure: 'avg_order_value',
    ticketCut: 'percentile',
    ticketPercentile: 0.8,
    ticketMin: 100,
  };
}

function validate(p: PurchaseBehaviourParams): ParamError[] {
  const fraction = { min: 0, max: 1 };
  return errorsOf([
    choiceError('frequencyCut', L.frequencyCut, p.frequencyCut, ['percentile', 'absolute']),
    p.frequencyCut === 'absolute'
      ? numberError('frequencyMin', L.frequencyMin, p.frequencyMin, { min: 2, integer: true })
      : numberError('frequencyPercentile', L.frequencyPercentile, p.frequencyPercentile, fraction),
    choiceError('ticketMeasure', L.ticketMeasure, p.ticketMeasure, [
      'avg_order_value',
      'max_order_value',
    ]),
    choiceError('ticketCut', L.ticketCut, p.ticketCut, ['percentile', 'absolute']),
    p.ticketCut === 'absolute'
      ? numberError('ticketMin', L.ticketMin, p.ticketMin, { min: 0 })
      : numberError('ticketPercentile', L.ticketPercentile, p.ticketPercentile, fraction),
  ]);
}

function toSql(p: PurchaseBehaviourParams, ctx: PresetContext): string {
  throwIfInvalid(purchaseBehaviour.label, validate(p));
  assertContext(ctx);
  return purchaseBehaviourSql(p, ctx, SEGMENTS);
}

/** Purchase behaviour (购买行为): frequency × order size. */
export const purchaseBehaviour: Preset<PurchaseBehaviourParams> = {
  id: 'purchase-behaviour',
  label: { en: 'Purchase behaviour', zh: '购买行为' },
  description: {
    en: 'How often and how big customers buy: high frequency means at least the frequency threshold (never a single order); big ticket means an order value at or above the chosen percentile of buyers. Prospects first, then the four frequency × ticket groups, which never overlap.',
    zh: '按购买频次和单笔金额划分：高频指订单数不低于频次阈值（只买过一次的客户不算高频）；大额指订单金额不低于购买客户的指定分位数。先划出未购买客户，其余客户落入频次×金额四组之一，互不重叠。',
  },
  params: [
    ...cutModeParams({
      name: 'frequency',
      minKey: 'frequencyMin',
      labels: { cut: L.frequencyCut, percentile: L.frequencyPercentile, min: L.frequencyMin },
      fixed: { en: 'Fixed number of orders', zh: '固定订单数' },
      minKind: 'integer',
      min: 2,
    }),
    {
      key: 'ticketMeasure',
      kind: 'select',
      label: L.ticketMeasure,
      options: [
        { value: 'avg_order_value', label: { en: 'Average order value', zh: '平均订单金额' } },
        { value: 'max_order_value', label: { en: 'Largest order', zh: '最大单笔金额' } },
      ],
    },
    ...cutModeParams({
      name: 'ticket',
      minKey: 'ticketMin',
      labels: { cut: L.ticketCut, percentile: L.ticketPercentile, min: L.ticketMin },
      fixed: { en: 'Fixed amount', zh: '固定金额' },
      minKind: 'number',
      min: 0,
    }),
  ],
  defaults,
  validate,
  segments: () => SEGMENTS.map((s) => ({ ...s })),
  toSql,
};
