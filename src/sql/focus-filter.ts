import type { Labels } from '../domain/labels';
import { LocalizedError } from '../domain/localized-error';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { ident, num, str } from './quote';
import { relationSql, type Relation } from './relation';
import { UNKNOWN_PLACE_LABEL, type GeoLevel } from './segment-geography';
import { segmentRankSql } from './segment-rank';

/**
 * A brushed range of one numeric column of the segmentation's result (the quadrant's `value` or
 * `loyalty`), both ends included; a customer without a number there is outside it.
 */
export interface FocusRange {
  column: string;
  min: number;
  max: number;
  /** The measure as the "filtered by" chip names it. */
  label: Labels;
}

/**
 * What a cell's linked charts are narrowed to: a segment, a place, brushed ranges, or several at
 * once (all must hold). A place is matched as the geography chart names it: trimmed, blank or
 * missing as "Unknown".
 */
export interface Focus {
  segment?: string;
  place?: { level: GeoLevel; value: string };
  ranges?: readonly FocusRange[];
}

export function isFocused(focus: Focus | undefined): focus is Focus {
  return (
    focus?.segment !== undefined || focus?.place !== undefined || (focus?.ranges?.length ?? 0) > 0
  );
}

function rangeCondition(range: FocusRange): string {
  const { column, min, max } = range;
  if (typeof column !== 'string' || column === '') {
    throw new LocalizedError({
      en: 'A brushed range names no column.',
      zh: '框选范围未指定列。',
    });
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min <= max)) {
    throw new LocalizedError({
      en: `The brushed range of "${column}" is not a range of numbers (${String(min)} to ${String(max)}).`,
      zh: `“${column}”的框选范围不是有效的数值范围（${String(min)} 至 ${String(max)}）。`,
    });
  }
  return `CAST(s.${ident(column)} AS DOUBLE) BETWEEN ${num(min)} AND ${num(max)}`;
}

/** The WHERE condition over a segmentation `s` left-joined to the features `f`. */
function focusCondition(focus: Focus, lang: SqlLang): string {
  const terms: string[] = [];
  if (focus.segment !== undefined) {
    const none = str(localized(NO_SEGMENT_LABEL, lang));
    terms.push(`COALESCE(CAST(s.segment AS VARCHAR), ${none}) = ${str(focus.segment)}`);
  }
  if (focus.place !== undefined) {
    const unknown = str(localized(UNKNOWN_PLACE_LABEL, lang));
    const place = `COALESCE(NULLIF(trim(CAST(f.${ident(focus.place.level)} AS VARCHAR)), ''), ${unknown})`;
    terms.push(`${place} = ${str(focus.place.value)}`);
  }
  for (const range of focus.ranges ?? []) terms.push(rangeCondition(range));
  return terms.join(' AND ');
}

function focusedFrom(segments: Relation, features: string, focus: Focus, lang: SqlLang): string {
  return `(
${relationSql(segments)}
) AS s
LEFT JOIN ${ident(features)} AS f ON f.customer_id = CAST(s.customer_id AS VARCHAR)
WHERE ${focusCondition(focus, lang)}`;
}

/**
 * The segmentation's customers within the focus, as a relation any evaluation reads in place of
 * the whole result; without a focus, the result itself.
 */
export function focusedSegments(
  segments: Relation,
  features: string,
  focus: Focus | undefined,
  lang: SqlLang,
): Relation {
  if (!isFocused(focus)) return segments;
  return { sql: `SELECT s.*\nFROM ${focusedFrom(segments, features, focus, lang)}` };
}

/**
 * Customers and revenue (the features' monetary) per segment within the focus, with shares of
 * the focused customers: the segment table's columns, in `order`.
 */
export function focusedSummarySql(
  segments: Relation,
  features: string,
  focus: Focus,
  lang: SqlLang,
  order?: readonly string[],
): string {
  return `SELECT
  s.segment,
  count(*) AS customers,
  count(*) / sum(count(*)) OVER () AS customer_share,
  coalesce(sum(f.monetary), 0) AS revenue,
  coalesce(sum(f.monetary) / nullif(sum(sum(f.monetary)) OVER (), 0), 0) AS revenue_share
FROM ${focusedFrom(segments, features, focus, lang)}
GROUP BY s.segment
ORDER BY ${segmentRankSql('s.segment', order)}customers DESC, s.segment`;
}

/**
 * Every customer of the segmentation, as a relation with `customer_id` and `segment`: `label` for
 * those within the focus, another label for the rest. Evaluations that compare a group with the
 * others (profiles) or follow one group (cohorts) read the focused customers as that group.
 */
export function focusGroup(
  segments: Relation,
  features: string,
  focus: Focus,
  lang: SqlLang,
  label: string,
): Relation {
  if (typeof label !== 'string' || label === '') {
    throw new LocalizedError({
      en: 'The filtered group has no name.',
      zh: '筛选出的客户组没有名称。',
    });
  }
  return {
    sql: `SELECT
  s.customer_id,
  CASE WHEN ${isFocused(focus) ? focusCondition(focus, lang) : 'true'} THEN ${str(label)} ELSE ${str(`${label} ·`)} END AS segment
FROM (
${relationSql(segments)}
) AS s
LEFT JOIN ${ident(features)} AS f ON f.customer_id = CAST(s.customer_id AS VARCHAR)`,
  };
}
