import {
  CHINA_COUNTRY_ALIASES,
  CHINA_PROVINCES,
  CHINA_REGION_LABELS,
  provinceAliases,
} from '../../domain/china-regions';
import { pick, type Lang } from '../../domain/labels';
import { ident, num, str } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

/**
 * A place name reduced to what matching should compare: lower case, letters and Chinese
 * characters only, without a trailing "Province" / "Municipality" / "Autonomous Region" / "SAR".
 */
export function placeKeySql(expr: string): string {
  const letters = `regexp_replace(lower(trim(${expr})), '[^a-z\\p{Han}]', '', 'g')`;
  return `regexp_replace(${letters}, '(province|municipality|autonomousregion|specialadministrativeregion|sar|city)$', '')`;
}

function valuesList(rows: string[][]): string {
  return rows.map((r) => `    (${r.map(str).join(', ')})`).join(',\n');
}

/**
 * CTEs ending in `placed`: one row per customer of `features` with
 * - `place`: 'mainland' | 'hmt' (Hong Kong, Macau, Taiwan) | 'abroad' | 'unknown'
 * - `china_province`: the recognised province key (e.g. 广东) when the customer is in China
 * - `province_name`, `region`, `region_name`: that province's name and region in `lang`
 * - `province_raw`, `country_raw`: the trimmed original values (NULL when blank)
 * A blank country with a province filled in counts as China.
 */
export function placedCtes(features: string, lang: Lang): string {
  const provinces = CHINA_PROVINCES.map((p) => [
    p.key,
    pick(p.name, lang),
    p.region,
    pick(CHINA_REGION_LABELS[p.region], lang),
  ]);
  return `province_aliases(alias, province) AS (
  VALUES
${valuesList(provinceAliases())}
),
provinces(province, province_name, region, region_name) AS (
  VALUES
${valuesList(provinces)}
),
china_aliases(alias) AS (
  VALUES
${valuesList(CHINA_COUNTRY_ALIASES.map((a) => [a]))}
),
alias_keys AS (
  SELECT DISTINCT
    ${placeKeySql('a.alias')} AS alias_key,
    a.province,
    p.region
  FROM province_aliases AS a
  JOIN provinces AS p USING (province)
),
china_keys AS (
  SELECT DISTINCT
    ${placeKeySql('alias')} AS alias_key
  FROM china_aliases
),
customer_places AS (
  SELECT
    customer_id,
    NULLIF(trim(province), '') AS province_raw,
    NULLIF(trim(country), '') AS country_raw,
    ${placeKeySql('province')} AS province_key,
    ${placeKeySql('country')} AS country_key
  FROM ${ident(features)}
),
located AS (
  SELECT
    c.customer_id,
    c.province_raw,
    c.country_raw,
    china.alias_key IS NOT NULL AS country_is_china,
    by_country.province AS country_province,
    by_country.region AS country_region,
    by_province.province AS province_match,
    by_province.region AS province_region
  FROM customer_places AS c
  LEFT JOIN china_keys AS china ON china.alias_key = c.country_key
  LEFT JOIN alias_keys AS by_country ON by_country.alias_key = c.country_key
  LEFT JOIN alias_keys AS by_province ON by_province.alias_key = c.province_key
),
classified AS (
  SELECT
    customer_id,
    province_raw,
    country_raw,
    CASE
      WHEN country_region = 'hmt' THEN 'hmt'
      WHEN country_raw IS NOT NULL AND NOT country_is_china THEN 'abroad'
      WHEN province_region = 'hmt' THEN 'hmt'
      WHEN country_is_china OR province_raw IS NOT NULL THEN 'mainland'
      ELSE 'unknown'
    END AS place,
    -- a province name abroad (say MO for Missouri) is not a Chinese province
    CASE
      WHEN country_region = 'hmt' THEN country_province
      WHEN country_raw IS NULL OR country_is_china THEN province_match
    END AS china_province
  FROM located
),
placed AS (
  SELECT
    c.*,
    p.province_name,
    p.region,
    p.region_name
  FROM classified AS c
  LEFT JOIN provinces AS p ON p.province = c.china_province
)`;
}

