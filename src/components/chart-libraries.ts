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

/** Loads the chart libraries when the browser is next idle. */
export function prefetchChartLibraries(): void {
  const load = () => void chartLibraries().catch(() => {});
  if ('requestIdleCallback' in globalThis) requestIdleCallback(load, { timeout: 5000 });
  else setTimeout(load, 1000);
}
