import { isDiscreteUnit, type ClvChartUnit } from './clv-time-units';

/** A cell of a frequency × recency matrix (P(alive), expected purchases). */
export interface GridCell {
  frequency: number;
  recency: number;
}

/**
 * The rectangles and axes of a heatmap over repeat purchases (up the side) and recency
 * (across): one cell per whole period in discrete units, otherwise slices of [0, T].
 */
export function frequencyRecencyGrid<C extends GridCell>(
  cells: C[],
  T: number,
  unit: ClvChartUnit,
  recencyTitle: string,
  frequencyTitle: string,
) {
  const discrete = isDiscreteUnit(unit);
  const bins = new Set(cells.map((c) => c.recency)).size || 1;
  const half = discrete ? 0.5 : T / bins / 2;
  const values = cells.map((c) => ({
    ...c,
    from: c.recency - half,
    to: c.recency + half,
    low: c.frequency - 0.5,
    high: c.frequency + 0.5,
  }));
  const top = Math.max(1, ...cells.map((c) => c.frequency));
  const xDomain: number[] = discrete ? [0.5, T + 0.5] : [0, T];
  const yDomain: number[] = [0.5, top + 0.5];
  const encoding = {
    x: {
      field: 'from',
      type: 'quantitative' as const,
      title: recencyTitle,
      scale: { domain: xDomain, nice: false },
      axis: { format: ',d', ...(discrete ? { tickMinStep: 1 } : {}) },
    },
    x2: { field: 'to' },
    y: {
      field: 'low',
      type: 'quantitative' as const,
      title: frequencyTitle,
      scale: { domain: yDomain },
      axis: { format: ',d', tickMinStep: 1 },
    },
    y2: { field: 'high' },
  };
  return { discrete, values, encoding };
}
