/** The per-customer features table every preset reads (built by FeaturesState, sql/features.ts). */
export const FEATURES_TABLE = 'customer_features';
