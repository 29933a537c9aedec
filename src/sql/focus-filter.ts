import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { ident, str } from './quote';
import { relationSql, type Relation } from './relation';
import { UNKNOWN_PLACE_LABEL, type GeoLevel } from './segment-geography';
import { segmentRankSql } from './segment-rank';

/**
 * What a cell's linked charts are narrowed to: one segment, one place, or both. A place is
 * matched as the geography chart names it: trimmed, blank or missing as "Unknown".
 */
export interface Focus {
  segment?: string;
  place?: { level: GeoLevel; value: string };
}

export function isFocused(focus: Focus | undefined): focus is Focus {
  return focus?.segment !== undefined || focus?.place !== undefined;
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
