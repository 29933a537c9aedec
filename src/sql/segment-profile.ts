import { checkAsOf } from './features';
import { requireName } from './input-check';
import { localized, NO_SEGMENT_LABEL, type SqlLang } from './localized';
import { placedCtes } from './presets/geography';
import { date, ident, str } from './quote';
import { relationCte, type Relation } from './relation';
import { segmentRankSql } from './segment-rank';

/** Per-customer numbers of the features table a profile compares (`is_prospect` as 0/1). */
export const PROFILE_NUMBERS = [
  'frequency',
  'purchase_days',
  'monetary',
  'avg_order_value',
  'max_order_value',
  'recency_days',
  'tenure_days',
  'avg_interpurchase_days',
  'discount_share',
  'avg_unit_price',
  'top_brand_share',
  'category_count',
  'complaint_count',
  'referral_count',
  'feedback_count',
  'avg_satisfaction',
  'is_prospect',
  'predicted_clv',
] as const;

/** Descriptive attributes of the features table a profile compares by their shares. */
export const PROFILE_ATTRIBUTES = ['customer_type', 'region', 'province', 'city', 'country'];

/**
 * A categorical attribute kept outside the features table (a channel, the category bought):
 * each customer's most frequent non-blank value of `column` in `relation`, ties by value.
 */
export interface ProfileAttributeSource {
  /** The feature name in the result, e.g. `channel`. */
  name: string;
  relation: string;
  customerId: string;
  column: string;
  /**
   * For dated rows (orders): the date column and the analysis date, YYYY-MM-DD. Only rows
   * before it count, as in the features table the numbers come from.
   */
  dated?: { column: string; asOf: string };
}

export interface SegmentProfileOptions {
  /** The segmentation: `customer_id`, `segment`. */
  segments: Relation;
  /** The per-customer features table (src/sql/features.ts). */
  features: string;
  lang: SqlLang;
  attributes?: readonly ProfileAttributeSource[];
  /** The preset's segment labels in rank order: rows follow it. */
  order?: readonly string[];
}

/**
 * One row of `segmentProfileSql`: a feature of a segment against the rest of the customers.
 * For a number the means are of the feature; for an attribute they are shares of `value`, the
 * value most over-represented in the segment.
 */
export interface SegmentProfileRow {
  segment: string;
  /** Members of the segment. */
  customers: number;
  kind: 'number' | 'attribute';
  feature: string;
  /** The attribute's value; NULL for a number. */
  value: string | null;
  /** Members with a value for the feature (NULLs are left out of every figure). */
  n: number;
  segment_mean: number;
  rest_mean: number | null;
  overall_mean: number;
  /** segment_mean / overall_mean; NULL when the overall mean is 0. */
  lift: number | null;
  /** (segment_mean − rest_mean) / pooled within-group SD; NULL when `note` says why. */
  std_diff: number | null;
  /**
   * Why std_diff is NULL: `too_few` (under 2 values in the segment or the rest), `no_spread`
   * (everyone alike), `separated` (the segment alike, the rest alike, and the two apart: the
   * difference is as large as it gets, and ranks first).
   */
  note: 'too_few' | 'no_spread' | 'separated' | null;
  /** 1 = the most distinguishing feature of the segment (largest |std_diff|). */
  rank: number;
}

/** Within-group variance this small next to the total counts as none (rounding, not spread). */
const NO_SPREAD = '1e-10';

function checkedDate(asOf: string): string {
  checkAsOf(asOf);
  return date(asOf);
}

function attributeCte(source: ProfileAttributeSource, i: number): string {
  requireName(source.relation, 'attribute table', '属性表');
  requireName(source.customerId, 'customer id column', '客户编号列');
  requireName(source.column, 'attribute column', '属性列');
  const id = ident(source.customerId);
  const value = `NULLIF(trim(CAST(${ident(source.column)} AS VARCHAR)), '')`;
  const before = source.dated
    ? `\n      AND CAST(${ident(source.dated.column)} AS DATE) < ${checkedDate(source.dated.asOf)}`
    : '';
  return `attribute_${i} AS (
  SELECT customer_id, first(value ORDER BY k DESC, value) AS value
  FROM (
    SELECT CAST(${id} AS VARCHAR) AS customer_id, ${value} AS value, count(*) AS k
    FROM ${ident(source.relation)}
    WHERE ${id} IS NOT NULL AND ${value} IS NOT NULL${before}
    GROUP BY ALL
  )
  GROUP BY customer_id
)`;
}

