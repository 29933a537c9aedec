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
 * The bundles `seglab run` writes, opened in the production build in Chromium: the results-only
 * bundle (the default) shows every segmentation with its charts and asks for the data files
 * only for what needs them; the bundle `--with-data` writes runs on the tables it carries.
 */
const SAMPLE = path.join(__dirname, '../../sample-data');
let work: string;
let resultsOnly: Buffer;
let withData: Buffer;
/** Customers per segment of each segmentation, from the summary.json of the same run. */
let counts: Map<string, Record<string, number>>;
let presets: { id: string; name: string }[];
let server: StaticServer;
let s: Session;

const CHARTS = [
  '[data-testid=chart] svg .mark-symbol',
  '[data-testid=chart] svg .mark-arc',
  '[data-testid=chart] svg .mark-rect',
].join(', ');

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'seglab-e2e-'));
  const w = nodeWorkspace();
  try {
    await w.ws.start();
    await w.ws.runner.settled();
    const notebook = w.ws.notebook.notebook;
    presets = notebook.cells.flatMap((c) =>
      c.kind === 'preset' ? [{ id: c.id, name: c.name }] : [],
    );
    writeFileSync(path.join(work, 'example.seglab.json'), serializeNotebook(notebook));
  } finally {
    w.close();
  }
  const file = path.join(work, 'example.seglab.json');
  const out = path.join(work, 'out');
  expect(await main(['run', file, '--data', SAMPLE, '--out', out], () => {})).toBe(0);
  resultsOnly = readFileSync(path.join(out, 'example.seglab'));
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
    cells: { name: string; summary?: { segment: string; customers: number }[] }[];
  };
  counts = new Map(
    summary.cells.flatMap((c) =>
      c.summary
        ? [[c.name, Object.fromEntries(c.summary.map((r) => [r.segment, r.customers]))]]
        : [],
    ),
  );
  const full = path.join(work, 'full');
  expect(await main(['run', file, '--data', SAMPLE, '--out', full, '--with-data'], () => {})).toBe(
    0,
  );
  withData = readFileSync(path.join(full, 'example.seglab'));
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function openAndApprove(buffer: Buffer): Promise<void> {
  const { page } = s;
  await page.goto(server.url);
  await waitForNotebookRun(page);
  await page.getByTestId('bundle-input').setInputFiles({
    name: 'example.seglab',
    mimeType: 'application/zip',
    buffer,
  });
  // Opened for review: nothing runs until approved, then the banner goes.
  await page.getByTestId('review-banner').waitFor({ timeout: 30_000 });
  await page.getByTestId('approve-run').click();
  await expect.poll(() => page.getByTestId('review-banner').count()).toBe(0);
}

async function waitForSegmentations(): Promise<void> {
  const statuses = () => s.page.locator('[data-testid=cell-status]').allInnerTexts();
  expect(presets.length).toBeGreaterThan(2);
  for (const { name } of presets) {
    const done = new RegExp(`5,000 customers in \\d+ segments, queryable as ${name}`);
    await expect.poll(async () => (await statuses()).join('\n'), { timeout: 90_000 }).toMatch(done);
  }
  await waitIdle(s.page);
}

describe('bundles from seglab run, in Chromium', () => {
  it('opens the results-only bundle: each segmentation as summary.json counts it, with its charts', async () => {
    const { page } = s;
    s.errors.length = 0;
    await openAndApprove(resultsOnly);
    await waitForSegmentations();
    for (const { id, name } of presets) {
      const cell = page.locator(`[data-cell-id="${id}"]`);
      await cell.getByTestId('tab-segments').click();
      const rows = cell.locator('[data-testid=segment-summary] tbody tr');
      const shown: Record<string, number> = {};
      for (const row of await rows.all()) {
        const segment = (await row.getAttribute('data-segment')) ?? '';
        const text = await row.getByTestId('segment-count').innerText();
        shown[segment] = Number(text.replace(/\D/g, ''));
      }
      expect(shown, name).toEqual(counts.get(name));
      await cell.getByTestId('tab-shares').click();
      await expect.poll(() => cell.locator(CHARTS).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    // The data files are asked for, by name.
    const needed = await page
      .locator('[data-testid=needed-file]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    expect(needed.sort()).toEqual([
      'campaigns.csv',
      'customers.csv',
      'interactions.csv',
      'orders.csv',
    ]);
    // What needs the orders says which file to add, and where.
    const first = page.locator(`[data-cell-id="${presets[0]!.id}"]`);
    await first.getByTestId('tab-cohorts').click();
    await expect
      .poll(() => first.getByTestId('needs-orders').innerText())
      .toMatch(/Add orders\.csv \(table “orders”\) under “This notebook needs…” above/);
    // A tab that reads a table left out says which file.
    await first.getByTestId('tab-profiles').click();
    await expect
      .poll(() => first.innerText(), { timeout: 30_000 })
      .toMatch(/This reads table “customers”, whose file customers\.csv is not loaded/);
    expect(s.errors).toEqual([]);
  });

  it('opens the bundle with --with-data, runs it when approved, and asks for no file', async () => {
    // A fresh profile: the first opens the notebook kept from the test before.
    await s.close();
    s = await openSession();
    const { page } = s;
    await openAndApprove(withData);
    await waitForSegmentations();
    await expect
      .poll(() => page.locator(`[data-testid=cell] ${CHARTS}`).count(), { timeout: 30_000 })
      .toBeGreaterThan(2);
    expect(await page.locator('[data-testid=needed-file]').count()).toBe(0);
  });
});
