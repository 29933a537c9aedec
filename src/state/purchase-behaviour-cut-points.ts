import type { Engine } from '../engine/types';
import {
  purchaseBehaviour,
  type PurchaseBehaviourParams,
} from '../model/presets/purchase-behaviour';
import type { PresetContext } from '../sql/presets/context';
import { purchaseBehaviourCutsSql } from '../sql/purchase-behaviour-cuts';
import { loadDistribution, type DimensionCuts } from './cut-points';

const TICKET = {
  avg_order_value: { en: 'Average order value', zh: '平均订单金额' },
  max_order_value: { en: 'Largest order', zh: '最大单笔金额' },
} as const;

const LEVELS = {
  frequency: [
    { en: 'Occasional', zh: '低频' },
    { en: 'High frequency', zh: '高频' },
  ],
  ticket: [
    { en: 'Small basket', zh: '小额' },
    { en: 'Big ticket', zh: '大额' },
  ],
} as const;

/**
 * The order count high frequency starts at (DuckDB's quantile_cont of buyers' orders, never
 * below 2, or the fixed count) and the order value big ticket starts at, as the preset's SQL
 * computes them, with buyers' spread of each measure.
 */
export async function loadPurchaseBehaviourCutPoints(
  engine: Engine,
  ctx: PresetContext,
  params: PurchaseBehaviourParams,
): Promise<DimensionCuts[]> {
  const sql = purchaseBehaviourCutsSql(purchaseBehaviour.toSql(params, ctx));
  const row = (await engine.query(sql)).rows[0];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const dimensions = [
    {
      dimension: 'frequency' as const,
      column: 'frequency',
      measure: { en: 'Orders', zh: '订单数' },
      fixed: params.frequencyCut === 'absolute',
      cut: num(row?.frequency),
    },
    {
      dimension: 'ticket' as const,
      column: params.ticketMeasure,
      measure: TICKET[params.ticketMeasure],
      fixed: params.ticketCut === 'absolute',
      cut: num(row?.ticket),
    },
  ];
  const out: DimensionCuts[] = [];
  for (const d of dimensions) {
    const distribution = await loadDistribution(engine, ctx.features, d.column);
    const [low, high] = LEVELS[d.dimension];
    out.push({
      dimension: d.dimension,
      column: d.column,
      measure: d.measure,
      rows: 'level',
      fixed: d.fixed,
      basis: 'quantile',
      cuts: [d.cut],
      bins: [
        { lower: distribution.histogram[0]?.start ?? null, label: low },
        { lower: d.cut, label: high },
      ],
      ...distribution,
    });
  }
  return out;
}
