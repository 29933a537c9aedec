import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceWasm, waitForWasmKept } from '../../scripts/wasm-trace.mjs';
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

describe('a return visit, in Chromium', () => {
  it("compiles DuckDB from V8's code cache, not from scratch", async () => {
    s = await openSession({ profile });
    let stop = await traceWasm(await s.context.newCDPSession(s.page));
    await s.page.goto(`${server.url}?engine=threads`);
    await waitForNotebookRun(s.page);
    const first = await waitForWasmKept(s.context, s.page, stop);
    expect(first.kept, 'V8 kept no compiled DuckDB code on the first visit').toBe(true);
    expect(first.names).not.toContain('wasm.Deserialize');
    await s.close();

    s = await openSession({ profile });
    stop = await traceWasm(await s.context.newCDPSession(s.page));
    await s.page.goto(`${server.url}?engine=threads`);
    await waitForNotebookRun(s.page);
    const events = await stop();
    expect(events).toContain('wasm.Deserialize');
    expect(s.requests.some((u) => /\/assets\/duckdb-coi-[^/]+\.wasm$/.test(u))).toBe(true);
    const page = s.page;
    await expect
      .poll(() =>
        page
          .locator('[data-testid=cell-status]')
          .filter({ hasText: /^24 rows/ })
          .count(),
      )
      .toBe(1);
  });
});
