import { modelProbabilityAlive, type ModelRef } from './continuous-models';
import type { CustomerSummary } from './summary';

/** P(alive) over a grid of repeat purchases and recency, for customers of one age T. */
export interface AliveMatrix {
  /** The customers' age the grid is for: the longest T in the data. */
  T: number;
  /** Row by row: frequency 1..maxFrequency, recency at the middle of each of `bins` slices of T. */
  cells: { frequency: number; recency: number; pAlive: number }[];
}

const MAX_ROWS = 40;

/**
 * The grid of lifetimes' frequency/recency matrices: for the oldest customers (T the largest in
 * the data), x from 1 up to the 99th percentile of repeat purchases (at most 40; customers
 * without repeat purchases have no recency to vary) and t_x at the middle of each of `bins`
 * equal slices of [0, T]. No points when T is 0.
 */
export function frequencyRecencyGrid(
  summary: CustomerSummary,
  bins: number,
): { T: number; points: { frequency: number; recency: number }[] } {
  let T = 0;
  for (const t of summary.T) T = Math.max(T, t);
  const sorted = Float64Array.from(summary.frequency).sort();
  const p99 = sorted.length ? sorted[Math.floor(0.99 * (sorted.length - 1))] : 1;
  const rows = Math.min(MAX_ROWS, Math.max(1, p99));
  const points: { frequency: number; recency: number }[] = [];
  if (!(T > 0)) return { T, points };
  for (let x = 1; x <= rows; x++) {
    for (let k = 0; k < bins; k++) points.push({ frequency: x, recency: (T * (k + 0.5)) / bins });
  }
  return { T, points };
}

/** The probability-alive matrix of lifetimes' plot_probability_alive_matrix, on that grid. */
export function aliveMatrix(fit: ModelRef, summary: CustomerSummary, bins = 20): AliveMatrix {
  const { T, points } = frequencyRecencyGrid(summary, bins);
  return {
    T,
    cells: points.map((p) => ({
      ...p,
      pAlive: modelProbabilityAlive(fit, p.frequency, p.recency, T),
    })),
  };
}
