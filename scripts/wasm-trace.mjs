/**
 * V8's WebAssembly trace events, read over the Chrome DevTools Protocol: `wasm.SerializeModule`
 * when V8 keeps a module's compiled code, `wasm.Deserialize` when it compiles a module from what
 * it kept. Events come from every thread of the renderer, DuckDB's workers included. Used by
 * the return-visit end-to-end test and the benchmark's return visit.
 */

/**
 * Starts tracing on `session`; the returned `stop` ends it and resolves to the names of the
 * `wasm.*` events recorded.
 * @param {import('playwright-core').CDPSession} session
 * @returns {Promise<() => Promise<string[]>>}
 */
export async function traceWasm(session) {
  /** @type {string[]} */
  const names = [];
  session.on('Tracing.dataCollected', (e) => {
    for (const event of /** @type {{ name?: string }[]} */ (e.value)) {
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

/**
 * Traces in short windows until V8 has kept a module's code (it does so once enough of the
 * module has been optimised, a little after the first queries), or gives up after `windows`.
 * `started`, a trace begun before the page loaded, is the first window. Resolves to every
 * `wasm.*` event seen and whether the code was kept.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<string[]>} started
 * @param {{ windows?: number, windowMs?: number }} [options]
 * @returns {Promise<{ kept: boolean, names: string[] }>}
 */
export async function waitForWasmKept(
  context,
  page,
  started,
  { windows = 30, windowMs = 2_000 } = {},
) {
  /** @type {string[]} */
  const names = [];
  let stop = started;
  for (let i = 0; i < windows; i++) {
    if (i > 0) stop = await traceWasm(await context.newCDPSession(page));
    await page.waitForTimeout(windowMs);
    const seen = await stop();
    names.push(...seen);
    if (seen.includes('wasm.SerializeModule')) return { kept: true, names };
  }
  return { kept: false, names };
}
