import type { Labels } from '../domain/labels';

/**
 * How a profile speaks of a feature: its name, and the phrases of a segment above or below
 * everyone (`times` holds `{x}`, the lift, and is used when the lift is large). Features of one
 * `group` say much the same thing, so a description names at most one of them.
 */
export interface ProfileFeature {
  label: Labels;
  group: string;
  more: Labels;
  less: Labels;
  times?: Labels;
  /** A share (0–1): shown as a percentage. */
  share?: boolean;
  /** For a share above one half in the segment: said instead of `more`. */
  mostly?: Labels;
  /** The plainest of its group: said instead of another that differs about as much. */
  lead?: boolean;
}

/** How a profile speaks of an attribute value `{v}`: most members have it, or more than usual. */
export interface ProfileAttribute {
  label: Labels;
  group: string;
  mostly: Labels;
  often: Labels;
}

const f = (
  label: [string, string],
  group: string,
  more: [string, string],
  less: [string, string],
  times?: [string, string],
  share?: boolean,
): ProfileFeature => ({
  label: { en: label[0], zh: label[1] },
  group,
  more: { en: more[0], zh: more[1] },
  less: { en: less[0], zh: less[1] },
  ...(times ? { times: { en: times[0], zh: times[1] } } : {}),
  ...(share ? { share } : {}),
});

export const PROFILE_FEATURES: Readonly<Record<string, ProfileFeature>> = {
  frequency: {
    ...f(
      ['Orders', '订单数'],
      'frequency',
      ['buys more often', '购买更频繁'],
      ['buys less often', '购买频次偏低'],
      ['buys {x}× as often as average', '购买频次是平均的{x}倍'],
    ),
    lead: true,
  },
  purchase_days: f(
    ['Purchase days', '购买天数'],
    'frequency',
    ['buys on more days', '购买天数更多'],
    ['buys on fewer days', '购买天数偏少'],
    ['buys on {x}× as many days as average', '购买天数是平均的{x}倍'],
  ),
  avg_interpurchase_days: f(
    ['Days between orders', '平均购买间隔（天）'],
    'frequency',
    ['waits longer between orders', '购买间隔较长'],
    ['comes back sooner', '回购间隔较短'],
    ['waits {x}× as long between orders', '购买间隔是平均的{x}倍'],
  ),
  monetary: {
    ...f(
      ['Total spend', '累计消费'],
      'value',
      ['spends more in total', '累计消费更高'],
      ['spends less in total', '累计消费偏低'],
      ['spends {x}× the average in total', '累计消费是平均的{x}倍'],
    ),
    lead: true,
  },
  predicted_clv: f(
    ['Predicted CLV', '预测 CLV'],
    'value',
    ['is predicted to be worth more', '预测价值较高'],
    ['is predicted to be worth less', '预测价值较低'],
    ['is predicted to be worth {x}× the average', '预测价值是平均的{x}倍'],
  ),
  avg_order_value: {
    ...f(
      ['Avg order value', '客单价'],
      'basket',
      ['spends more per order', '客单价偏高'],
      ['spends less per order', '客单价偏低'],
      ['spends {x}× as much per order', '客单价是平均的{x}倍'],
    ),
    lead: true,
  },
  max_order_value: f(
    ['Largest order', '最大单笔金额'],
    'basket',
    ['places larger orders', '最大单笔金额偏高'],
    ['places smaller orders', '最大单笔金额偏低'],
    ['places orders up to {x}× as large', '最大单笔金额是平均的{x}倍'],
  ),
  avg_unit_price: f(
    ['Avg unit price', '平均单价'],
    'basket',
    ['buys pricier items', '偏好高价商品'],
    ['buys cheaper items', '偏好低价商品'],
    ['buys items {x}× as pricey', '购买单价是平均的{x}倍'],
  ),
  recency_days: f(
    ['Days since last order', '距上次购买天数'],
    'recency',
    ['last bought longer ago', '较久未购买'],
    ['bought more recently', '上次购买较近'],
    ['last bought {x}× as long ago as average', '未购天数是平均的{x}倍'],
  ),
  tenure_days: f(
    ['Days since first order', '首购至今天数'],
    'tenure',
    ['long-standing customers', '老客户居多'],
    ['newer customers', '新客户居多'],
    ['has been buying {x}× as long', '客龄是平均的{x}倍'],
  ),
  discount_share: f(
    ['Discounted orders', '折扣订单占比'],
    'discount',
    ['buys on discount more often', '更常使用折扣'],
    ['rarely uses discounts', '较少使用折扣'],
    ['buys on discount {x}× as often', '折扣使用是平均的{x}倍'],
    true,
  ),
  top_brand_share: f(
    ['Top-brand share', '首选品牌占比'],
    'brand',
    ['sticks to one brand', '品牌忠诚度高'],
    ['switches brands', '品牌偏好分散'],
    undefined,
    true,
  ),
  category_count: f(
    ['Categories bought', '购买品类数'],
    'category',
    ['buys across more categories', '购买品类更广'],
    ['sticks to few categories', '购买品类较集中'],
    ['buys across {x}× as many categories', '购买品类数是平均的{x}倍'],
  ),
  complaint_count: f(
    ['Complaints', '投诉次数'],
    'complaints',
    ['complains more', '投诉较多'],
    ['complains less', '投诉较少'],
    ['complains {x}× as often', '投诉是平均的{x}倍'],
  ),
  referral_count: f(
    ['Referrals', '推荐次数'],
    'referrals',
    ['refers more customers', '推荐较多'],
    ['refers fewer customers', '推荐较少'],
    ['refers {x}× as many customers', '推荐人数是平均的{x}倍'],
  ),
  feedback_count: f(
    ['Feedback given', '反馈次数'],
    'feedback',
    ['gives more feedback', '反馈较多'],
    ['gives less feedback', '反馈较少'],
    ['gives feedback {x}× as often', '反馈是平均的{x}倍'],
  ),
  avg_satisfaction: f(
    ['Avg satisfaction', '平均满意度'],
    'satisfaction',
    ['is more satisfied', '满意度较高'],
    ['is less satisfied', '满意度较低'],
  ),
  is_prospect: {
    ...f(
      ['Prospect share', '潜在客户占比'],
      'prospect',
      ['has more prospects', '潜在客户较多'],
      ['has fewer prospects', '潜在客户较少'],
      undefined,
      true,
    ),
    mostly: { en: 'mostly prospects with no order yet', zh: '以未下单的潜在客户为主' },
  },
};

