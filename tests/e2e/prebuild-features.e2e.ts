import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { recordWorkerSql, tableRow, workerMessages } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/** An empty notebook (io/notebook-file.ts), so neither sample data nor example cells run. */
const EMPTY_NOTEBOOK = JSON.stringify({
  format: 'seglab-notebook',
  version: 1,
  title: 'prebuild',
  cells: [],
  tables: [],
  mappings: [],
  asOf: '',
});

/** Orders enough for the features table to take a second to build: the test acts meanwhile. */
const ORDERS = 1_000_000;

function ordersCsv(): string {
  const lines = ['order_id,customer_id,order_date,amount'];
  const day = Date.UTC(2023, 0, 1);
  for (let i = 0; i < ORDERS; i++) {
    const customer = (i * 7919) % 50_000;
    const date = new Date(day + Math.floor((i / ORDERS) * 730) * 86_400_000);
    lines.push(
      `O${i},C${customer},${date.toISOString().slice(0, 10)},${((i % 977) + 5).toFixed(2)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Starts the page on an empty notebook. */
function seedNotebook(seed: string): void {
  if (!localStorage.getItem('seglab.notebook')) localStorage.setItem('seglab.notebook', seed);
}

const messages = async (page: Session['page']) =>
  (await workerMessages(page)).map((m) => ({ type: m.type, sql: m.sql ?? '' }));

const FEATURES = /^CREATE OR REPLACE TABLE "customer_features"[^]*FROM "orders"/;

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seglab-prebuild-'));
  file = path.join(dir, 'orders.csv');
  await writeFile(file, ordersCsv());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Both bundles: with threads the build runs on one of them, so that the cancel is immediate.
describe.each([
  ['threaded', true],
  ['single-threaded', false],
])('the features table, built while the analyst chooses a segmentation (%s)', (_, isolated) => {
  let server: StaticServer;
  let s: Session;
  beforeAll(async () => {
    server = await serveDist('dist', { base: '/', isolated });
    s = await openSession();
    await s.context.addInitScript(seedNotebook, EMPTY_NOTEBOOK);
    await s.context.addInitScript(recordWorkerSql);
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it('starts after a drop, gives way to user work, and the preset then reuses it', async () => {
    const { page } = s;
    await page.goto(isolated ? `${server.url}?engine=threads` : server.url);
    await page.waitForSelector('[data-testid=engine-status][data-phase=ready]', {
      timeout: 90_000,
    });
    // A SQL cell, typed but not run yet: the user's work later.
    await page.locator('.insert button', { hasText: '+ SQL' }).last().click();
    const cell = page.locator('[data-testid=cell]').last();
    await cell.locator('.cm-content').click();
    await page.keyboard.insertText('SELECT 42 AS answer');

    await page.locator('[data-testid=file-input]').setInputFiles(file);
    await expect
      .poll(() => tableRow(page, 'orders').innerText(), { timeout: 60_000 })
      .toContain('1,000,000 rows');
    // Nobody asked for it: the background build starts, as a pending (cancellable) query.
    await expect
      .poll(async () => (await messages(page)).find((m) => FEATURES.test(m.sql))?.type, {
        timeout: 30_000,
        interval: 20,
      })
      .toBe('START_PENDING_QUERY');

    // The user's query cancels the build, runs, and the build runs again after it.
    await cell.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => cell.locator('[data-testid=cell-status]').innerText()).toMatch(/1 row/);
    expect(await cell.locator('tbody tr').first().innerText()).toContain('42');
    const order = async () => {
      const sent = await messages(page);
      const first = sent.findIndex((m) => FEATURES.test(m.sql));
      const cancel = sent.findIndex((m, i) => i > first && m.type === 'CANCEL_PENDING_QUERY');
      const user = sent.findIndex((m) => m.sql.includes('SELECT 42 AS answer'));
      const again = sent.findIndex((m, i) => i > user && FEATURES.test(m.sql));
      return { cancelBeforeUser: cancel > first && cancel < user, rebuilt: again > user };
    };
    await expect
      .poll(order, { timeout: 30_000 })
      .toEqual({ cancelBeforeUser: true, rebuilt: true });

    // Once that build has finished (the engine has moved on to other work), RFM reuses it.
    const finished = async () => {
      const sent = await messages(page);
      const last = sent.findLastIndex((m) => FEATURES.test(m.sql));
      return sent.slice(last + 1).some((m) => !/POLL|FETCH/.test(m.type));
    };
    await expect.poll(finished, { timeout: 60_000 }).toBe(true);
    await page.locator('[data-testid=add-segment]').last().selectOption('rfm');
    const rfm = page.locator('[data-testid=cell]').last();
    await expect
      .poll(() => rfm.locator('[data-testid=segment-count]').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    const builds = (await messages(page)).filter((m) => FEATURES.test(m.sql));
    expect(builds).toHaveLength(2);
    expect(s.errors).toEqual([]);
  });
});