export type GeographyDimension = 'province' | 'region' | 'domestic' | 'country';

export interface GeographyParams {
  dimension: GeographyDimension;
  /** Province and country: keep the N places with most customers, the rest become Other. */
  topN: number;
}

/** The label of the segment `key` (Other, Unknown) in `lang`. */
function labelOf(segments: SegmentLabel[], key: string, lang: Lang): string {
  const segment = segments.find((s) => s.key === key);
  if (!segment) throw new Error(`Geography: no "${key}" segment.`);
  return pick(segment.label, lang);
}

/** Region and domestic: a fixed set of keys. */
function fixedSql(p: GeographyParams, ctx: PresetContext, segments: SegmentLabel[]): string {
  const key =
    p.dimension === 'domestic'
      ? `CASE place
      WHEN 'mainland' THEN 'domestic'
      WHEN 'abroad' THEN 'international'
      ELSE place
    END`
      : `CASE
      WHEN place = 'hmt' THEN 'hmt'
      WHEN place = 'abroad' THEN 'international'
      WHEN place = 'mainland' AND region IS NOT NULL THEN region
      WHEN place = 'mainland' AND province_raw IS NOT NULL THEN 'other'
      ELSE 'unknown'
    END`;
  return `keyed AS (
  SELECT
    *,
    ${key} AS segment_key
  FROM placed
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  place,
  province_raw,
  country_raw,
  province_name,
  region_name
FROM keyed`;
}

/** Province and country: the top N names, then Other and Unknown. */
function topNSql(p: GeographyParams, ctx: PresetContext, segments: SegmentLabel[]): string {
  const china = str(pick({ en: 'China', zh: '中国' }, ctx.lang));
  const named =
    p.dimension === 'province'
      ? `COALESCE(china_province, province_raw) AS place_key,
    COALESCE(province_name, province_raw) AS place_name`
      : `CASE place
      WHEN 'mainland' THEN 'china'
      WHEN 'hmt' THEN COALESCE(china_province, country_raw)
      WHEN 'abroad' THEN country_raw
    END AS place_key,
    CASE place
      WHEN 'mainland' THEN ${china}
      WHEN 'hmt' THEN COALESCE(province_name, country_raw)
      WHEN 'abroad' THEN country_raw
    END AS place_name`;
  return `named AS (
  SELECT
    *,
    ${named}
  FROM placed
),
ranked AS (
  SELECT
    place_key,
    row_number() OVER (ORDER BY count(*) DESC, place_key) AS place_rank
  FROM named
  WHERE place_key IS NOT NULL
  GROUP BY place_key
)
SELECT
  n.customer_id,
  CASE
    WHEN n.place_key IS NULL THEN ${str(labelOf(segments, 'unknown', ctx.lang))}
    WHEN r.place_rank <= ${num(p.topN)} THEN n.place_name
    ELSE ${str(labelOf(segments, 'other', ctx.lang))}
  END AS segment,
  CASE
    WHEN n.place_key IS NULL THEN 'unknown'
    WHEN r.place_rank <= ${num(p.topN)} THEN n.place_key
    ELSE 'other'
  END AS segment_key,
  n.place,
  n.province_raw,
  n.country_raw,
  n.province_name,
  n.region_name,
  r.place_rank
FROM named AS n
LEFT JOIN ranked AS r USING (place_key)`;
}

/**
 * The geography SELECT for `segments` (those of `p.dimension`); `p` and `ctx` are already
 * validated (model/presets/geography.ts).
 */
export function geographySql(
  p: GeographyParams,
  ctx: PresetContext,
  segments: SegmentLabel[],
): string {
  const body =
    p.dimension === 'province' || p.dimension === 'country'
      ? topNSql(p, ctx, segments)
      : fixedSql(p, ctx, segments);
  return `WITH\n${placedCtes(ctx.features, ctx.lang)},\n${body}`;
}