const a = (
  label: [string, string],
  group: string,
  mostly: [string, string],
  often: [string, string],
): ProfileAttribute => ({
  label: { en: label[0], zh: label[1] },
  group,
  mostly: { en: mostly[0], zh: mostly[1] },
  often: { en: often[0], zh: often[1] },
});

const place = (label: [string, string]) =>
  a(label, 'place', ['mostly in {v}', '主要在{v}'], ['often in {v}', '{v}占比较高']);

export const PROFILE_ATTRIBUTE_LABELS: Readonly<Record<string, ProfileAttribute>> = {
  region: place(['Region', '大区']),
  province: place(['Province', '省份']),
  city: place(['City', '城市']),
  country: place(['Country', '国家']),
  customer_type: a(
    ['Customer type', '客户类型'],
    'type',
    ['mostly {v} customers', '以{v}客户为主'],
    ['more often {v} customers', '{v}客户占比较高'],
  ),
  channel: a(
    ['Channel', '渠道'],
    'channel',
    ['mostly via {v}', '主要通过{v}'],
    ['more often via {v}', '{v}渠道占比较高'],
  ),
  category: a(
    ['Category', '品类'],
    'category-bought',
    ['mostly buys {v}', '主要购买{v}'],
    ['buys more {v}', '{v}品类占比较高'],
  ),
};

/** A feature's or attribute's name; an unknown one keeps its column name. */
export function profileLabel(feature: string): Labels {
  return (
    PROFILE_FEATURES[feature]?.label ??
    PROFILE_ATTRIBUTE_LABELS[feature]?.label ?? { en: feature, zh: feature }
  );
}
