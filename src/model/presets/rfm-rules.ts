import type { ScoreCondition } from '../../sql/rfm';
import type { Labels } from '../../domain/labels';

/** One row of the editable RFM rule table. Rules are tried in order; the first match wins. */
export interface RfmRule {
  key: string;
  /** The segment name: both languages, or one plain name used for both. */
  label: Labels | string;
  recency: ScoreCondition;
  frequency: ScoreCondition;
  monetary: ScoreCondition;
  strategy?: Labels;
  definition?: Labels;
}

export const OTHERS_LABEL: Labels = { en: 'Others', zh: '其他' };
export const PROSPECTS_LABEL: Labels = { en: 'Prospects', zh: '潜在客户' };

export const OTHERS_STRATEGY: Labels = {
  en: 'No rule matched: review the rule table, or treat them with the general newsletter.',
  zh: '没有规则命中：检查规则表，或按常规会员沟通处理。',
};
export const PROSPECTS_STRATEGY: Labels = {
  en: 'Registered but never bought: welcome series, first-order coupon, show best sellers.',
  zh: '已注册但从未购买：欢迎礼包、首单优惠券、推荐爆款商品。',
};
export const DEFAULT_STRATEGY: Labels = {
  en: 'Write the playbook for this segment.',
  zh: '请为该分群填写运营策略。',
};

const HIGH = 'high' as const;
const LOW = 'low' as const;

function rule(
  key: string,
  label: Labels,
  [recency, frequency, monetary]: [ScoreCondition, ScoreCondition, ScoreCondition],
  strategy: Labels,
): RfmRule {
  return { key, label, recency, frequency, monetary, strategy };
}

/**
 * The classic Chinese eight: each of R, F and M is high (above the mean or median score) or
 * low. A high recency score means a recent purchase.
 */
export const CLASSIC_RULES: RfmRule[] = [
  rule('important-value', { en: 'Important value', zh: '重要价值客户' }, [HIGH, HIGH, HIGH], {
    en: 'Your best customers: VIP service, early access to new products, ask for referrals.',
    zh: '最优质客户：VIP 专属服务、新品优先体验、邀请推荐新客。',
  }),
  rule(
    'important-development',
    { en: 'Important development', zh: '重要发展客户' },
    [HIGH, LOW, HIGH],
    {
      en: 'Recent big spenders who buy rarely: raise frequency with membership, bundles, subscriptions.',
      zh: '近期消费高但频次低：通过会员权益、组合购、订阅提升购买频次。',
    },
  ),
  rule(
    'important-retention',
    { en: 'Important retention', zh: '重要保持客户' },
    [LOW, HIGH, HIGH],
    {
      en: 'Frequent big spenders gone quiet: reach out personally before they drift away.',
      zh: '高频高额但近期未购：主动一对一关怀，防止流失。',
    },
  ),
  rule('important-win-back', { en: 'Important win-back', zh: '重要挽留客户' }, [LOW, LOW, HIGH], {
    en: 'High value but long gone: win back with personalised offers, ask why they left.',
    zh: '高价值但久未购买：用个性化优惠挽回，了解流失原因。',
  }),
  rule('general-value', { en: 'General value', zh: '一般价值客户' }, [HIGH, HIGH, LOW], {
    en: 'Loyal, small baskets: upsell and cross-sell, free-shipping thresholds.',
    zh: '忠诚但客单价低：加购推荐、交叉销售、满额包邮提升客单价。',
  }),
  rule('general-development', { en: 'General development', zh: '一般发展客户' }, [HIGH, LOW, LOW], {
    en: 'New or occasional buyers: onboarding, nudge the second purchase.',
    zh: '新客或偶尔购买：新客引导，促成第二次购买。',
  }),
  rule('general-retention', { en: 'General retention', zh: '一般保持客户' }, [LOW, HIGH, LOW], {
    en: 'Used to buy often, small amounts: low-cost reminders, points about to expire.',
    zh: '曾经常购买但金额小：低成本提醒，积分到期提醒。',
  }),
  rule('general-win-back', { en: 'General win-back', zh: '一般挽留客户' }, [LOW, LOW, LOW], {
    en: 'Low value and lapsed: automated low-cost campaigns only, do not overspend.',
    zh: '低价值且已流失：只做自动化低成本触达，控制投入。',
  }),
];

/**
 * The common English set on 5-point scores, in the order and with the ranges of the rule table
 * in the rfm package's README; Hibernating is added before About To Sleep.
 */
