import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/**
 * Same notebook, same numbers: a notebook with every kind of cell in an awkward page order
 * (Combine above its inputs, churn risk above the Predict cell it reads) gives the same output
 * after Run all, after a reload, from a share link and from a bundle, each in a fresh browser.
 */

let server: StaticServer;
let s: Session;
beforeAll(async () => {
  server = await serveDist('dist');
  s = await openSession();
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

/**
 * Every cell's output, from the `data-digest` each cell carries (segment counts and revenue, a
 * SQL result's rows, the Predict cell's scores and parameters), read once the notebook has
 * settled: no cell running and the same digest on two reads a second apart. Reading right after
 * a change, before its run had started, recorded a half-run notebook.
 */
async function digest(page: Page, timeout = 180_000): Promise<string[]> {
  const read = () =>
    page
      .locator('[data-testid=cell]')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-status')} ${e.getAttribute('data-digest') ?? ''}`),
      );
  const until = Date.now() + timeout;
  let last = '';
  for (;;) {
    const now = await read();
    const text = JSON.stringify(now);
    // A cell not run yet (idle) is waiting for its turn, or for the review banner's Run.
    const busy = now.some((d) => d.startsWith('running') || d.startsWith('idle'));
    if (!busy && text === last) return now.map((d) => d.replace(/^\S+ /, ''));
    if (Date.now() > until) throw new Error(`the notebook did not settle: ${text}`);
    last = busy ? '' : text;
    await page.waitForTimeout(1000);
  }
}

async function addCell(page: Page, value: string): Promise<void> {
  const cells = page.locator('[data-testid=cell]');
  const before = await cells.count();
  await page.locator('[data-testid=add-segment]').last().selectOption(value);
  await expect.poll(() => cells.count()).toBe(before + 1);
  await waitIdle(page);
}

async function moveUp(page: Page, index: number, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page
      .locator('[data-testid=cell]')
      .nth(index - i)
      .getByRole('button', { name: 'Move up' })
      .click();
  }
}

// A whole notebook with a model fit runs again in each: minutes on a loaded 2-core machine.
const RUN_MS = 300_000;

describe('same notebook, same numbers', () => {
  let expected: string[] = [];

  it(
    'builds the notebook in an awkward order and records its output',
    async () => {
      const { page } = s;
      await addCell(page, 'churn-risk');
      await addCell(page, '__predict');
      await expect
        .poll(() => page.locator('[data-testid=predict-params]').count(), { timeout: 120_000 })
        .toBe(1);
      await addCell(page, 'combine');
      const cells = page.locator('[data-testid=cell]');
      const combine = cells.last();
      const risk = await cells
        .nth((await cells.count()) - 3)
        .getByTestId('result-name')
        .inputValue();
      const options = await combine
        .getByTestId('param-right')
        .locator('option')
        .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
      await combine.getByTestId('param-left').selectOption(risk);
      await combine.getByTestId('param-right').selectOption(options.find((o) => o !== risk)!);
      await waitIdle(page);
      const name = await combine.getByTestId('result-name').inputValue();
      // Combine goes to the top of the notebook, above every input it reads.
      await moveUp(page, (await cells.count()) - 1, (await cells.count()) - 1);
      await waitIdle(page);
      expect(await cells.first().getByTestId('result-name').inputValue()).toBe(name);
      expected = await digest(page);
      expect(expected.filter((d) => /Not scored/.test(d))).toEqual([]);
      expect(expected.filter((d) => d.startsWith('error'))).toEqual([]);
      expect(expected.filter((d) => d.startsWith('predict'))).toHaveLength(1);
    },
    RUN_MS,
  );

  it(
    'Run all gives the same output',
    async () => {
      await s.page.getByTestId('run-all').click();
      expect(await digest(s.page)).toEqual(expected);
    },
    RUN_MS,
  );

  it(
    'a reload gives the same output',
    async () => {
      await s.page.reload();
      await waitForNotebookRun(s.page);
      expect(await digest(s.page)).toEqual(expected);
    },
    RUN_MS,
  );

  it(
    'a share link opened in a fresh browser gives the same output',
    async () => {
      await s.page.getByTestId('share').click();
      const url = await s.page.getByTestId('share-url').inputValue();
      await s.page.keyboard.press('Escape');
      const other = await openSession();
      try {
        await other.page.goto(url);
        await other.page.getByTestId('approve-run').click({ timeout: 90_000 });
        expect(await digest(other.page)).toEqual(expected);
      } finally {
        await other.close();
      }
    },
    RUN_MS,
  );

  it(
    'a bundle opened in a fresh browser gives the same output',
    async () => {
      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.page.getByTestId('export-bundle').click(),
      ]);
      const bundle = await readFile(await download.path());
      const other = await openSession();
      try {
        await other.page.goto(server.url);
        await waitForNotebookRun(other.page);
        await other.page.getByTestId('bundle-input').setInputFiles({
          name: 'demo.seglab',
          mimeType: 'application/zip',
          buffer: bundle,
        });
        await other.page.getByTestId('approve-run').click({ timeout: 90_000 });
        expect(await digest(other.page)).toEqual(expected);
      } finally {
        await other.close();
      }
    },
    RUN_MS,
  );
});
