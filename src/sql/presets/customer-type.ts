import { ident, str } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

export interface CustomerTypeParams {
  /** Raw `customer_type` values (matched ignoring case and surrounding spaces) and their type. */
  mapping: { raw: string; type: CustomerTypeKey }[];
}

export type CustomerTypeKey = 'individual' | 'enterprise' | 'vip';

/**
 * The customer-type SELECT; `p` and `ctx` are already validated (model/presets/customer-type.ts).
 */
export function customerTypeSql(
  p: CustomerTypeParams,
  ctx: PresetContext,
  segments: SegmentLabel[],
): string {
  const values =
    p.mapping.length === 0
      ? `  SELECT NULL::VARCHAR AS raw_value, NULL::VARCHAR AS type_key WHERE FALSE`
      : `  SELECT * FROM (VALUES\n${p.mapping
          .map(({ raw, type }) => `    (${str(raw)}, ${str(type)})`)
          .join(',\n')}\n  ) AS v(raw_value, type_key)`;
  return `WITH
type_values AS (
${values}
),
type_keys AS (
  SELECT DISTINCT
    lower(trim(raw_value)) AS value_key,
    type_key
  FROM type_values
),
typed AS (
  SELECT
    f.customer_id,
    f.customer_type,
    COALESCE(k.type_key, 'other') AS segment_key
  FROM ${ident(ctx.features)} AS f
  LEFT JOIN type_keys AS k ON k.value_key = lower(trim(f.customer_type))
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  customer_type
FROM typed`;
}
