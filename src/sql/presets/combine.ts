import { pick, type Labels, type Lang } from '../../domain/labels';
import { relationCte, type Relation } from '../relation';
import { str } from '../quote';

/** Shown for a customer who is in one result but not the other. */
export const NO_SEGMENT: Labels = { en: '(none)', zh: '（无）' };

export const COMBINED_SEPARATOR = ' × ';

/**
 * Combines two segmentation results (each with `customer_id` and `segment`) into one:
 * `segment` = a's segment × b's segment, with `segment_a` and `segment_b` beside it. Every
 * customer of either result is kept; a missing side reads "(none)".
 */
export function combineSql(a: Relation, b: Relation, lang: Lang = 'en'): string {
  const none = str(pick(NO_SEGMENT, lang));
  return `WITH
${relationCte('result_a', a)},
${relationCte('result_b', b)},
paired AS (
  SELECT
    COALESCE(a.customer_id, b.customer_id) AS customer_id,
    COALESCE(CAST(a.segment AS VARCHAR), ${none}) AS segment_a,
    COALESCE(CAST(b.segment AS VARCHAR), ${none}) AS segment_b
  FROM result_a AS a
  FULL OUTER JOIN result_b AS b ON a.customer_id = b.customer_id
)
SELECT
  customer_id,
  segment_a || ${str(COMBINED_SEPARATOR)} || segment_b AS segment,
  segment_a,
  segment_b
FROM paired`;
}

/** Customers per (segment_a, segment_b) pair, with their share of all customers. */
export function crossTabSql(a: Relation, b: Relation, lang: Lang = 'en'): string {
  return `WITH
combined AS (
${combineSql(a, b, lang)}
)
SELECT
  segment_a,
  segment_b,
  count(*) AS customers,
  count(*) / sum(count(*)) OVER () AS share
FROM combined
GROUP BY segment_a, segment_b
ORDER BY segment_a, segment_b`;
}
