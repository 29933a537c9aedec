import type { Labels } from '../domain/labels';

/**
 * A profile's trait in a word or two, for a name: a segment above everyone (`more`) or below
 * (`less`); an attribute's holds `{v}`, its value. Lower case: a name's first word is
 * capitalised where it is put together.
 */
export interface ShortWords {
  more: Labels;
  less: Labels;
}

const w = (more: [string, string], less: [string, string]): ShortWords => ({
  more: { en: more[0], zh: more[1] },
  less: { en: less[0], zh: less[1] },
});

export const PROFILE_SHORT_WORDS: Readonly<Record<string, ShortWords>> = {
  frequency: w(['frequent', '高频'], ['infrequent', '低频']),
  purchase_days: w(['frequent', '高频'], ['infrequent', '低频']),
  avg_interpurchase_days: w(['slow to return', '回购慢'], ['quick to return', '回购快']),
  monetary: w(['high spend', '高消费'], ['low spend', '低消费']),
  predicted_clv: w(['high predicted value', '预测价值高'], ['low predicted value', '预测价值低']),
  avg_order_value: w(['big baskets', '高客单价'], ['small baskets', '低客单价']),
  max_order_value: w(['big orders', '大单'], ['small orders', '小单']),
  avg_unit_price: w(['premium items', '偏好高价'], ['budget items', '偏好低价']),
  recency_days: w(['lapsed', '久未购买'], ['recent', '近期活跃']),
  tenure_days: w(['long-standing', '老客户'], ['new', '新客户']),
  discount_share: w(['discount-driven', '偏好折扣'], ['full price', '原价购买']),
  top_brand_share: w(['brand-loyal', '品牌忠诚'], ['brand-switching', '品牌分散']),
  category_count: w(['broad baskets', '多品类'], ['narrow baskets', '单一品类']),
  complaint_count: w(['complaining', '投诉多'], ['few complaints', '投诉少']),
  referral_count: w(['referring', '推荐多'], ['few referrals', '推荐少']),
  feedback_count: w(['vocal', '反馈多'], ['quiet', '反馈少']),
  avg_satisfaction: w(['satisfied', '满意度高'], ['dissatisfied', '满意度低']),
  is_prospect: w(['mostly prospects', '潜在客户多'], ['few prospects', '潜在客户少']),
};

/** An attribute value's short form: only a value over-represented in the segment is said. */
export const ATTRIBUTE_SHORT_WORDS: Readonly<Record<string, Labels>> = {
  region: { en: '{v}', zh: '{v}' },
  province: { en: '{v}', zh: '{v}' },
  city: { en: '{v}', zh: '{v}' },
  country: { en: '{v}', zh: '{v}' },
  customer_type: { en: '{v}', zh: '{v}' },
  channel: { en: 'via {v}', zh: '{v}渠道' },
  category: { en: 'buys {v}', zh: '偏好{v}' },
};
