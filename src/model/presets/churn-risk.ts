import type { Labels } from '../../domain/labels';
import { assertContext, errorsOf, numberError, orderError, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext, SegmentDef } from './preset';
import { churnRiskSql, type ChurnRiskParams } from '../../sql/presets/churn-risk';

export type { ChurnRiskParams };

const L = {
  highRiskBelow: { en: 'High risk: P(alive) below', zh: '高风险：存活概率低于' },
  likelyActiveFrom: { en: 'Likely active: P(alive) from', zh: '大概率活跃：存活概率不低于' },
} satisfies Record<keyof ChurnRiskParams, Labels>;

const SEGMENTS: SegmentDef[] = [
  {
    key: 'high_risk',
    label: { en: 'High risk', zh: '高流失风险' },
    definition: {
      en: 'P(alive) below the high-risk threshold: probably gone already.',
      zh: '存活概率低于高风险阈值：很可能已经流失。',
    },
    strategy: {
      en: 'Win back selectively: a strong offer or a personal call where past value justifies it, otherwise low-cost reactivation; ask why they left.',
      zh: '有选择地挽回：对历史价值高的客户给出有力优惠或专人联系，其余采用低成本唤醒；了解流失原因。',
    },
  },
  {
    key: 'watch',
    label: { en: 'Watch', zh: '需关注' },
    definition: {
      en: 'P(alive) between the two thresholds: drifting away.',
      zh: '存活概率介于两个阈值之间：正在疏远。',
    },
    strategy: {
      en: 'Act before they slip: timely reminders, replenishment nudges and a personal reason to come back.',
      zh: '在流失前行动：及时提醒、补货提示，并给出个性化的回购理由。',
    },
  },
  {
    key: 'likely_active',
    label: { en: 'Likely active', zh: '大概率活跃' },
    definition: {
      en: 'P(alive) at or above the likely-active threshold.',
      zh: '存活概率不低于活跃阈值。',
    },
    strategy: {
      en: 'Keep the relationship: service, cross-selling and loyalty perks; do not spend discounts on them.',
      zh: '维护关系：优质服务、交叉销售和会员权益；无需在他们身上花费折扣。',
    },
  },
  {
    key: 'one_time_lapsed',
    label: { en: 'One-time, lapsed', zh: '单次购买·已沉寂' },
    definition: {
      en: 'Bought on one day only, longer ago than the notebook’s churn threshold. The model gives one-time buyers P(alive) = 1 whatever their silence, so they are scored by recency instead.',
      zh: '只在一天购买过，且距今超过笔记本的流失天数阈值。模型对单次购买客户一律给出存活概率 1，与沉寂多久无关，因此改按最近购买时间判定。',
    },
    strategy: {
      en: 'Treat as churned: a low-cost reactivation offer at most; do not count them as active customers.',
      zh: '按已流失对待：至多做低成本唤醒，不要计入活跃客户。',
    },
  },
  {
    key: 'one_time_recent',
    label: { en: 'One-time, recent', zh: '单次购买·近期' },
    definition: {
      en: 'Bought on one day only, within the notebook’s churn threshold (scored by recency, not by P(alive)).',
      zh: '只在一天购买过，且在笔记本的流失天数阈值之内（按最近购买时间判定，而非存活概率）。',
    },
    strategy: {
      en: 'Second-purchase push: onboarding, a reason to come back, a timely reminder.',
      zh: '促成第二次购买：新客引导、回购理由、适时提醒。',
    },
  },
  {
    key: 'not_scored',
    label: { en: 'Not scored', zh: '未评分' },
    definition: {
      en: 'Repeat buyers without a prediction: first order after the model’s calibration end, or no Predict cell has run yet.',
      zh: '没有预测值的复购客户：首单晚于模型校准期结束日期，或尚未运行预测单元。',
    },
    strategy: {
      en: 'Treat as new customers (onboarding, second-purchase incentive); run the Predict cell again with a later calibration end to score them.',
      zh: '按新客户对待（新客引导、复购激励）；以更晚的校准期结束日期重新运行预测单元即可为其评分。',
    },
  },
  {
    key: 'prospect',
    label: { en: 'Prospects', zh: '潜在客户' },
    definition: { en: 'No orders yet.', zh: '尚未下单。' },
    strategy: { en: 'Convert with a first-order offer.', zh: '以首单优惠促成转化。' },
  },
];

function defaults(): ChurnRiskParams {
  return { highRiskBelow: 0.3, likelyActiveFrom: 0.7 };
}

function validate(p: ChurnRiskParams): ParamError[] {
  const share = { min: 0, max: 1, minInclusive: false };
  const errors = errorsOf([
    numberError('highRiskBelow', L.highRiskBelow, p.highRiskBelow, share),
    numberError('likelyActiveFrom', L.likelyActiveFrom, p.likelyActiveFrom, share),
  ]);
  if (errors.length > 0) return errors;
  return errorsOf([
    orderError(
      'highRiskBelow',
      { label: L.highRiskBelow, value: p.highRiskBelow },
      { label: L.likelyActiveFrom, value: p.likelyActiveFrom },
      true,
    ),
  ]);
}

function toSql(p: ChurnRiskParams, ctx: PresetContext): string {
  throwIfInvalid(churnRisk.label, validate(p));
  assertContext(ctx);
  return churnRiskSql(p, ctx, SEGMENTS);
}

/** Churn risk (流失风险): segments by the BG/NBD probability alive a Predict cell adds. */
export const churnRisk: Preset<ChurnRiskParams> = {
  id: 'churn-risk',
  readsPredictions: () => true,
  label: { en: 'Churn risk (predicted)', zh: '流失风险（预测）' },
  description: {
    en: 'Segments by p_alive, the BG/NBD probability that a customer is still active, which a Predict cell adds to the features: run a Predict cell first, or every repeat buyer is Not scored. P(alive) is as of the model’s calibration end. It is a model-based measure, not the notebook’s churn rule (no order within the churn threshold). BG/NBD gives customers who bought on one day only P(alive) = 1, so they get their own two groups, split by the notebook’s churn threshold. Rules apply in order: prospects (no orders), one-time lapsed, one-time recent, not scored, high risk, watch, likely active.',
    zh: '按 p_alive（BG/NBD 模型估计的客户仍活跃的概率）分群，该列由预测单元并入特征表：请先运行预测单元，否则所有购买客户均为“未评分”。存活概率以模型校准期结束日期为准。它是基于模型的度量，不同于笔记本的流失规则（超过流失天数阈值未下单）。BG/NBD 对只在一天购买过的客户一律给出存活概率 1，因此他们单独分为两组，按笔记本的流失天数阈值划分。判定顺序：潜在客户（未下单）、单次购买·已沉寂、单次购买·近期、未评分、高流失风险、需关注、大概率活跃。',
  },
  params: [
    {
      key: 'highRiskBelow',
      kind: 'number',
      label: L.highRiskBelow,
      help: { en: 'A probability, 0–1.', zh: '概率，0–1。' },
      min: 0,
      max: 1,
      step: 0.05,
    },
    {
      key: 'likelyActiveFrom',
      kind: 'number',
      label: L.likelyActiveFrom,
      min: 0,
      max: 1,
      step: 0.05,
    },
  ],
  defaults,
  validate,
  segments: () => SEGMENTS.map((s) => ({ ...s })),
  toSql,
};
