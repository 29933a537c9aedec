import type { Labels } from '../../domain/labels';
import { CLUSTER_FEATURES } from './cluster-features';

/** A centroid this many standard deviations from the average customer earns a word. */
const NOTABLE = 0.5;

/** Words for a centroid far above (high) or below (low) the average on a feature. */
const WORDS: Record<string, { high: Labels; low: Labels }> = {
  monetary: { high: { en: 'High spend', zh: '高消费' }, low: { en: 'Low spend', zh: '低消费' } },
  avg_order_value: {
    high: { en: 'Big baskets', zh: '高客单价' },
    low: { en: 'Small baskets', zh: '低客单价' },
  },
  max_order_value: {
    high: { en: 'Big orders', zh: '大单' },
    low: { en: 'Small orders', zh: '小单' },
  },
  frequency: { high: { en: 'Frequent', zh: '高频' }, low: { en: 'Infrequent', zh: '低频' } },
  purchase_days: { high: { en: 'Frequent', zh: '高频' }, low: { en: 'Infrequent', zh: '低频' } },
  recency_days: { high: { en: 'Lapsed', zh: '久未购买' }, low: { en: 'Recent', zh: '近期活跃' } },
  tenure_days: { high: { en: 'Long-standing', zh: '老客户' }, low: { en: 'New', zh: '新客户' } },
  avg_interpurchase_days: {
    high: { en: 'Slow to return', zh: '回购慢' },
    low: { en: 'Quick to return', zh: '回购快' },
  },
  discount_share: {
    high: { en: 'Discount-driven', zh: '偏好折扣' },
    low: { en: 'Full price', zh: '原价购买' },
  },
  category_count: {
    high: { en: 'Broad baskets', zh: '多品类' },
    low: { en: 'Narrow baskets', zh: '单一品类' },
  },
  avg_satisfaction: {
    high: { en: 'Satisfied', zh: '满意度高' },
    low: { en: 'Dissatisfied', zh: '满意度低' },
  },
};

function word(feature: string, high: boolean): Labels {
  const known = WORDS[feature];
  if (known) return high ? known.high : known.low;
  const name = CLUSTER_FEATURES[feature] ?? { en: feature, zh: feature };
  return high
    ? { en: `High ${name.en.toLowerCase()}`, zh: `${name.zh}高` }
    : { en: `Low ${name.en.toLowerCase()}`, zh: `${name.zh}低` };
}

/** The features that set a centroid apart, most distinct first (up to `count`). */
export function notableFeatures(
  features: readonly string[],
  centroid: readonly number[],
  count = 2,
): { feature: string; z: number }[] {
  return features
    .map((feature, j) => ({ feature, z: centroid[j]! }))
    .filter((f) => Math.abs(f.z) >= NOTABLE)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .slice(0, count);
}

/**
 * A cluster's name from its centroid (z-scores of the chosen features): its number and the
 * one or two features that set it apart, e.g. "Cluster 2: Lapsed · low spend".
 */
export function clusterName(
  number: number,
  features: readonly string[],
  centroid: readonly number[],
): Labels {
  const words = notableFeatures(features, centroid).map((f) => word(f.feature, f.z > 0));
  if (words.length === 0) {
    return { en: `Cluster ${number}: Typical`, zh: `群${number}：中间客户` };
  }
  const en = words.map((w, i) => (i === 0 ? w.en : w.en.toLowerCase())).join(' · ');
  return { en: `Cluster ${number}: ${en}`, zh: `群${number}：${words.map((w) => w.zh).join('·')}` };
}

/** A first playbook for a cluster, from what sets it apart. */
export function clusterStrategy(features: readonly string[], centroid: readonly number[]): Labels {
  const z = (f: string) => {
    const j = features.indexOf(f);
    return j < 0 ? 0 : centroid[j]!;
  };
  const value = Math.max(z('monetary'), z('avg_order_value'));
  if (z('recency_days') >= NOTABLE && value >= NOTABLE) {
    return {
      en: 'Valuable but drifting away: a personal win-back offer before they are lost.',
      zh: '价值高但正在流失：在流失前给予个性化挽回优惠。',
    };
  }
  if (z('recency_days') >= NOTABLE) {
    return {
      en: 'Lapsed: a low-cost reactivation campaign; stop spending on those who do not respond.',
      zh: '已沉睡：低成本唤醒活动；对无响应者停止投入。',
    };
  }
  if (value >= NOTABLE) {
    return {
      en: 'Protect and reward: early access, priority service and loyalty perks.',
      zh: '重点维护与回馈：新品优先、优先服务和会员权益。',
    };
  }
  if (z('tenure_days') <= -NOTABLE) {
    return {
      en: 'New: onboard with a second-order incentive and welcome content.',
      zh: '新客户：用复购优惠和欢迎内容做好引导。',
    };
  }
  if (z('frequency') >= NOTABLE) {
    return {
      en: 'Keep the habit: bundles, subscriptions and loyalty points; upsell to bigger baskets.',
      zh: '保持购买习惯：组合、订阅和积分；引导提升客单价。',
    };
  }
  return {
    en: 'Nurture with targeted, low-cost campaigns; read the centroid to tailor the offer.',
    zh: '以精准、低成本的营销培育；参考聚类中心定制优惠。',
  };
}

/** What the centroid says, in standard deviations from the average customer. */
export function clusterDefinition(
  features: readonly string[],
  centroid: readonly number[],
): Labels {
  const parts = features.map((f, j) => {
    const name = CLUSTER_FEATURES[f] ?? { en: f, zh: f };
    const z = centroid[j]!;
    const text = `${z >= 0 ? '+' : '−'}${Math.abs(z).toFixed(1)}`;
    return { en: `${name.en} ${text}`, zh: `${name.zh} ${text}` };
  });
  return {
    en: `Centroid, in standard deviations from the average clustered customer: ${parts.map((p) => p.en).join(', ')}.`,
    zh: `聚类中心（相对参与聚类客户平均值的标准差数）：${parts.map((p) => p.zh).join('，')}。`,
  };
}
