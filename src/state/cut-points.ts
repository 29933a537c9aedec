import type { Engine } from '../engine/types';
import { skewedScale, type AxisScale } from '../charts/axis-scale';
import type { Labels } from '../domain/labels';
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

/** How a measure's cut points came about, when the user did not type them. */
export type CutBasis = 'quantile' | 'rank' | 'pareto' | 'rules';

/** One dimension's cut points as the segmentation used them, and its buyers' distribution. */
export interface DimensionCuts {
  /** The measure's key in the preset, e.g. `monetary` for RFM, `value` for value tiers. */
  dimension: string;
  column: string;
  /** The measure and its unit, e.g. "Monetary: spend". */
  measure: Labels;
  /** What each row of the table is: an RFM score, a value tier, or a level (high or not). */
  rows: 'score' | 'tier' | 'level';
  /** True when the user typed them; false when DuckDB computed them by `basis`. */
  fixed: boolean;
  basis: CutBasis;
  /** In increasing order; `null` where a tier is empty, so it starts nowhere. */
  cuts: (number | null)[];
  /** Buyers at or above each cut and below the next (the first: below the first cut). */
  bins: { lower: number | null; label: Labels }[];
  scale: AxisScale;
  histogram: HistogramBin[];
  /** Decimals the measure's values have: a dragged cut is rounded to them. */
  decimals: number;
}

/** A measure's spread over buyers: its axis scale and its histogram on that scale. */
export async function loadDistribution(
  engine: Engine,
  source: string,
  column: string,
): Promise<{ scale: AxisScale; histogram: HistogramBin[]; decimals: number }> {
  const spread = (await engine.query(measureSpreadSql(source, column))).rows[0];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const scale = skewedScale({
    min: num(spread?.min),
    median: num(spread?.median),
    max: num(spread?.max),
  });
  const histogram = (await engine.query(histogramSql(source, column, HISTOGRAM_BINS, scale))).rows;
  return {
    scale,
    decimals: Number(spread?.decimals ?? 0),
    histogram: histogram.map((h) => ({
      start: Number(h.start),
      end: Number(h.end),
      customers: Number(h.customers),
    })),
  };
}

/** An RFM dimension's cuts: always numbers, one fewer than its scores. */
export interface RfmDimensionCuts extends DimensionCuts {
  dimension: CutDimension;
  cuts: number[];
}

/** The RFM cut points actually used (R's bounds, from `rfmThresholdsSql`) and histograms. */
export async function loadRfmCutPoints(
  engine: Engine,
  source: string,
  params: RfmParams,
): Promise<RfmDimensionCuts[]> {
  const { rows } = await engine.query(rfmThresholdsSql(rfmBinningInput(params, source)));
  const out: RfmDimensionCuts[] = [];
  for (const { dimension, column, label } of CUT_DIMENSIONS) {
    const bins = rows
      .filter((r) => r.dimension === dimension)
      .map((r) => ({ lower: Number(r.lower), score: String(r.score) }));
    out.push({
      dimension,
      column,
      measure: label,
      rows: 'score',
      fixed: hasFixedCuts(params, dimension),
      basis: 'quantile',
      cuts: bins.slice(1).map((b) => b.lower),
      bins: bins.map((b) => ({ lower: b.lower, label: { en: b.score, zh: b.score } })),
      ...(await loadDistribution(engine, source, column)),
    });
  }
  return out;
}
