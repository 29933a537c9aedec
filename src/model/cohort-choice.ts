import { COHORT_PERIODS, type CohortPeriod } from '../sql/cohort-retention';

export const COHORT_MEASURES = ['active', 'revenue'] as const;
/** Share of a cohort buying again, or its revenue as a share of its first period's. */
export type CohortMeasure = (typeof COHORT_MEASURES)[number];

/** The author's Cohorts tab choices, saved with the cell; what is missing takes its default. */
export interface CohortChoice {
  period?: CohortPeriod;
  measure?: CohortMeasure;
  /** One segment's customers; all customers when absent. */
  segment?: string;
}

/** The choices a cohort table is drawn with. */
export interface CohortSettings {
  period: CohortPeriod;
  measure: CohortMeasure;
  /** null: all customers. */
  segment: string | null;
}

/** A segment label is the segmentation's own text: longer is no label of ours. */
const SEGMENT_CHARS = 1_000;

const isPeriod = (v: unknown): v is CohortPeriod =>
  (COHORT_PERIODS as readonly unknown[]).includes(v);
const isMeasure = (v: unknown): v is CohortMeasure =>
  (COHORT_MEASURES as readonly unknown[]).includes(v);

/**
 * The settings to draw: the saved choices, monthly customers active for all customers by
 * default. A saved segment the segmentation no longer has (renamed, or not yet summarised)
 * shows all customers, and stays saved.
 */
export function resolveCohortChoice(
  choice: CohortChoice | undefined,
  segments: readonly string[],
): CohortSettings {
  const segment = choice?.segment;
  return {
    period: choice?.period ?? 'month',
    measure: choice?.measure ?? 'active',
    segment: segment !== undefined && segments.includes(segment) ? segment : null,
  };
}

/** The choice to save after one setting changed; null for the segment: all customers. */
export function nextCohortChoice(
  choice: CohortChoice | undefined,
  change: Partial<CohortSettings>,
): CohortChoice {
  const next: CohortChoice = { ...choice };
  if (change.period !== undefined) next.period = change.period;
  if (change.measure !== undefined) next.measure = change.measure;
  if (change.segment !== undefined) {
    if (change.segment === null) delete next.segment;
    else next.segment = change.segment;
  }
  return next;
}

/** A saved cohort choice; each malformed setting is dropped on its own, never fatal. */
export function parseCohortChoice(v: unknown): CohortChoice | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const c = v as Record<string, unknown>;
  const out: CohortChoice = {
    ...(isPeriod(c.period) ? { period: c.period } : {}),
    ...(isMeasure(c.measure) ? { measure: c.measure } : {}),
    ...(typeof c.segment === 'string' && c.segment !== '' && c.segment.length <= SEGMENT_CHARS
      ? { segment: c.segment }
      : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}
