import type { Labels, Lang } from '../../domain/labels';

/** What every preset's SQL is built against. */
export interface PresetContext {
  /** The per-customer features relation (table or view), see src/sql/features.ts. */
  features: string;
  /** Analysis date, YYYY-MM-DD. */
  asOf: string;
  lang: Lang;
  /**
   * The notebook's churn threshold: churned = no order for more than this many days. The app
   * always passes it; without it, FALLBACK_CHURN_DAYS.
   */
  churnDays?: number;
}

/** A segment as its preset's SQL needs it: the key it computes and the label it shows. */
export interface SegmentLabel {
  key: string;
  label: Labels;
}
