import { ident, num } from '../../sql/quote';
import type { PresetContext, SegmentDef } from './preset';
import { segmentCase } from './segment-case';
import type { ValueTiersParams } from './value-tiers';

type Tier = 'vip' | 'important' | 'potential';

/** A value cut-off's column: vip_monetary, or vip_predicted_clv when tiering by predicted CLV. */
function cutName(p: ValueTiersParams, tier: Tier): string {
  return ident(`${tier}_${p.valueColumn}`);
}

/** A value cut-off: a percentile of buyers' values, or the amount itself. */
function valueCut(p: ValueTiersParams, tier: Tier, value: number): string {
  const expr =
    p.thresholdUnit === 'percentile'
      ? `quantile_cont(${ident(p.valueColumn)}, ${num(value)}) FILTER (WHERE NOT is_prospect)`
      : num(value);
  return `    ${expr} AS ${cutName(p, tier)}`;
}

function thresholdsCte(p: ValueTiersParams, features: string): string {
  const columns =
    p.mode === 'thresholds'
      ? [
          valueCut(p, 'vip', p.vipMonetary),
          `    ${num(p.vipFrequency)} AS vip_frequency`,
          valueCut(p, 'important', p.importantMonetary),
          `    ${num(p.importantFrequency)} AS important_frequency`,
          valueCut(p, 'potential', p.potentialMonetary),
        ]
      : [
          `    ${num(p.vipRevenueShare)} AS vip_revenue_share`,
          `    ${num(p.importantRevenueShare)} AS important_revenue_share`,
          valueCut(p, 'potential', p.potentialMonetary),
        ];
  // Amount thresholds are plain constants; only percentiles need to read the features.
  const from = p.thresholdUnit === 'percentile' ? `\n  FROM ${ident(features)}` : '';
  return `thresholds AS (\n  SELECT\n${columns.join(',\n')}${from}\n)`;
}

/**
 * The value tiers SELECT; `p` and `ctx` are already validated. Tiering by predicted CLV, a
 * buyer without a prediction (NULL) passes no value test: important by orders, else ordinary.
 */
export function valueTiersSql(
  p: ValueTiersParams,
  ctx: PresetContext,
  segments: SegmentDef[],
): string {
  const pareto = p.mode === 'pareto';
  const v = ident(p.valueColumn);
  const tierRules = pareto
    ? [
        "WHEN revenue_share_before < vip_revenue_share THEN 'vip'",
        "WHEN revenue_share_before < important_revenue_share THEN 'important'",
      ]
    : [
        `WHEN ${v} >= ${cutName(p, 'vip')} AND frequency >= vip_frequency THEN 'vip'`,
        `WHEN ${v} >= ${cutName(p, 'important')} OR frequency >= important_frequency THEN 'important'`,
      ];
  const shown = pareto
    ? [
        'revenue_share_before',
        'vip_revenue_share',
        'important_revenue_share',
        cutName(p, 'potential'),
      ]
    : [
        cutName(p, 'vip'),
        'vip_frequency',
        cutName(p, 'important'),
        'important_frequency',
        cutName(p, 'potential'),
      ];
  const measures =
    p.valueColumn === 'monetary' ? ['frequency', 'monetary'] : ['frequency', 'monetary', v];
  const ranked = `ranked AS (
  SELECT
    *,
    -- share of revenue from customers who spent strictly more, so tied customers share a tier
    (SUM(${v}) OVER (ORDER BY ${v} DESC) - SUM(${v}) OVER (PARTITION BY ${v}))
      / NULLIF(SUM(${v}) OVER (), 0) AS revenue_share_before
  FROM ${ident(ctx.features)}
),`;
  return `WITH
${thresholdsCte(p, ctx.features)},${pareto ? `\n${ranked}` : ''}
tiered AS (
  SELECT
    customer_id,
${[...measures, ...shown].map((c) => `    ${c},`).join('\n')}
    CASE
      WHEN is_prospect THEN 'potential'
${tierRules.map((r) => `      ${r}`).join('\n')}
      WHEN frequency <= 1 AND ${v} < ${cutName(p, 'potential')} THEN 'potential'
      ELSE 'ordinary'
    END AS segment_key
  FROM ${pareto ? 'ranked' : ident(ctx.features)}
  CROSS JOIN thresholds
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
${[...measures, ...shown].map((c) => `  ${c}`).join(',\n')}
FROM tiered`;
}