/**
 * The columns of `std_diff` and `note` from n_s, n_r, the two groups' means and within-group
 * sums of squares (m2_s, m2_r) and the total variance.
 */
function comparison(): string {
  const pooled = '(GREATEST(m2_s, 0) + GREATEST(m2_r, 0)) / (n_s + n_r - 2)';
  const none = `${pooled} <= ${NO_SPREAD} * total_var`;
  return `CASE
      WHEN n_s < 2 OR n_r < 2 OR ${none} THEN NULL
      ELSE (mean_s - mean_r) / sqrt(${pooled})
    END AS std_diff,
    CASE
      WHEN n_s < 2 OR n_r < 2 THEN 'too_few'
      WHEN total_var = 0 THEN 'no_spread'
      WHEN ${none} THEN 'separated'
    END AS note`;
}

/**
 * SQL profiling every segment against the rest: for each number of the features table, the
 * segment's mean, the rest's and everyone's, lift (segment / everyone) and the standardised
 * difference (segment − rest over the pooled within-group SD, Cohen's d); for each attribute,
 * the value most over-represented in the segment, with the same figures over its share. Rows
 * follow the segments' order and, within a segment, |std_diff| (largest first, a complete
 * separation before any, NULLs last).
 * Customers without a value for a feature are left out of that feature; features nobody has are
 * left out. Region is the mapped region, else the Chinese region of a recognised province.
 */
