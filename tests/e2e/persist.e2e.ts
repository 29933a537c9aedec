import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

const rows = Array.from({ length: 250 }, (_, i) => `C${String(i).padStart(5, '0')},${i * 2}`);
const LEADS = `customer_id,score\n${rows.join('\n')}\n`;

let server: StaticServer;
let profile: string;
let s: Session | null = null;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  profile = await mkdtemp(path.join(tmpdir(), 'seglab-persist-'));
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

async function start(): Promise<Session> {
  s = await openSession({ profile });
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
  return s;
}

describe('what this browser keeps, in Chromium', () => {
  it('keeps a dropped table across a reload', async () => {
    const { page } = await start();
    await dropFiles(page, [{ name: 'leads.csv', content: LEADS }]);
    await expect.poll(() => tableRow(page, 'leads').innerText()).toContain('250 rows');
    await page.getByTestId('local-notebooks').click();
    await expect.poll(() => page.getByTestId('kept-status').innerText()).toContain('1 table');
    await expect.poll(() => page.getByTestId('storage-usage').innerText()).toMatch(/used of/);
    await page.keyboard.press('Escape');
    await page.reload();
    await waitForNotebookRun(page);
    await expect.poll(() => tableRow(page, 'leads').innerText()).toContain('250 rows');
    expect(await page.locator('[data-testid=needed-file]').count()).toBe(0);
  });

  it('keeps it across a restart of the browser, and a notebook saved under a name', async () => {
    await s!.page.getByTestId('local-notebooks').click();
    await s!.page.getByTestId('save-name').fill('Lead scoring');
    await s!.page.getByTestId('save-local').click();
    await expect
      .poll(() => s!.page.getByTestId('saved-notebooks').innerText())
      .toContain('Lead scoring');
    await s!.close();
    const { page } = await start();
    await expect.poll(() => tableRow(page, 'leads').innerText()).toContain('250 rows');
    await page.getByTestId('local-notebooks').click();
    await expect.poll(() => page.getByTestId('saved-notebooks').innerText()).toContain('1 table');
  });

  it('forgets the data for good', async () => {
    const { page } = s!;
    await page.getByTestId('forget').click();
    await page.getByTestId('forget-confirm').click();
    await expect.poll(() => page.getByTestId('kept-status').innerText()).toContain('No data');
    await expect.poll(() => page.getByTestId('saved-notebooks').innerText()).toContain('0 table');
    await page.keyboard.press('Escape');
    await page.reload();
    await waitForNotebookRun(page);
    await expect
      .poll(() => page.locator('[data-testid=needed-file][data-file="leads.csv"]').count())
      .toBe(1);
    expect(await tableRow(page, 'leads').count()).toBe(0);
    const files = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('seglab');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('files').objectStore('files').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(files).toBe(0);
  });

  it('works in memory, saying so, where the browser refuses storage', async () => {
    const other = await openSession();
    try {
      const { page } = other;
      // As in private modes that refuse IndexedDB.
      await page.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined });
      });
      await page.goto(server.url);
      await waitForNotebookRun(page);
      await dropFiles(page, [{ name: 'leads.csv', content: LEADS }]);
      await expect.poll(() => tableRow(page, 'leads').innerText()).toContain('250 rows');
      await page.getByTestId('local-notebooks').click();
      await expect
        .poll(() => page.getByTestId('local-panel').innerText())
        .toContain('does not let SegLab keep data');
    } finally {
      await other.close();
    }
  });
});