export const STANDARD_RULES: RfmRule[] = [
  rule(
    'champions',
    { en: 'Champions', zh: '冠军客户' },
    [
      [5, 5],
      [5, 5],
      [5, 5],
    ],
    {
      en: 'Reward them, give early access to new products, ask for reviews and referrals.',
      zh: '给予回馈和新品优先体验，邀请评价和推荐。',
    },
  ),
  rule(
    'potential-loyalist',
    { en: 'Potential Loyalist', zh: '潜在忠诚客户' },
    [
      [3, 5],
      [3, 5],
      [2, 5],
    ],
    {
      en: 'Offer membership or a loyalty programme, recommend related products.',
      zh: '邀请加入会员或积分计划，推荐相关商品。',
    },
  ),
  rule(
    'loyal-customers',
    { en: 'Loyal Customers', zh: '忠诚客户' },
    [
      [2, 4],
      [2, 4],
      [2, 4],
    ],
    {
      en: 'Upsell higher-value products, ask for reviews, keep them engaged.',
      zh: '推荐更高价值商品，邀请评价，保持互动。',
    },
  ),
  rule(
    'promising',
    { en: 'Promising', zh: '有潜力客户' },
    [
      [3, 4],
      [1, 3],
      [3, 5],
    ],
    {
      en: 'Build brand awareness, offer free trials and tailored recommendations.',
      zh: '加深品牌认知，提供试用和个性化推荐。',
    },
  ),
  rule(
    'new-customers',
    { en: 'New Customers', zh: '新客户' },
    [
      [4, 5],
      [1, 3],
      [1, 5],
    ],
    {
      en: 'Onboard them well, provide early success, start building the relationship.',
      zh: '做好新客引导，让其尽快获得良好体验，建立关系。',
    },
  ),
  rule(
    'cant-lose-them',
    { en: "Can't Lose Them", zh: '不能失去的客户' },
    [
      [1, 2],
      [3, 4],
      [4, 5],
    ],
    {
      en: 'Win them back with renewals or new products, talk to them personally.',
      zh: '用续费优惠或新品挽回，安排一对一沟通。',
    },
  ),
  rule(
    'at-risk',
    { en: 'At Risk', zh: '流失风险客户' },
    [
      [1, 2],
      [2, 5],
      [4, 5],
    ],
    {
      en: 'Send personalised emails to reconnect, offer renewals and helpful resources.',
      zh: '发送个性化信息重新建立联系，提供续费优惠和实用内容。',
    },
  ),
  rule(
    'need-attention',
    { en: 'Need Attention', zh: '需要关注客户' },
    [
      [1, 3],
      [3, 5],
      [3, 5],
    ],
    {
      en: 'Make limited-time offers based on their past purchases.',
      zh: '基于历史购买推荐限时优惠。',
    },
  ),
  rule(
    'hibernating',
    { en: 'Hibernating', zh: '休眠客户' },
    [
      [2, 2],
      [1, 2],
      [1, 2],
    ],
    {
      en: 'Offer other relevant products and special discounts, recreate brand value.',
      zh: '推荐其他相关商品和专属折扣，重建品牌价值。',
    },
  ),
  rule(
    'about-to-sleep',
    { en: 'About To Sleep', zh: '即将沉睡客户' },
    [
      [2, 3],
      [1, 3],
      [1, 4],
    ],
    {
      en: 'Share valuable resources, recommend popular products, reconnect before they go.',
      zh: '分享有价值的内容，推荐热门商品，在流失前重新联系。',
    },
  ),
  rule(
    'lost',
    { en: 'Lost', zh: '已流失客户' },
    [
      [1, 1],
      [1, 5],
      [1, 5],
    ],
    {
      en: 'Try a reach-out campaign once; otherwise stop spending on them.',
      zh: '尝试一次召回活动；无效则停止投入。',
    },
  ),
];

/** The rule tables SegLab ships, for the rule editor's "load" menu. */
export const RFM_RULE_TABLES: { key: string; label: Labels; rules: RfmRule[] }[] = [
  {
    key: 'classic',
    label: { en: 'Classic eight (important / general)', zh: '经典八类（重要/一般）' },
    rules: CLASSIC_RULES,
  },
  {
    key: 'standard',
    label: {
      en: 'Champions, Loyal, At Risk… (11 segments)',
      zh: '冠军、忠诚、流失风险……（11 类）',
    },
    rules: STANDARD_RULES,
  },
];
