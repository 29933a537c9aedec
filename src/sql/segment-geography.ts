import { LocalizedError } from '../domain/localized-error';
import { requireInteger, requireName } from './input-check';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { ident, num, str } from './quote';
import { relationCte, type Relation } from './relation';
import { segmentRankSql } from './segment-rank';

export type GeoLevel = 'country' | 'region' | 'province' | 'city';

export interface SegmentGeographyOptions {
  /** The segmentation: `customer_id`, `segment`. */
  segments: Relation;
  /** The per-customer features table or view (for the place and monetary). */
  features: string;
  level: GeoLevel;
  /** Places shown by name; the rest are summed into "Other" (default 10). */
  topN?: number;
  /** Which places are "top" (default customers). */
  rankBy?: 'customers' | 'revenue';
  lang: SqlLang;
  /** The preset's segment labels in rank order: rows follow it. */
  order?: readonly string[];
}

export const OTHER_PLACES_LABEL = { en: 'Other', zh: '其他' };
export const UNKNOWN_PLACE_LABEL = { en: 'Unknown', zh: '未知' };

const LEVELS: GeoLevel[] = ['country', 'region', 'province', 'city'];

/**
 * SQL for segments by place: one row per (place, segment) with customers and revenue
 * (monetary), the place's totals, and share_in_place = customers / place_customers. The topN
 * places by `rankBy` (ties by name) keep their name and place_rank 1..topN; the others are
 * one place "Other" with place_rank topN + 1. A missing or blank place is "Unknown", with
 * place_rank topN + 2: last, and never folded into "Other". Ordered by place_rank, then segment.
 */
export function segmentGeographySql(options: SegmentGeographyOptions): string {
  const { segments, features, level, lang } = options;
  requireName(features, 'features table', '特征表');
  if (!LEVELS.includes(level)) {
    throw new LocalizedError({
      en: `Unknown place level "${String(level)}".`,
      zh: `未知的地区层级“${String(level)}”。`,
    });
  }
  const topN = requireInteger(options.topN ?? 10, 1, 1000, 'number of places', '地区数');
  const rankBy = options.rankBy ?? 'customers';
  if (rankBy !== 'customers' && rankBy !== 'revenue') {
    throw new LocalizedError({
      en: `Unknown ranking "${String(rankBy)}".`,
      zh: `未知的排序方式“${String(rankBy)}”。`,
    });
  }
  const unknown = str(localized(UNKNOWN_PLACE_LABEL, lang));
  return `WITH
${relationCte('segmented', segments)},
members AS (
  SELECT
    COALESCE(NULLIF(trim(f.${ident(level)}), ''), ${unknown}) AS place,
    COALESCE(CAST(s.segment AS VARCHAR), ${str(localized(NO_SEGMENT_LABEL, lang))}) AS segment,
    COALESCE(f.monetary, 0) AS monetary
  FROM segmented AS s
  LEFT JOIN ${ident(features)} AS f ON f.customer_id = CAST(s.customer_id AS VARCHAR)
),
places AS (
  SELECT
    place,
    -- "Unknown" is not a place: it comes last, after "Other", however large.
    row_number() OVER (ORDER BY place = ${unknown}, ${rankBy === 'revenue' ? 'sum(monetary)' : 'count(*)'} DESC, place) AS place_rank
  FROM members
  GROUP BY place
),
labelled AS (
  SELECT
    CASE WHEN m.place = ${unknown} OR p.place_rank <= ${num(topN)} THEN m.place
      ELSE ${str(localized(OTHER_PLACES_LABEL, lang))} END AS place,
    CASE WHEN m.place = ${unknown} THEN ${num(topN + 2)}
      ELSE LEAST(p.place_rank, ${num(topN + 1)}) END AS place_rank,
    m.place <> ${unknown} AND p.place_rank > ${num(topN)} AS is_other,
    m.segment,
    m.monetary
  FROM members AS m
  JOIN places AS p ON p.place = m.place
),
cells AS (
  SELECT place, place_rank, is_other, segment, count(*) AS customers, sum(monetary) AS revenue
  FROM labelled
  GROUP BY place, place_rank, is_other, segment
)
SELECT
  place,
  CAST(place_rank AS INTEGER) AS place_rank,
  is_other,
  segment,
  customers,
  CAST(revenue AS DOUBLE) AS revenue,
  CAST(sum(customers) OVER by_place AS BIGINT) AS place_customers,
  CAST(sum(revenue) OVER by_place AS DOUBLE) AS place_revenue,
  customers / sum(customers) OVER by_place AS share_in_place
FROM cells
WINDOW by_place AS (PARTITION BY place_rank)
ORDER BY place_rank, ${segmentRankSql('segment', options.order)}segment`;
}
