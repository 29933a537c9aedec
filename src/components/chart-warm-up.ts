import { quadrantChart, type QuadrantScatterRow } from '../charts/quadrant-chart';
import { embedChart } from './chart-libraries';

const SEGMENTS = ['Core', 'Grow loyalty', 'Increase spend', 'Low priority'];

/** Synthetic quadrant rows: a grid of bins, or as many single customers. */
function rows(kind: QuadrantScatterRow['kind']): QuadrantScatterRow[] {
  return Array.from({ length: 48 }, (_, i) => {
    const [x, y] = [i % 8, Math.floor(i / 8)];
    const bin = kind === 'bin';
    return {
      kind,
      customer_id: bin ? null : `C${i}`,
      segment: SEGMENTS[(x > 3 ? 0 : 2) + (y > 2 ? 0 : 1)]!,
      value: x * 10 + 5,
      loyalty: y + 0.5,
      value_lo: bin ? x * 10 : null,
      value_hi: bin ? x * 10 + 10 : null,
      loyalty_lo: bin ? y : null,
      loyalty_hi: bin ? y + 1 : null,
      customers: bin ? 1 + ((i * 37) % 200) : 1,
      segment_share: 1,
    };
  });
}

/**
 * Draws the value × loyalty quadrant off screen, as bins and as points, and throws the charts
 * away. V8 compiles Vega's code only when it first runs: the first real chart of a session took
 * about 150 ms to draw, a redraw about 60 ms. Run while DuckDB starts, one chart per task.
 */
export async function warmUpCharts(): Promise<void> {
  // A task of its own, apart from the one that evaluated the libraries.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'position:fixed;left:-10000px;top:0;width:640px;visibility:hidden';
  document.body.append(host);
  try {
    for (const kind of ['bin', 'point'] as const) {
      const result = await embedChart(
        host,
        quadrantChart({
          rows: rows(kind),
          valueThreshold: 40,
          loyaltyThreshold: 3,
          quadrants: [],
          segments: SEGMENTS,
          lang: 'en',
        }),
      );
      result.finalize();
      host.replaceChildren();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    host.remove();
  }
}
