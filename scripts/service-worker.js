/**
 * SegLab's service worker: the app works offline after the first visit. Written to `sw.js` by
 * `vite-service-worker.js`, which appends the call with the build's cache name and files.
 *
 * - Only GET requests inside the app's own scope are handled; nothing else is touched.
 * - Pages (navigations): network first, so a new build is picked up at once; the cached page
 *   when offline.
 * - DuckDB's `.wasm` files: network first, through the browser's HTTP cache, and the cached copy
 *   when offline. V8 keeps the code it compiled from a `.wasm` beside its HTTP cache entry; served
 *   from Cache Storage it would compile DuckDB anew on every visit.
 *   They are not precached (three builds, ~100 MB): the page names the one this browser runs,
 *   once the engine has started.
 * - Everything else has a content hash in its name: cache first; fetched and kept on a miss.
 * - A new build has a new cache name; the old caches are deleted when it activates.
 *
 * @param {ServiceWorkerGlobalScope} sw
 * @param {string} cacheName `seglab-<build hash>`
 * @param {string[]} precache URLs relative to the scope: `./` and the build's files
 */
export function startServiceWorker(sw, cacheName, precache) {
  const scope = new URL(sw.registration.scope);
  const inScope = (url) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);

  async function keep(cache, request) {
    const response = await sw.fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  }

  /**
   * The network's response, kept under `key`; the kept copy when the network fails. `refresh`
   * replaces the kept copy every time (the page); otherwise it is kept once (a `.wasm`, whose
   * hashed name means its content never changes).
   */
  async function networkFirst(request, key, refresh) {
    const cache = await sw.caches.open(cacheName);
    try {
      const response = await sw.fetch(request);
      if (response.ok && response.type === 'basic' && (refresh || !(await cache.match(key)))) {
        await cache.put(key, response.clone());
      }
      return response;
    } catch (error) {
      const cached = await cache.match(key);
      if (cached) return cached;
      throw error;
    }
  }

  async function cacheFirst(request) {
    const cache = await sw.caches.open(cacheName);
    return (await cache.match(request)) ?? keep(cache, request);
  }

  sw.addEventListener('install', (event) => {
    event.waitUntil(
      (async () => {
        const cache = await sw.caches.open(cacheName);
        await cache.addAll(precache.map((path) => new URL(path, scope).href));
        await sw.skipWaiting();
      })(),
    );
  });

  sw.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        for (const key of await sw.caches.keys()) {
          if (key.startsWith('seglab-') && key !== cacheName) await sw.caches.delete(key);
        }
        await sw.clients.claim();
      })(),
    );
  });

  sw.addEventListener('message', (event) => {
    const { type, urls } = event.data ?? {};
    if (type !== 'seglab-cache' || !Array.isArray(urls)) return;
    event.waitUntil(
      (async () => {
        const cache = await sw.caches.open(cacheName);
        for (const url of urls) {
          if (typeof url !== 'string' || !inScope(new URL(url, scope))) continue;
          if (!(await cache.match(url))) await keep(cache, url).catch(() => {});
        }
      })(),
    );
  });

  sw.addEventListener('fetch', (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || !inScope(url)) return;
    const page = request.mode === 'navigate' || url.pathname === scope.pathname;
    event.respondWith(
      page
        ? networkFirst(request, scope.href, true)
        : url.pathname.endsWith('.wasm')
          ? networkFirst(request, request, false)
          : cacheFirst(request),
    );
  });
}
