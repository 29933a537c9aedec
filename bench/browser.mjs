/**
 * A fresh headless Chromium profile per measurement (a JS twin of tests/e2e/browser.ts), plus
 * the peak resident memory of its renderer processes, read from /proc: the page, its DuckDB
 * worker (and pthreads), WASM memory and JS heaps all live in the renderer.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** pid -> { ppid, cmdline } for every process we can read. */
async function processTable() {
  const table = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      table.set(Number(entry), { ppid, cmdline });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

async function statusKb(pid, field) {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

/** The browser started with this profile directory and all its descendants. */
async function browserTree(profileDir) {
  const table = await processTable();
  const root = [...table].find(
    ([, p]) =>
      p.cmdline.includes(`--user-data-dir=${profileDir}`) && !p.cmdline.includes('--type='),
  )?.[0];
  if (root === undefined) return { table, pids: [] };
  const children = (pid) => [...table].filter(([, p]) => p.ppid === pid).map(([c]) => c);
  const pids = [];
  for (let queue = [root]; queue.length > 0;) {
    const pid = queue.shift();
    pids.push(pid);
    queue.push(...children(pid));
  }
  return { table, pids };
}

async function rendererPids(profileDir) {
  const { table, pids } = await browserTree(profileDir);
  return pids.filter((pid) => table.get(pid).cmdline.includes('--type=renderer'));
}

/**
 * A fresh browser profile, recording page errors. With `profile`, that profile directory is used
 * and kept on close, so a return visit can start the browser again on it.
 */
export async function openSession({ profile } = {}) {
  const dir = profile ?? (await mkdtemp(path.join(tmpdir(), 'seglab-bench-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
  });
  const errors = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    rendererPids: () => rendererPids(dir),
    /** Largest peak RSS (VmHWM) among these processes, in bytes. */
    async peakRss(pids) {
      const peaks = await Promise.all(pids.map((p) => statusKb(p, 'VmHWM')));
      return Math.max(0, ...peaks) * 1024;
    },
    /** Closes the browser; one that has not exited after 20 s (seen under load) is killed. */
    async close() {
      const { pids } = await browserTree(dir);
      const closed = context.close().then(
        () => true,
        () => false,
      );
      const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 20_000).unref());
      await Promise.race([closed, timeout]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      if (!profile) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Samples the page's JS heap (CDP Performance.getMetrics, main thread) and the renderer's peak
 * RSS (/proc VmHWM: page, DuckDB worker and its WASM memory) until stopped; keeps the peaks.
 * Sampling keeps the last reading even if the tab crashes later.
 */
export async function memorySampler(s) {
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('Performance.enable');
  const peak = { jsHeapPeak: 0, rendererPeakRss: 0 };
  let pids = [];
  let stopped = false;
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      if (i % 10 === 0) pids = await s.rendererPids();
      const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      peak.jsHeapPeak = Math.max(peak.jsHeapPeak, used);
      peak.rendererPeakRss = Math.max(peak.rendererPeakRss, await s.peakRss(pids));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return peak;
  };
}
