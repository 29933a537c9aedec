import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeNotebook } from '../../src/io/notebook-file';
import { openSession, type Session } from '../../tests/e2e/browser';
import { waitForNotebookRun, waitIdle } from '../../tests/e2e/helpers';
import { serveDist, type StaticServer } from '../../tests/e2e/static-server';
import { nodeWorkspace } from '../../tests/support/workspace';
import { main } from '../src/main';

/**
 * The bundle `seglab run` writes opens in the app in Chromium and, once approved, shows every
 * segmentation with its charts, from the tables the bundle carries.
 */
const SAMPLE = path.join(__dirname, '../../sample-data');
let work: string;
let bundle: Buffer;
let presets: string[];
let server: StaticServer;
let s: Session;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'seglab-e2e-'));
  const w = nodeWorkspace();
  try {
    await w.ws.start();
    await w.ws.runner.settled();
    const notebook = w.ws.notebook.notebook;
    presets = notebook.cells.flatMap((c) => (c.kind === 'preset' ? [c.name] : []));
    writeFileSync(path.join(work, 'example.seglab.json'), serializeNotebook(notebook));
  } finally {
    w.close();
  }
  const out = path.join(work, 'out');
  const file = path.join(work, 'example.seglab.json');
  expect(await main(['run', file, '--data', SAMPLE, '--out', out], () => {})).toBe(0);
  bundle = readFileSync(path.join(out, 'example.seglab'));
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a bundle from seglab run, in Chromium', () => {
  it('opens, runs when approved, and shows each segmentation with its charts', async () => {
    const { page } = s;
    await page.goto(server.url);
    await waitForNotebookRun(page);
    await page.getByTestId('bundle-input').setInputFiles({
      name: 'example.seglab',
      mimeType: 'application/zip',
      buffer: bundle,
    });
    // Opened for review: nothing runs until approved, then the banner goes.
    await page.getByTestId('review-banner').waitFor({ timeout: 30_000 });
    await page.getByTestId('approve-run').click();
    await expect.poll(() => page.getByTestId('review-banner').count()).toBe(0);
    expect(presets.length).toBeGreaterThan(2);
    const statuses = () => page.locator('[data-testid=cell-status]').allInnerTexts();
    for (const name of presets) {
      const done = new RegExp(`5,000 customers in \\d+ segments, queryable as ${name}`);
      await expect
        .poll(async () => (await statuses()).join('\n'), { timeout: 90_000 })
        .toMatch(done);
    }
    await waitIdle(page);
    // Each segmentation's open tab draws its chart from the bundle's tables.
    const charts = page.locator(
      '[data-testid=cell] [data-testid=chart] svg .mark-symbol, [data-testid=cell] [data-testid=chart] svg .mark-arc, [data-testid=cell] [data-testid=chart] svg .mark-rect',
    );
    await expect.poll(() => charts.count(), { timeout: 30_000 }).toBeGreaterThan(2);
    expect(await page.locator('[data-testid=needed-file]').count()).toBe(0);
  });
});
