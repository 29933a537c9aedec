import type { Labels } from '../../domain/labels';

/** Numeric columns of the features table that can be clustered on, with their names. */
export const CLUSTER_FEATURES: Readonly<Record<string, Labels>> = {
  recency_days: { en: 'Days since last order', zh: '距上次购买天数' },
  frequency: { en: 'Orders', zh: '订单数' },
  monetary: { en: 'Spend', zh: '消费额' },
  tenure_days: { en: 'Days since first order', zh: '首购至今天数' },
  avg_order_value: { en: 'Average order value', zh: '客单价' },
  purchase_days: { en: 'Days with a purchase', zh: '有购买的天数' },
  max_order_value: { en: 'Largest order', zh: '最大单笔订单' },
  avg_interpurchase_days: { en: 'Days between purchases', zh: '平均购买间隔天数' },
  discount_share: { en: 'Share of orders discounted', zh: '折扣订单占比' },
  category_count: { en: 'Categories bought', zh: '购买品类数' },
  avg_satisfaction: { en: 'Average satisfaction', zh: '平均满意度' },
};

/** The default: recency, frequency, monetary, tenure and average order value. */
export const DEFAULT_CLUSTER_FEATURES = [
  'recency_days',
  'frequency',
  'monetary',
  'tenure_days',
  'avg_order_value',
] as const;
