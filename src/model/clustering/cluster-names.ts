import type { Labels, Lang } from '../../domain/labels';
import { shortDescription, type ProfileTrait } from '../segment-description';
import { CLUSTER_FEATURES } from './cluster-features';

/** A centroid this many standard deviations from the average customer earns a word. */
const NOTABLE = 0.5;
/** The Profiles tab's threshold of a difference worth naming, for clusters told apart no other way. */
const SMALL = 0.2;

/** A centroid as profile traits: each feature's z-score stands for the standardised difference. */
function centroidTraits(features: readonly string[], centroid: readonly number[]): ProfileTrait[] {
  return features.map((feature, j) => ({
    kind: 'number',
    feature,
    value: null,
    segmentMean: null,
    overallMean: null,
    lift: null,
    stdDiff: centroid[j]!,
  }));
}

/**
 * Every cluster's name, in the Profiles tab's words: the short form of its profile
 * (`shortDescription`, model/segment-description.ts), read from its centroid: "Cluster 2:
 * Frequent, high spend" / "群2：高频、高消费". Up to two features of at least half a standard
 * deviation each; clusters that would share their words are told by further features (down to
 * the Profiles tab's 0.2) while there are any. Their numbers keep the names unique in any case.
 */
export function clusterNames(
  features: readonly string[],
  centroids: readonly (readonly number[])[],
): Labels[] {
  const traits = centroids.map((c) => centroidTraits(features, c));
  const extra = centroids.map(() => 0);
  const words = (i: number, lang: Lang) =>
    shortDescription(traits[i]!, lang, {
      max: 2 + extra[i]!,
      minStdDiff: extra[i]! === 0 ? NOTABLE : SMALL,
    });
  const said = () => traits.map((_, i) => `${words(i, 'en')}\n${words(i, 'zh-CN')}`);
  for (let round = 0; round < features.length; round++) {
    const all = said();
    const shared = all.map((w) => all.indexOf(w) !== all.lastIndexOf(w));
    if (!shared.includes(true)) break;
    shared.forEach((s, i) => {
      if (s) extra[i]! += 1;
    });
  }
  return traits.map((_, i) => ({
    en: `Cluster ${i + 1}: ${words(i, 'en')}`,
    zh: `群${i + 1}：${words(i, 'zh-CN')}`,
  }));
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