export function segmentProfileSql(options: SegmentProfileOptions): string {
  const { segments, features, lang } = options;
  requireName(features, 'features table', '特征表');
  const attributes = options.attributes ?? [];
  const none = str(localized(NO_SEGMENT_LABEL, lang));
  const numbers = PROFILE_NUMBERS.map((c) => `CAST(f.${ident(c)} AS DOUBLE) AS ${ident(c)}`);
  const texts = [
    `NULLIF(trim(f.customer_type), '') AS customer_type`,
    `COALESCE(NULLIF(trim(f.region), ''), p.region_name) AS region`,
    `COALESCE(p.province_name, p.province_raw) AS province`,
    `NULLIF(trim(f.city), '') AS city`,
    `p.country_raw AS country`,
    ...attributes.map((a, i) => `a${i}.value AS ${ident(a.name)}`),
  ];
  const textNames = [...PROFILE_ATTRIBUTES, ...attributes.map((a) => a.name)].map(ident);
  const joins = attributes.map(
    (_, i) =>
      `LEFT JOIN attribute_${i} AS a${i} ON a${i}.customer_id = CAST(s.customer_id AS VARCHAR)`,
  );
  return `WITH
${relationCte('segmented', segments)},
features_all AS (
  FROM ${ident(features)}
  -- features without a Predict cell's column: no customer has it
  UNION ALL BY NAME
  SELECT CAST(NULL AS DOUBLE) AS predicted_clv WHERE false
),
${placedCtes('features_all', lang)},
${attributes.map(attributeCte).join(',\n')}${attributes.length > 0 ? ',' : ''}
members AS (
  SELECT
    COALESCE(CAST(s.segment AS VARCHAR), ${none}) AS segment,
    ${[...numbers, ...texts].join(',\n    ')}
  FROM segmented AS s
  LEFT JOIN features_all AS f ON f.customer_id = CAST(s.customer_id AS VARCHAR)
  LEFT JOIN placed AS p ON p.customer_id = f.customer_id
  ${joins.join('\n  ')}
),
sizes AS (
  SELECT segment, count(*) AS customers FROM members GROUP BY segment
),
number_values AS (
  UNPIVOT (SELECT segment, ${PROFILE_NUMBERS.map(ident).join(', ')} FROM members)
  ON ${PROFILE_NUMBERS.map(ident).join(', ')}
  INTO NAME feature VALUE x
),
number_totals AS (
  SELECT feature, count(*) AS n, avg(x) AS mean, var_pop(x) AS total_var
  FROM number_values
  GROUP BY feature
),
-- sums about everyone's mean: the rest's are the totals less the segment's
number_groups AS (
  SELECT v.segment, v.feature, count(*) AS n_s, avg(v.x) AS mean_s,
    sum(v.x - t.mean) AS s1, sum((v.x - t.mean) * (v.x - t.mean)) AS s2
  FROM number_values AS v
  JOIN number_totals AS t USING (feature)
  GROUP BY ALL
),
number_rest AS (
  SELECT g.segment, g.feature, g.n_s, g.mean_s, t.n - g.n_s AS n_r, t.mean AS mean_t, t.total_var,
    g.s2 - g.s1 * g.s1 / g.n_s AS m2_s,
    sum(g.s1) OVER w - g.s1 AS s1_r,
    sum(g.s2) OVER w - g.s2 AS s2_r
  FROM number_groups AS g
  JOIN number_totals AS t USING (feature)
  WINDOW w AS (PARTITION BY g.feature)
),
number_rows AS (
  SELECT segment, 'number' AS kind, feature, CAST(NULL AS VARCHAR) AS value, n_s,
    mean_s, CASE WHEN n_r > 0 THEN mean_t + s1_r / n_r END AS mean_r, mean_t,
    n_r, total_var, m2_s, CASE WHEN n_r > 0 THEN s2_r - s1_r * s1_r / n_r END AS m2_r
  FROM number_rest
),
attribute_values AS (
  UNPIVOT (SELECT segment, ${textNames.join(', ')} FROM members)
  ON ${textNames.join(', ')}
  INTO NAME feature VALUE val
),
attribute_counts AS (
  SELECT segment, feature, val AS value, count(*) AS k FROM attribute_values GROUP BY ALL
),
attribute_sums AS (
  SELECT segment, feature, value, k,
    sum(k) OVER (PARTITION BY segment, feature) AS n_s,
    sum(k) OVER (PARTITION BY feature) AS n_t,
    sum(k) OVER (PARTITION BY feature, value) AS k_t
  FROM attribute_counts
),
attribute_shares AS (
  SELECT segment, feature, value, n_s, n_t - n_s AS n_r,
    k / n_s AS mean_s,
    k_t / n_t AS mean_t,
    CASE WHEN n_t > n_s THEN (k_t - k) / (n_t - n_s) END AS mean_r
  FROM attribute_sums
),
attribute_rows AS (
  SELECT segment, 'attribute' AS kind, feature, value, n_s, mean_s, mean_r, mean_t, n_r,
    mean_t * (1 - mean_t) AS total_var,
    n_s * mean_s * (1 - mean_s) AS m2_s,
    n_r * coalesce(mean_r * (1 - mean_r), 0) AS m2_r
  FROM attribute_shares
),
compared AS (
  SELECT *,
    ${comparison()}
  FROM (FROM number_rows UNION ALL BY NAME FROM attribute_rows)
),
-- an attribute shows its value most over-represented in the segment
picked AS (
  FROM compared
  QUALIFY kind = 'number' OR row_number() OVER (
    PARTITION BY segment, feature
    ORDER BY coalesce(note = 'separated' AND mean_s > mean_r, false) DESC, std_diff DESC NULLS LAST, mean_s DESC,
      value
  ) = 1
)
SELECT
  p.segment,
  z.customers,
  p.kind,
  p.feature,
  p.value,
  CAST(p.n_s AS BIGINT) AS n,
  p.mean_s AS segment_mean,
  p.mean_r AS rest_mean,
  p.mean_t AS overall_mean,
  CASE WHEN p.mean_t <> 0 THEN p.mean_s / p.mean_t END AS lift,
  p.std_diff,
  p.note,
  CAST(row_number() OVER (
    PARTITION BY p.segment
    ORDER BY coalesce(p.note = 'separated', false) DESC, abs(p.std_diff) DESC NULLS LAST, p.kind DESC, p.feature
  ) AS INTEGER) AS rank
FROM picked AS p
JOIN sizes AS z USING (segment)
ORDER BY ${segmentRankSql('p.segment', options.order)}p.segment, rank`;
}
