import { ident, num } from '../../sql/quote';
import type { PresetContext, SegmentDef } from './preset';
import { segmentCase } from './segment-case';
import type { ValueTiersParams } from './value-tiers';

/** A spend cut-off: a percentile of buyers' spend, or the amount itself. */
function moneyCut(p: ValueTiersParams, value: number, name: string): string {
  const expr =
    p.thresholdUnit === 'percentile'
      ? `quantile_cont(monetary, ${num(value)}) FILTER (WHERE NOT is_prospect)`
      : num(value);
  return `    ${expr} AS ${name}`;
}

function thresholdsCte(p: ValueTiersParams, features: string): string {
  const columns =
    p.mode === 'thresholds'
      ? [
          moneyCut(p, p.vipMonetary, 'vip_monetary'),
          `    ${num(p.vipFrequency)} AS vip_frequency`,
          moneyCut(p, p.importantMonetary, 'important_monetary'),
          `    ${num(p.importantFrequency)} AS important_frequency`,
          moneyCut(p, p.potentialMonetary, 'potential_monetary'),
        ]
      : [
          `    ${num(p.vipRevenueShare)} AS vip_revenue_share`,
          `    ${num(p.importantRevenueShare)} AS important_revenue_share`,
          moneyCut(p, p.potentialMonetary, 'potential_monetary'),
        ];
  // Amount thresholds are plain constants; only percentiles need to read the features.
  const from = p.thresholdUnit === 'percentile' ? `\n  FROM ${ident(features)}` : '';
  return `thresholds AS (\n  SELECT\n${columns.join(',\n')}${from}\n)`;
}

/** The value tiers SELECT; `p` and `ctx` are already validated. */
export function valueTiersSql(
  p: ValueTiersParams,
  ctx: PresetContext,
  segments: SegmentDef[],
): string {
  const pareto = p.mode === 'pareto';
  const tierRules = pareto
    ? [
        "WHEN revenue_share_before < vip_revenue_share THEN 'vip'",
        "WHEN revenue_share_before < important_revenue_share THEN 'important'",
      ]
    : [
        "WHEN monetary >= vip_monetary AND frequency >= vip_frequency THEN 'vip'",
        "WHEN monetary >= important_monetary OR frequency >= important_frequency THEN 'important'",
      ];
  const shown = pareto
    ? ['revenue_share_before', 'vip_revenue_share', 'important_revenue_share', 'potential_monetary']
    : [
        'vip_monetary',
        'vip_frequency',
        'important_monetary',
        'important_frequency',
        'potential_monetary',
      ];
  const ranked = `ranked AS (
  SELECT
    *,
    -- share of revenue from customers who spent strictly more, so tied customers share a tier
    (SUM(monetary) OVER (ORDER BY monetary DESC) - SUM(monetary) OVER (PARTITION BY monetary))
      / NULLIF(SUM(monetary) OVER (), 0) AS revenue_share_before
  FROM ${ident(ctx.features)}
),`;
  return `WITH
${thresholdsCte(p, ctx.features)},${pareto ? `\n${ranked}` : ''}
tiered AS (
  SELECT
    customer_id,
    frequency,
    monetary,
${shown.map((c) => `    ${c},`).join('\n')}
    CASE
      WHEN is_prospect THEN 'potential'
${tierRules.map((r) => `      ${r}`).join('\n')}
      WHEN frequency <= 1 AND monetary < potential_monetary THEN 'potential'
      ELSE 'ordinary'
    END AS segment_key
  FROM ${pareto ? 'ranked' : ident(ctx.features)}
  CROSS JOIN thresholds
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
  frequency,
  monetary,
${shown.map((c) => `  ${c}`).join(',\n')}
FROM tiered`;
}
