/** How an axis is drawn: evenly, or evenly in sign(x) * ln(1 + |x|), a log scale that takes 0. */
export type AxisScale = 'linear' | 'symlog';

/** What the user picks: the scale that suits the data, or one for both axes. */
export type ScaleChoice = 'auto' | 'linear' | 'log';

export const SCALE_CHOICES: readonly ScaleChoice[] = ['auto', 'linear', 'log'];

/** A measure's spread over the customers drawn. */
export interface Spread {
  min: number | null;
  median: number | null;
  max: number | null;
}

/**
 * Log when a non-negative measure is skewed: the largest customer at least 10 times the median
 * one (and past 10, so shares and rates stay linear). Spend to 280K with a median of 600 on a
 * linear axis leaves three quadrants in a sliver at the left.
 */
export function skewedScale(spread: Spread): AxisScale {
  const { min, median, max } = spread;
  if (min === null || median === null || max === null) return 'linear';
  if (min < 0 || max < 10) return 'linear';
  return max >= 10 * Math.max(median, 1) ? 'symlog' : 'linear';
}

export function chooseScale(choice: ScaleChoice, spread: Spread): AxisScale {
  if (choice === 'linear') return 'linear';
  if (choice === 'log') return 'symlog';
  return skewedScale(spread);
}

/**
 * Tick values for a symlog axis from `lo` to `hi` (d3's symlog ticks are linear, so they would
 * crowd at the right): 0 when it is in range, then powers of ten, with 2 and 5 between them
 * when the range spans few decades.
 */
export function symlogTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const ticks: number[] = [];
  if (lo <= 0 && hi >= 0) ticks.push(0);
  const top = Math.ceil(Math.log10(Math.max(hi, 1)));
  const steps = top <= 2 ? [1, 2, 5] : top <= 4 ? [1, 3] : [1];
  // Beside 0, a tick at 1 crowds it when the axis spans thousands.
  const first = ticks.length > 0 && top >= 4 ? 1 : 0;
  for (let e = first; e <= top; e++) {
    for (const m of steps) {
      const t = m * 10 ** e;
      if (t >= lo && t <= hi) ticks.push(t);
    }
  }
  return ticks;
}
