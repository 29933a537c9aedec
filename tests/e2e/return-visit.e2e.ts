import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

let server: StaticServer;
let profile: string;
let s: Session | undefined;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  profile = await mkdtemp(path.join(tmpdir(), 'seglab-e2e-return-'));
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

/**
 * V8's WebAssembly trace events (`wasm.SerializeModule` when it keeps compiled code,
 * `wasm.Deserialize` when it compiles a module from what it kept), from every thread of the
 * renderer, DuckDB's workers included, recorded until `stop`.
 */
async function traceWasm(session: CDPSession) {
  const names: string[] = [];
  session.on('Tracing.dataCollected', (e) => {
    for (const event of e.value as { name?: string }[]) {
      if (event.name?.startsWith('wasm.')) names.push(event.name);
    }
  });
  await session.send('Tracing.start', {
    categories: 'v8.wasm,disabled-by-default-v8.wasm.detailed',
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
    await session.send('Tracing.end');
    await complete;
    return names;
  };
}

describe('a return visit, in Chromium', () => {
  it("compiles DuckDB from V8's code cache, not from scratch", async () => {
    s = await openSession({ profile });
    let stop = await traceWasm(await s.context.newCDPSession(s.page));
    await s.page.goto(server.url);
    await waitForNotebookRun(s.page);
    // V8 keeps a module's code once enough of it has been optimised, a little after the
    // notebook's first queries: traced in short windows until it has.
    const firstVisit: string[] = [];
    let kept = false;
    for (let i = 0; i < 30 && !kept; i++) {
      await s.page.waitForTimeout(2_000);
      const names = await stop();
      firstVisit.push(...names);
      kept = names.includes('wasm.SerializeModule');
      if (!kept) stop = await traceWasm(await s.context.newCDPSession(s.page));
    }
    expect(kept, 'V8 kept no compiled DuckDB code on the first visit').toBe(true);
    expect(firstVisit).not.toContain('wasm.Deserialize');
    await s.close();

    s = await openSession({ profile });
    stop = await traceWasm(await s.context.newCDPSession(s.page));
    await s.page.goto(server.url);
    await waitForNotebookRun(s.page);
    const events = await stop();
    expect(events).toContain('wasm.Deserialize');
    expect(s.requests.some((u) => /\/assets\/duckdb-coi-[^/]+\.wasm$/.test(u))).toBe(true);
    expect(await s.page.locator('[data-testid=cell-status]').first().innerText()).toMatch(
      /^24 rows/,
    );
  });
});
