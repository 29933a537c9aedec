import type { Engine } from '../engine/types';
import { needs, type NeedsParams } from '../model/presets/needs';
import type { PresetContext } from '../sql/presets/context';
import { needsCutsSql } from '../sql/needs-cuts';
import { loadDistribution, type DimensionCuts } from './cut-points';

/**
 * The average unit price quality-sensitive starts at (DuckDB's quantile_cont of buyers' average
 * unit prices, or the fixed price), as the preset's SQL computes it, with buyers' spread of it.
 * The discount and brand shares are fixed shares the user sets, not cut points of the data.
 */
export async function loadNeedsCutPoints(
  engine: Engine,
  ctx: PresetContext,
  params: NeedsParams,
): Promise<DimensionCuts[]> {
  const row = (await engine.query(needsCutsSql(needs.toSql(params, ctx)))).rows[0];
  const cut = row?.quality === null || row?.quality === undefined ? null : Number(row.quality);
  const distribution = await loadDistribution(engine, ctx.features, 'avg_unit_price');
  return [
    {
      dimension: 'quality',
      column: 'avg_unit_price',
      measure: { en: 'Average unit price', zh: '平均单价' },
      rows: 'level',
      fixed: params.qualityCut === 'absolute',
      basis: 'quantile',
      cuts: [cut],
      bins: [
        {
          lower: distribution.histogram[0]?.start ?? null,
          label: { en: 'Not quality-sensitive', zh: '非品质敏感' },
        },
        { lower: cut, label: { en: 'Quality-sensitive', zh: '品质敏感' } },
      ],
      ...distribution,
    },
  ];
}
