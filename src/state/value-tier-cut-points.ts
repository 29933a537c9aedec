import type { Engine } from '../engine/types';
import { valueTiers, type ValueTiersParams } from '../model/presets/value-tiers';
import { parseValueCuts } from '../model/presets/value-cuts';
import type { PresetContext } from '../sql/presets/context';
import { valueTierCutsSql } from '../sql/value-tier-cuts';
import { loadDistribution, type DimensionCuts } from './cut-points';

const MEASURE = {
  monetary: { en: 'Spend to date', zh: '历史消费额' },
  predicted_clv: { en: 'Predicted CLV', zh: '预测CLV' },
} as const;

/**
 * The value where each tier of a value tiers cell starts, as its own SQL puts it (DuckDB's
 * quantile_cont for percentile rules, the lowest value in the tier for ranks and revenue shares),
 * and buyers' spread of the value measure.
 */
export async function loadValueTierCutPoints(
  engine: Engine,
  ctx: PresetContext,
  params: ValueTiersParams,
): Promise<DimensionCuts[]> {
  const fixed = parseValueCuts(params.valueCuts) !== null;
  const held = fixed || params.mode === 'thresholds';
  const sql = valueTierCutsSql(valueTiers.toSql(params, ctx), params.valueColumn, held);
  const row = (await engine.query(sql)).rows[0];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const cuts = [num(row?.important), num(row?.vip)];
  const labels = Object.fromEntries(valueTiers.segments(params).map((s) => [s.key, s.label]));
  const column = params.valueColumn;
  const distribution = await loadDistribution(engine, ctx.features, column);
  return [
    {
      dimension: 'value',
      column,
      measure: MEASURE[column],
      rows: 'tier',
      fixed,
      basis: params.mode === 'thresholds' ? 'rules' : params.mode,
      cuts,
      bins: [
        { lower: distribution.histogram[0]?.start ?? null, label: labels.ordinary! },
        { lower: cuts[0] ?? null, label: labels.important! },
        { lower: cuts[1] ?? null, label: labels.vip! },
      ],
      ...distribution,
    },
  ];
}
