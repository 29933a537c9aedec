import type { Result } from 'vega-embed';

let loading: Promise<[typeof import('vega-embed'), typeof import('vega-interpreter')]> | null =
  null;

/**
 * vega-embed and the CSP-safe expression interpreter, loaded once on demand so they stay out of
 * the first screen's bundle. `prefetchChartLibraries` loads them while the page is idle, so the
 * first chart does not wait for them.
 */
export function chartLibraries() {
  loading ??= Promise.all([import('vega-embed'), import('vega-interpreter')]).catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** Draws a Vega-Lite (or Vega) spec into `host` as SVG, the way every chart of the app is drawn. */
export async function embedChart(host: HTMLElement, spec: object): Promise<Result> {
  const [{ default: embed }, { expressionInterpreter }] = await chartLibraries();
  // The interpreter evaluates Vega expressions without eval: the CSP forbids it.
  return embed(host, spec as never, {
    renderer: 'svg',
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    tooltip: { theme: 'light' },
  });
}

/**
 * Loads the chart libraries when the browser is next idle, then `warmUp` (e.g. draws a chart
 * off screen so the first real one does not pay for compiling them).
 */
export function prefetchChartLibraries(warmUp: () => Promise<void> = async () => {}): void {
  const load = () =>
    void chartLibraries()
      .then(warmUp)
      .catch(() => {});
  if ('requestIdleCallback' in globalThis) requestIdleCallback(load, { timeout: 5000 });
  else setTimeout(load, 1000);
}
