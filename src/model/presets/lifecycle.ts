import type { Labels } from '../../domain/labels';
import { assertContext, errorsOf, numberError, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import { lifecycleSql, type LifecycleParams } from '../../sql/presets/lifecycle';

export type { LifecycleParams };

const L = {
  newDays: { en: 'New: first order within (days)', zh: '新客：首单距今天数不超过' },
  loyalMinOrders: { en: 'Loyal: minimum orders', zh: '忠诚：最少订单数' },
  riskFactor: {
    en: 'At risk: silence longer than × usual interval',
    zh: '流失风险：未购天数超过平时间隔的倍数',
  },
} satisfies Record<keyof LifecycleParams, Labels>;

const SEGMENTS: SegmentDef[] = [
  {
    key: 'potential',
    label: { en: 'Potential', zh: '潜在客户' },
    definition: { en: 'Has never ordered.', zh: '尚未下过订单。' },
    strategy: {
      en: 'Welcome series and a first-order offer to convert.',
      zh: '欢迎系列触达与首单优惠，促成首购。',
    },
  },
  {
    key: 'new',
    label: { en: 'New', zh: '新客户' },
    definition: {
      en: 'First order within the "new" window (and not yet at risk).',
      zh: '首单在新客窗口期内（且尚无流失风险）。',
    },
    strategy: {
      en: 'Onboarding, usage tips and a second-purchase incentive.',
      zh: '新客引导、使用指南和复购激励，促成第二次购买。',
    },
  },
  {
    key: 'active',
    label: { en: 'Active', zh: '活跃客户' },
    definition: {
      en: 'Buying within their usual rhythm, but fewer orders than loyal customers.',
      zh: '按平时节奏购买，但订单数未达忠诚标准。',
    },
    strategy: {
      en: 'Cross-sell and membership benefits to build the habit.',
      zh: '交叉销售与会员权益，培养购买习惯。',
    },
  },
  {
    key: 'loyal',
    label: { en: 'Loyal', zh: '忠诚客户' },
    definition: {
      en: 'At least the loyal number of orders and buying within their usual rhythm.',
      zh: '订单数达到忠诚标准，且按平时节奏购买。',
    },
    strategy: {
      en: 'Reward and recognise: VIP perks, referrals, early access.',
      zh: '奖励与认可：会员特权、推荐有礼、新品抢先体验。',
    },
  },
  {
    key: 'at_risk',
    label: { en: 'At risk', zh: '流失风险客户' },
    definition: {
      en: 'Silent for longer than the risk factor × their average purchase interval (for one-day buyers: the median interval of repeat buyers), but not churned.',
      zh: '未购天数超过“风险倍数×其平均购买间隔”（只在一天购买过的客户用复购客户间隔的中位数），但尚未流失。',
    },
    strategy: {
      en: 'Win-back now: personal outreach, a reason to return, ask for feedback.',
      zh: '立即挽回：一对一联系、给出回购理由、征求反馈。',
    },
  },
  {
    key: 'churned',
    label: { en: 'Churned', zh: '已流失客户' },
    definition: {
      en: 'No order for longer than the notebook’s churn threshold (set beside the analysis date).',
      zh: '超过笔记本的流失天数阈值（在分析日期旁设置）没有下单。',
    },
    strategy: {
      en: 'Low-cost reactivation campaigns; learn why they left.',
      zh: '低成本唤醒活动；了解流失原因。',
    },
  },
];

function defaults(): LifecycleParams {
  return { newDays: 30, loyalMinOrders: 3, riskFactor: 1.5 };
}

function validate(p: LifecycleParams): ParamError[] {
  return errorsOf([
    numberError('newDays', L.newDays, p.newDays, { min: 1, integer: true }),
    numberError('loyalMinOrders', L.loyalMinOrders, p.loyalMinOrders, { min: 2, integer: true }),
    numberError('riskFactor', L.riskFactor, p.riskFactor, { min: 1 }),
  ]);
}

function toSql(p: LifecycleParams, ctx: PresetContext): string {
  throwIfInvalid(lifecycle.label, validate(p));
  assertContext(ctx);
  return lifecycleSql(p, ctx, SEGMENTS);
}

/** Customer lifecycle (客户生命周期): potential, new, active, loyal, at risk, churned. */
export const lifecycle: Preset<LifecycleParams> = {
  id: 'lifecycle',
  label: { en: 'Lifecycle stage', zh: '客户生命周期' },
  description: {
    en: 'Where each customer is in their life with you. Rules apply in order: potential (no order), churned (the notebook’s churn threshold), at risk, new, loyal, active.',
    zh: '客户处于生命周期的哪个阶段。判定顺序：潜在（未下单）、已流失（按笔记本的流失天数阈值）、流失风险、新客、忠诚、活跃。',
  },
  params: [
    { key: 'newDays', kind: 'integer', label: L.newDays, min: 1 },
    { key: 'loyalMinOrders', kind: 'integer', label: L.loyalMinOrders, min: 2 },
    { key: 'riskFactor', kind: 'number', label: L.riskFactor, min: 1, step: 0.1 },
  ],
  defaults,
  validate,
  segments: () => SEGMENTS.map((s) => ({ ...s })),
  toSql,
};
