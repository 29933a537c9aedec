import { ident, num } from '../quote';
import type { PresetContext, SegmentLabel } from './context';
import { segmentCase } from './segment-case';

export interface ValueTiersParams {
  /**
   * `rank`: the top shares of buyers by value; `pareto`: cumulative revenue share (ABC);
   * `thresholds`: the user's own spend and order rules. Each nests: VIP within important.
   */
  mode: 'rank' | 'thresholds' | 'pareto';
  /**
   * What spend thresholds and revenue shares measure: spend to date, or the predicted CLV a
   * Predict cell adds to the features.
   */
  valueColumn: 'monetary' | 'predicted_clv';
  /** Rank: VIPs are this top share of buyers by value (0-1). */
  vipShare: number;
  /** Rank: VIPs plus important customers are this top share of buyers (0-1). */
  importantShare: number;
  /** Whether the spend thresholds are percentiles of buyers' spend (0-1) or amounts. */
  thresholdUnit: 'percentile' | 'value';
  vipMonetary: number;
  vipFrequency: number;
  importantMonetary: number;
  importantFrequency: number;
  /** Pareto: VIPs are the top spenders who together bring this share of revenue. */
  vipRevenueShare: number;
  /** Pareto: VIPs plus important customers bring this share of revenue. */
  importantRevenueShare: number;
  /**
   * Where important and VIP start on the value measure, e.g. "300, 1200"; empty: by the method.
   * When set, these amounts replace the method's value cut-offs (rules keep their order counts).
   */
  valueCuts: string;
}

/** Fixed value cut-offs, parsed and validated by the preset. */
export interface ValueCutAmounts {
  important: number;
  vip: number;
}

type Tier = 'vip' | 'important';

/** A value cut-off's column: vip_monetary, or vip_predicted_clv when tiering by predicted CLV. */
function cutName(p: ValueTiersParams, tier: Tier): string {
  return ident(`${tier}_${p.valueColumn}`);
}

/** A value cut-off: a percentile of buyers' values, or the amount itself. */
function valueCut(p: ValueTiersParams, tier: Tier, value: number, fixed: boolean): string {
  const expr =
    !fixed && p.thresholdUnit === 'percentile'
      ? `quantile_cont(${ident(p.valueColumn)}, ${num(value)}) FILTER (WHERE NOT is_prospect)`
      : num(value);
  return `    ${expr} AS ${cutName(p, tier)}`;
}

function thresholdsCte(
  p: ValueTiersParams,
  features: string,
  fixed: ValueCutAmounts | null,
): string {
  const columns =
    p.mode === 'thresholds'
      ? [
          valueCut(p, 'vip', fixed?.vip ?? p.vipMonetary, fixed !== null),
          `    ${num(p.vipFrequency)} AS vip_frequency`,
          valueCut(p, 'important', fixed?.important ?? p.importantMonetary, fixed !== null),
          `    ${num(p.importantFrequency)} AS important_frequency`,
        ]
      : fixed
        ? [valueCut(p, 'vip', fixed.vip, true), valueCut(p, 'important', fixed.important, true)]
        : p.mode === 'pareto'
          ? [
              `    ${num(p.vipRevenueShare)} AS vip_revenue_share`,
              `    ${num(p.importantRevenueShare)} AS important_revenue_share`,
            ]
          : [
              `    ${num(p.vipShare)} AS vip_share`,
              `    ${num(p.importantShare)} AS important_share`,
            ];
  // Amount thresholds and shares are plain constants; only percentiles read the features.
  const from =
    p.mode === 'thresholds' && p.thresholdUnit === 'percentile' && !fixed
      ? `\n  FROM ${ident(features)}`
      : '';
  return `thresholds AS (\n  SELECT\n${columns.join(',\n')}${from}\n)`;
}

