import { readFileSync } from 'node:fs';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

const CDNOW = path.join(__dirname, '../fixtures/cdnow');
const text = (name: string) => readFileSync(path.join(CDNOW, name), 'latin1');

let server: StaticServer;
let s: Session;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('own text exports and workbooks', () => {
  it('loads whitespace-separated and headerless files as they are, and reads them again', async () => {
    await dropFiles(s.page, [
      { name: 'CDNOW_master.txt', content: text('CDNOW_master.txt') },
      { name: 'CDNOW_sample.txt', content: text('CDNOW_sample.txt') },
    ]);
    const master = tableRow(s.page, 'cdnow_master');
    const sample = tableRow(s.page, 'cdnow_sample');
    // Counted by `wc -l` less the header line, and by the fixture's README.
    await expect.poll(() => master.innerText(), { timeout: 60_000 }).toContain('69,659 rows');
    await expect.poll(() => sample.innerText(), { timeout: 60_000 }).toContain('6,919 rows');
    await master.locator('button.toggle').click();
    expect(await master.locator('.columns li span').allInnerTexts()).toEqual([
      'customer_id',
      'date',
      'number_of_cds',
      'dollar_value',
    ]);
    await master.locator('[data-testid=read-options] summary').click();
    await master.getByTestId('read-header').selectOption('no');
    await master.getByTestId('read-apply').click();
    await expect.poll(() => master.innerText(), { timeout: 60_000 }).toContain('69,660 rows');
    expect(await master.locator('.columns li span').allInnerTexts()).toEqual([
      'column_1',
      'column_2',
      'column_3',
      'column_4',
    ]);
    await master.locator('[data-testid=read-options] summary').click();
    await master.getByTestId('read-header').selectOption('auto');
    await master.getByTestId('read-apply').click();
    await expect.poll(() => master.innerText(), { timeout: 60_000 }).toContain('69,659 rows');
    await master.locator('button.toggle').click();
  });

  it('reads a workbook of text cells in a worker and converts its numbers in one step', async () => {
    const header = ['Invoice', 'StockCode', 'Quantity', 'UnitPrice', 'CustomerID'];
    const rows = Array.from({ length: 2000 }, (_, i) => [
      i % 50 === 49 ? `C${536000 + i}` : String(536000 + i),
      String(85000 + (i % 50)),
      String((i % 12) + 1),
      ((i % 100) / 10 + 0.5).toFixed(2),
      String(17000 + (i % 300)),
    ]);
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet([header, ...rows]), 'Data');
    const data = write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    await s.page.evaluate(() => {
      const w = window as unknown as { __workers: string[]; Worker: typeof Worker };
      w.__workers = [];
      const Original = w.Worker;
      w.Worker = class extends Original {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          w.__workers.push(String(url));
        }
      };
    });
    await dropFiles(s.page, [{ name: 'retail.xlsx', content: [...new Uint8Array(data)] }]);
    const row = tableRow(s.page, 'retail');
    await expect.poll(() => row.innerText(), { timeout: 60_000 }).toContain('2,000 rows');
    const workers = await s.page.evaluate(
      () => (window as unknown as { __workers: string[] }).__workers,
    );
    expect(workers.some((u) => /excel\.worker/.test(u))).toBe(true);
    await expect
      .poll(() =>
        row
          .locator('[data-testid=suggestion]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-column'))),
      )
      .toEqual(['Quantity', 'UnitPrice']);
    await row.getByTestId('convert-all').click();
    await expect.poll(() => row.locator('[data-testid=cleaning-step]').count()).toBe(2);
    expect(await row.locator('[data-testid=suggestion]').count()).toBe(0);
    expect(s.errors).toEqual([]);
  });
});
