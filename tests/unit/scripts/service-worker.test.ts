import { describe, expect, it } from 'vitest';
import { startServiceWorker } from '../../../scripts/service-worker.js';
import { precached, serviceWorkerSource } from '../../../scripts/vite-service-worker.js';

const SCOPE = 'https://host.example/apps/seglab/';

/** The parts of ServiceWorkerGlobalScope the worker uses, with a network that can go offline. */
function fakeWorker(cacheName: string, precache: string[]) {
  const stores = new Map<string, Map<string, Response>>();
  const network: string[] = [];
  let online = true;
  let version = 1;
  const key = (r: string | Request) => (typeof r === 'string' ? r : r.url);
  const open = async (name: string) => {
    const store = stores.get(name) ?? new Map<string, Response>();
    stores.set(name, store);
    return {
      match: async (r: string | Request) => store.get(key(r))?.clone(),
      put: async (r: string | Request, res: Response) => void store.set(key(r), res),
      addAll: async (urls: string[]) => {
        for (const u of urls) store.set(u, await sw.fetch(u));
      },
    };
  };
  const handlers: Record<string, (event: unknown) => void> = {};
  const sw = {
    registration: { scope: SCOPE },
    caches: {
      open,
      keys: async () => [...stores.keys()],
      delete: async (name: string) => stores.delete(name),
    },
    fetch: async (r: string | Request) => {
      if (!online) throw new TypeError('Failed to fetch');
      network.push(key(r));
      const res = new Response(`${key(r)} v${version}`);
      Object.defineProperty(res, 'type', { value: 'basic' });
      return res;
    },
    addEventListener: (type: string, fn: (event: unknown) => void) => (handlers[type] = fn),
    skipWaiting: async () => {},
    clients: { claim: async () => {} },
  };
  startServiceWorker(sw as never, cacheName, precache);

  async function dispatch(type: string, fields: object): Promise<Response | null> {
    const waits: Promise<unknown>[] = [];
    let response: Promise<Response> | null = null;
    handlers[type]!({
      ...fields,
      waitUntil: (p: Promise<unknown>) => waits.push(p),
      respondWith: (p: Promise<Response>) => (response = p),
    });
    await Promise.all(waits);
    return response ? await response : null;
  }
  const request = (url: string, init: { mode?: string; method?: string } = {}) => ({
    url,
    method: init.method ?? 'GET',
    mode: init.mode ?? 'cors',
  });
  return {
    stores,
    network,
    install: () => dispatch('install', {}),
    activate: () => dispatch('activate', {}),
    message: (data: unknown) => dispatch('message', { data }),
    fetch: async (url: string, init?: { mode?: string; method?: string }) => {
      const res = await dispatch('fetch', { request: request(url, init) });
      return res ? res.text() : null;
    },
    offline: () => (online = false),
    newVersion: () => version++,
  };
}

describe('the service worker', () => {
  const files = [
    'index.html',
    'assets/index-abc.js',
    'assets/duckdb-eh-x.wasm',
    'favicon.svg',
    'sw.js',
  ];

  it('precaches the app shell, never the DuckDB .wasm builds', async () => {
    expect(precached(files)).toEqual(['./', 'assets/index-abc.js', 'favicon.svg']);
    const w = fakeWorker('seglab-1', precached(files));
    await w.install();
    expect([...w.stores.get('seglab-1')!.keys()]).toEqual([
      SCOPE,
      `${SCOPE}assets/index-abc.js`,
      `${SCOPE}favicon.svg`,
    ]);
  });

  it('serves hashed files from the cache, and the page from the network while online', async () => {
    const w = fakeWorker('seglab-1', precached(files));
    await w.install();
    w.newVersion();
    const fetched = w.network.length;
    expect(await w.fetch(`${SCOPE}assets/index-abc.js`)).toBe(`${SCOPE}assets/index-abc.js v1`);
    expect(w.network.length).toBe(fetched);
    expect(await w.fetch(`${SCOPE}?x=1`, { mode: 'navigate' })).toBe(`${SCOPE}?x=1 v2`);
  });

  it('starts offline: the cached page and files, and files cached on first use', async () => {
    const w = fakeWorker('seglab-1', precached(files));
    await w.install();
    expect(await w.fetch(`${SCOPE}assets/duckdb-eh-x.wasm`)).toBe(
      `${SCOPE}assets/duckdb-eh-x.wasm v1`,
    );
    w.offline();
    expect(await w.fetch(`${SCOPE}index.html`, { mode: 'navigate' })).toBe(`${SCOPE} v1`);
    expect(await w.fetch(`${SCOPE}assets/duckdb-eh-x.wasm`)).toBe(
      `${SCOPE}assets/duckdb-eh-x.wasm v1`,
    );
    await expect(w.fetch(`${SCOPE}assets/never-seen.js`)).rejects.toThrow(/Failed to fetch/);
  });

  it("fetches DuckDB's .wasm through the network while online (V8's code cache), the kept copy offline", async () => {
    const w = fakeWorker('seglab-1', precached(files));
    await w.install();
    const wasm = `${SCOPE}assets/duckdb-eh-x.wasm`;
    expect(await w.fetch(wasm)).toBe(`${wasm} v1`);
    w.newVersion();
    expect(await w.fetch(wasm)).toBe(`${wasm} v2`);
    expect(w.network.filter((u) => u === wasm)).toHaveLength(2);
    w.offline();
    expect(await w.fetch(wasm)).toBe(`${wasm} v1`);
  });

  it('keeps the files the page names (the engine it started), only inside its scope', async () => {
    const w = fakeWorker('seglab-1', []);
    await w.message({
      type: 'seglab-cache',
      urls: [`${SCOPE}assets/duckdb-coi-y.wasm`, 'https://cdn.example/x.wasm', '/other-app/a.js'],
    });
    expect([...w.stores.get('seglab-1')!.keys()]).toEqual([`${SCOPE}assets/duckdb-coi-y.wasm`]);
    await w.message({ type: 'something-else', urls: [`${SCOPE}a.js`] });
    expect(w.stores.get('seglab-1')!.size).toBe(1);
  });

  it('leaves other origins, other paths and other methods alone', async () => {
    const w = fakeWorker('seglab-1', []);
    expect(await w.fetch('https://elsewhere.example/apps/seglab/a.js')).toBeNull();
    expect(await w.fetch('https://host.example/other/a.js')).toBeNull();
    expect(await w.fetch(`${SCOPE}api`, { method: 'POST' })).toBeNull();
  });

  it('drops the caches of older builds when a new build activates', async () => {
    const w = fakeWorker('seglab-new', []);
    w.stores.set('seglab-old', new Map());
    w.stores.set('someone-else', new Map());
    await w.activate();
    expect([...w.stores.keys()]).toEqual(['someone-else']);
  });

  it('names the cache after the build, and calls the worker with its files', () => {
    const a = serviceWorkerSource(files, 'aaaaaaaaaaaaaaaaffff');
    const b = serviceWorkerSource(files, 'bbbbbbbbbbbbbbbbffff');
    expect(a).toContain(
      'startServiceWorker(self, "seglab-aaaaaaaaaaaaaaaa", ["./","assets/index-abc.js","favicon.svg"]);',
    );
    expect(b).toContain('"seglab-bbbbbbbbbbbbbbbb"');
    expect(a).not.toMatch(/^export /m);
  });
});
