import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/** A server on another port (so another origin) that records every request it gets. */
async function listener(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, seen, server };
}

/** What a script inside the worker can do: reach another origin, and compile code from text. */
function probe(worker: Worker, url: string) {
  return worker.evaluate(async (target) => {
    let fetched = 'sent';
    try {
      await fetch(`${target}from-${self.name || 'worker'}`, { mode: 'cors' });
    } catch {
      fetched = 'blocked';
    }
    // From a timer, not from the evaluated function itself: DevTools lets code it evaluates
    // eval whatever the policy, a timer callback gets no such pass.
    const evaluated = await new Promise<string>((resolve) =>
      setTimeout(() => {
        try {
          (0, eval)('1 + 1');
          resolve('ran');
        } catch {
          resolve('blocked');
        }
      }),
    );
    return { fetched, evaluated, script: self.location.pathname.split('/').pop() ?? '' };
  }, url);
}

/** Opens the app served with or without the security headers; returns what each worker could do. */
async function workersOf(csp: boolean, url: string) {
  const server: StaticServer = await serveDist('dist', { csp });
  const s: Session = await openSession();
  try {
    // The threaded build, so that its thread workers are probed too.
    await s.page.goto(`${server.url}?engine=threads`);
    await waitForNotebookRun(s.page);
    // The app's own workers (Parquet, Excel, bundles, links, markdown, model fitting) mostly
    // live only while they work: start each from its built script, as the app does. One may
    // already run (markdown), so wait for every script, not for a count.
    const own = readdirSync('dist/assets').filter(
      (f) => /\.worker-[\w-]+\.js$/.test(f) && !f.startsWith('duckdb-'),
    );
    expect(own.length).toBeGreaterThanOrEqual(3);
    await s.page.evaluate((files) => {
      for (const f of files) new Worker(`assets/${f}`, { type: 'module', name: f });
    }, own);
    await expect
      .poll(() => own.filter((f) => s.page.workers().some((w) => w.url().endsWith(f))))
      .toEqual(own);
    const workers = s.page.workers();
    const results = [];
    for (const w of workers) results.push(await probe(w, url));
    const page = await probe(s.page as unknown as Worker, url);
    return { results, page, own };
  } finally {
    await s.close();
    await server.close();
  }
}

describe('the Content-Security-Policy reaches the workers', () => {
  let other: Awaited<ReturnType<typeof listener>>;
  beforeAll(async () => {
    other = await listener();
  });
  afterAll(async () => {
    await new Promise((resolve) => other.server.close(resolve));
  });

  it('served with the header, no worker can reach another origin', async () => {
    const { results, page, own } = await workersOf(true, other.url);
    // DuckDB's worker and, cross-origin isolated, its thread workers.
    expect(results.some((r) => /duckdb-browser-coi\.worker/.test(r.script))).toBe(true);
    expect(results.some((r) => /duckdb-browser-coi\.pthread\.worker/.test(r.script))).toBe(true);
    for (const name of ['clv', 'excel', 'parquet', 'bundle', 'notebook', 'markdown']) {
      expect(
        own.some((f) => f.startsWith(`${name}.worker`)),
        name,
      ).toBe(true);
    }
    for (const f of own)
      expect(
        results.some((r) => r.script === f),
        f,
      ).toBe(true);
    for (const r of results) {
      // DuckDB's workers may eval (Emscripten's embind needs it; scripts/security-headers.mjs),
      // every other script may not.
      const duckdb = /^duckdb-browser-/.test(r.script);
      expect(r, r.script).toEqual({
        ...r,
        fetched: 'blocked',
        evaluated: duckdb ? 'ran' : 'blocked',
      });
    }
    expect(page).toMatchObject({ fetched: 'blocked', evaluated: 'blocked' });
    expect(other.seen).toEqual([]);
  });

  it('without the header, the <meta> policy guards the page but not its workers', async () => {
    other.seen.length = 0;
    const { results, page } = await workersOf(false, other.url);
    expect(page).toMatchObject({ fetched: 'blocked', evaluated: 'blocked' });
    // What the header adds: the same probe from a worker reaches the other server.
    expect(results.some((r) => r.fetched === 'sent')).toBe(true);
    expect(other.seen.length).toBeGreaterThan(0);
  });
});
