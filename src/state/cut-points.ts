import type { Engine } from '../engine/types';
import { skewedScale, type AxisScale } from '../charts/axis-scale';
import { CUT_DIMENSIONS, hasFixedCuts, type CutDimension } from '../model/presets/rfm-cut-points';
import { rfmBinningInput, type RfmParams } from '../model/presets/rfm';
import { histogramSql, measureSpreadSql } from '../sql/cut-points';
import { rfmThresholdsSql } from '../sql/rfm';

export const HISTOGRAM_BINS = 40;

export interface HistogramBin {
  start: number;
  end: number;
  customers: number;
}

/** One dimension's cut points as the segmentation used them, and its buyers' distribution. */
export interface DimensionCuts {
  dimension: CutDimension;
  column: string;
  /** True when the user typed them; false when DuckDB took them from quantiles. */
  fixed: boolean;
  cuts: number[];
  /** Buyers at or above each cut and below the next (the first: below the first cut). */
  bins: { lower: number; upper: number; score: number }[];
  scale: AxisScale;
  histogram: HistogramBin[];
}

/** The RFM cut points actually used (R's bounds, from `rfmThresholdsSql`) and histograms. */
export async function loadRfmCutPoints(
  engine: Engine,
  source: string,
  params: RfmParams,
): Promise<DimensionCuts[]> {
  const { rows } = await engine.query(rfmThresholdsSql(rfmBinningInput(params, source)));
  const out: DimensionCuts[] = [];
  for (const { dimension, column } of CUT_DIMENSIONS) {
    const bins = rows
      .filter((r) => r.dimension === dimension)
      .map((r) => ({ lower: Number(r.lower), upper: Number(r.upper), score: Number(r.score) }));
    const spread = (await engine.query(measureSpreadSql(source, column))).rows[0];
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const scale = skewedScale({
      min: num(spread?.min),
      median: num(spread?.median),
      max: num(spread?.max),
    });
    const histogram = (await engine.query(histogramSql(source, column, HISTOGRAM_BINS, scale)))
      .rows;
    out.push({
      dimension,
      column,
      fixed: hasFixedCuts(params, dimension),
      cuts: bins.slice(1).map((b) => b.lower),
      bins,
      scale,
      histogram: histogram.map((h) => ({
        start: Number(h.start),
        end: Number(h.end),
        customers: Number(h.customers),
      })),
    });
  }
  return out;
}