/** Buyers ranked by value, highest first: what comes before each, so ties share a tier. */
function rankedCte(p: ValueTiersParams, features: string): string {
  const v = ident(p.valueColumn);
  const rank =
    p.mode === 'pareto'
      ? `-- share of revenue from buyers who spent strictly more
    (SUM(${v}) OVER (ORDER BY ${v} DESC) - SUM(${v}) OVER (PARTITION BY ${v}))
      / NULLIF(SUM(${v}) OVER (), 0) AS revenue_share_before`
      : `-- share of ranked buyers with a strictly higher value
    (rank() OVER (ORDER BY ${v} DESC) - 1) / count(*) OVER () AS buyers_before`;
  return `ranked AS (
  SELECT
    customer_id,
    ${rank}
  FROM ${ident(features)}
  WHERE NOT is_prospect AND ${v} IS NOT NULL
),`;
}

/**
 * The value tiers SELECT; `p` and `ctx` are already validated. Tiers nest: a VIP passes the
 * important test too. Prospects (no orders) are potential; a buyer without a value (no
 * prediction, tiering by predicted CLV) is ordinary.
 */
export function valueTiersSql(
  p: ValueTiersParams,
  ctx: PresetContext,
  segments: SegmentLabel[],
  fixed: ValueCutAmounts | null = null,
): string {
  const v = ident(p.valueColumn);
  const rules =
    fixed && p.mode !== 'thresholds'
      ? [
          `WHEN ${v} >= ${cutName(p, 'vip')} THEN 'vip'`,
          `WHEN ${v} >= ${cutName(p, 'important')} THEN 'important'`,
        ]
      : p.mode === 'pareto'
        ? [
            "WHEN r.revenue_share_before < vip_revenue_share THEN 'vip'",
            "WHEN r.revenue_share_before < important_revenue_share THEN 'important'",
          ]
        : p.mode === 'rank'
          ? [
              "WHEN r.buyers_before < vip_share THEN 'vip'",
              "WHEN r.buyers_before < important_share THEN 'important'",
            ]
          : [
              `WHEN ${v} >= ${cutName(p, 'vip')} AND frequency >= vip_frequency THEN 'vip'`,
              `WHEN ${v} >= ${cutName(p, 'important')} AND frequency >= important_frequency THEN 'important'`,
            ];
  const shown =
    fixed && p.mode !== 'thresholds'
      ? [cutName(p, 'vip'), cutName(p, 'important')]
      : p.mode === 'pareto'
        ? ['r.revenue_share_before', 'vip_revenue_share', 'important_revenue_share']
        : p.mode === 'rank'
          ? ['r.buyers_before', 'vip_share', 'important_share']
          : [cutName(p, 'vip'), 'vip_frequency', cutName(p, 'important'), 'important_frequency'];
  const measures =
    p.valueColumn === 'monetary' ? ['frequency', 'monetary'] : ['frequency', 'monetary', v];
  const ranked = p.mode !== 'thresholds' && !fixed;
  const out = (c: string) => c.replace(/^r\./, '');
  return `WITH
${thresholdsCte(p, ctx.features, fixed)},${ranked ? `\n${rankedCte(p, ctx.features)}` : ''}
tiered AS (
  SELECT
    f.customer_id,
${[...measures.map((c) => `f.${c}`), ...shown].map((c) => `    ${c},`).join('\n')}
    CASE
      WHEN f.is_prospect THEN 'potential'
${rules.map((r) => `      ${r}`).join('\n')}
      ELSE 'ordinary'
    END AS segment_key
  FROM ${ident(ctx.features)} AS f${ranked ? '\n  LEFT JOIN ranked AS r USING (customer_id)' : ''}
  CROSS JOIN thresholds
)
SELECT
  customer_id,
  ${segmentCase('segment_key', segments, ctx.lang)} AS segment,
  segment_key,
${[...measures, ...shown].map((c) => `  ${out(c)}`).join(',\n')}
FROM tiered`;
}
