import { frequencyRecencyGrid } from './alive-matrix';
import { modelConditionalExpectedPurchases, type ModelRef } from './continuous-models';
import type { CustomerSummary } from './summary';

/** Expected purchases over a grid of repeat purchases and recency, for customers of one age T. */
export interface ExpectedMatrix {
  /** The customers' age the grid is for: the longest T in the data. */
  T: number;
  /** The future the expectation is over, in the summary's time unit. */
  horizon: number;
  cells: { frequency: number; recency: number; expected: number }[];
}

/**
 * lifetimes' plot_frequency_recency_matrix: E[Y(horizon) | x, t_x, T] on the grid of the
 * P(alive) matrix (`frequencyRecencyGrid`), so the two read side by side.
 */
export function expectedMatrix(
  fit: ModelRef,
  summary: CustomerSummary,
  horizon: number,
  bins = 20,
): ExpectedMatrix {
  const { T, points } = frequencyRecencyGrid(summary, bins);
  return {
    T,
    horizon,
    cells: points.map((p) => ({
      ...p,
      expected: modelConditionalExpectedPurchases(fit, horizon, p.frequency, p.recency, T),
    })),
  };
}
