/**
 * Registers the service worker of a production build (`sw.js`, see
 * scripts/service-worker.js), so the app starts offline after the first visit. Then asks it to
 * keep the files this browser's DuckDB runs from (`engineFiles`, once the engine has started):
 * they were fetched before the worker took over, and it precaches no `.wasm` itself.
 */
export async function registerServiceWorker(
  container: ServiceWorkerContainer,
  engineFiles: () => Promise<string[]>,
): Promise<void> {
  try {
    await container.register('./sw.js');
    const [registration, urls] = await Promise.all([container.ready, engineFiles()]);
    const absolute = urls.map((u) => new URL(u, location.href).href);
    registration.active?.postMessage({ type: 'seglab-cache', urls: absolute });
  } catch {
    // Without a service worker the app works the same, only not offline.
  }
}
