import {
  CHINA_COUNTRY_ALIASES,
  CHINA_PROVINCES,
  CHINA_REGION_LABELS,
  provinceAliases,
} from '../china-regions';
import { pick, type Lang } from '../../domain/labels';
import { ident, str } from '../../sql/quote';

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
