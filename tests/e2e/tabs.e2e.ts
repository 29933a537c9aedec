import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyNotebook } from '../../src/model/notebook';
import { shareFragment } from '../../src/io/share-link';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, typeAndRun, waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

const rows = Array.from({ length: 250 }, (_, i) => `C${String(i).padStart(5, '0')},${i * 2}`);
const LEADS = `customer_id,score\n${rows.join('\n')}\n`;
/** Far more than 40 MB of DuckDB memory: a sort of 3 million 100-character strings. */
const BIG =
  "SELECT count(*) FROM (SELECT repeat('x', 100) || range AS s FROM range(3000000) ORDER BY s)";

let server: StaticServer;
let profile: string;
let s: Session | null = null;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  profile = await mkdtemp(path.join(tmpdir(), 'seglab-tabs-'));
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

const sources = (page: Page) => page.locator('[data-testid=cell] .cm-content').allInnerTexts();

describe('two tabs on one notebook, in Chromium', () => {
  let a: Page;
  let b: Page;

  it('the second tab is read-only; the first keeps its edits and its stored file', async () => {
    s = await openSession({ profile });
    a = s.page;
    await a.goto(server.url);
    await waitForNotebookRun(a);
    await dropFiles(a, [{ name: 'leads.csv', content: LEADS }], 'new');
    await expect.poll(() => tableRow(a, 'leads').innerText()).toContain('250 rows');
    await a.getByRole('button', { name: '+ SQL' }).first().click();
    await typeAndRun(a, 0, 'SELECT count(*) AS n FROM leads');
    await waitIdle(a);
    await a.waitForTimeout(400); // the autosave's pause

    b = await s.context.newPage();
    await b.goto(server.url);
    await waitForNotebookRun(b);
    await expect
      .poll(() => b.getByTestId('tab-banner').innerText())
      .toContain('This notebook is open in another tab — read-only here.');
    expect(await b.locator('.work[inert]').count()).toBe(1);
    expect(await a.getByTestId('tab-banner').count()).toBe(0);
    await expect.poll(() => tableRow(b, 'leads').innerText()).toContain('250 rows');
    // Where a second tab's clean-up once deleted the first tab's file: a reload of it.
    await b.reload();
    await waitForNotebookRun(b);
    await b.getByTestId('tab-banner').waitFor();

    // The first tab's last cell, written just before a reload: the pagehide flush keeps it.
    await a.getByRole('button', { name: '+ SQL' }).last().click();
    await a.locator('[data-testid=cell]').nth(1).locator('.cm-content').click();
    await a.keyboard.insertText('SELECT 2 AS last_cell');
    await a.reload();
    await waitForNotebookRun(a);
    expect(await a.getByTestId('tab-banner').count()).toBe(0);
    expect(await sources(a)).toEqual(['SELECT count(*) AS n FROM leads', 'SELECT 2 AS last_cell']);
    await expect.poll(() => tableRow(a, 'leads').innerText()).toContain('250 rows');
  });

  it('Take over: the second tab gets the latest version, the first turns read-only', async () => {
    await b.getByTestId('take-over').click();
    await expect.poll(() => b.getByTestId('tab-banner').count()).toBe(0);
    await expect
      .poll(() => sources(b))
      .toEqual(['SELECT count(*) AS n FROM leads', 'SELECT 2 AS last_cell']);
    await expect.poll(() => a.getByTestId('tab-banner').count()).toBe(1);
    await b.close();
  });
});

describe('out of memory, in Chromium', () => {
  it('brings back every sample table after the engine restarts', async () => {
    await s?.close();
    s = await openSession();
    const { page } = s;
    await page.goto(server.url);
    await waitForNotebookRun(page);
    const before = await page.locator('[data-testid=table-list] li').allInnerTexts();
    expect(before.join('\n')).toMatch(/59,?541 rows/);
    await page.getByRole('button', { name: '+ SQL' }).last().dispatchEvent('click');
    const last = (await page.locator('[data-testid=cell]').count()) - 1;
    await typeAndRun(page, last, `SET memory_limit = '40MB';\n${BIG}`);
    await expect
      .poll(() => page.locator('.notices').innerText(), { timeout: 90_000 })
      .toMatch(/DuckDB ran out of memory and was restarted: 4 table/);
    expect(await page.locator('.notices').innerText()).not.toMatch(/Drop these files again/);
    for (const [table, count] of [
      ['customers', /5,?000 rows/],
      ['orders', /59,?541 rows/],
      ['interactions', /4,?778 rows/],
      ['campaigns', /12,?450 rows/],
    ] as const) {
      await expect.poll(() => tableRow(page, table).innerText()).toMatch(count);
    }
  });

  it('a notebook that runs out of memory while opening comes back for review', async () => {
    const { page } = s!;
    const notebook = emptyNotebook('Heavy');
    notebook.cells = [
      { id: 'limit', kind: 'sql', source: "SET memory_limit = '40MB'" },
      { id: 'big', kind: 'sql', source: BIG },
      { id: 'after', kind: 'sql', source: 'SELECT 42 AS answer' },
    ];
    await page.goto(server.url + shareFragment(notebook));
    await page.getByTestId('approve-run').click();
    await expect
      .poll(() => page.locator('.notices').innerText(), { timeout: 90_000 })
      .toMatch(/DuckDB ran out of memory and was restarted/);
    await waitIdle(page);
    // The autosave has it without review now: it runs on opening, and runs out of memory again.
    await page.reload();
    await page.getByTestId('review-banner').waitFor({ timeout: 90_000 });
    await expect
      .poll(() => page.locator('.notices').innerText(), { timeout: 90_000 })
      .toMatch(/ran out of memory while the notebook opened/);
    await waitIdle(page);
    // The cell that ran out of memory shows it; the one after it never ran.
    const cells = page.locator('[data-testid=cell]');
    await expect.poll(() => cells.nth(1).locator('[data-testid=cell-error]').count()).toBe(1);
    const ran = '[data-testid=cell-status], [data-testid=cell-error]';
    expect(await cells.nth(2).locator(ran).count()).toBe(0);
    // From then on it waits for Run: a reload runs nothing.
    await page.reload();
    await page.getByTestId('review-banner').waitFor({ timeout: 90_000 });
    await page.waitForSelector('[data-testid=engine-status][data-phase=ready]', {
      timeout: 90_000,
    });
    expect(await page.locator('[data-testid=cell-status]').count()).toBe(0);
  });
});
