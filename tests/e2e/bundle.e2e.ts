import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, typeAndRun, waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

const VISITS = 'customer_id,visits\nC00001,3\nC00002,5\nC00003,-1\nC00004,8\n';
const SQL = 'SELECT count(*) AS n, sum(visits) AS total FROM visits';

let server: StaticServer;
let s: Session;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('.seglab bundles, in Chromium', () => {
  let bundle: Buffer;

  it('exports the notebook with the dropped table as Parquet', async () => {
    const { page } = s;
    await page.goto(server.url);
    await waitForNotebookRun(page);
    await dropFiles(page, [{ name: 'visits.csv', content: VISITS }]);
    await expect.poll(() => tableRow(page, 'visits').innerText()).toContain('4 rows');
    await page.getByLabel('Notebook title').fill('Visits review');
    await page.getByRole('button', { name: '+ SQL' }).last().dispatchEvent('click');
    const index = (await page.locator('[data-testid=cell]').count()) - 1;
    await typeAndRun(page, index, SQL);
    await waitIdle(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-bundle').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Visits review.seglab');
    bundle = await readFile(await download.path());
    const entries = unzipSync(new Uint8Array(bundle));
    expect(Object.keys(entries).sort()).toEqual([
      'manifest.json',
      'notebook.json',
      'tables/visits.parquet',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
    expect(manifest).toMatchObject({ format: 'seglab-bundle', version: 1 });
    expect(manifest.tables).toEqual([{ table: 'visits', file: 'tables/visits.parquet', rows: 4 }]);
    // Parquet, starting and ending with its magic bytes.
    const parquet = entries['tables/visits.parquet']!;
    expect(new TextDecoder().decode(parquet.subarray(0, 4))).toBe('PAR1');
    expect(new TextDecoder().decode(parquet.subarray(-4))).toBe('PAR1');
  });

  it('opens in a fresh browser with its data: same tables, same results', async () => {
    const other = await openSession();
    try {
      const { page } = other;
      await page.goto(server.url);
      await waitForNotebookRun(page);
      await page.getByTestId('bundle-input').setInputFiles({
        name: 'Visits review.seglab',
        mimeType: 'application/zip',
        buffer: bundle,
      });
      await expect.poll(() => page.getByLabel('Notebook title').inputValue()).toBe('Visits review');
      await expect.poll(() => tableRow(page, 'visits').innerText()).toContain('4 rows');
      // Opened for review: it runs when the user says so.
      await page.getByTestId('approve-run').click();
      const cell = page.locator('[data-testid=cell]').last();
      await expect.poll(() => cell.locator('tbody td').nth(1).innerText()).toBe('4');
      expect(await cell.locator('tbody td').nth(2).innerText()).toBe('15');
      expect(await page.locator('[data-testid=needed-file]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('says what is wrong with a damaged bundle or one from a newer SegLab', async () => {
    const { page } = s;
    const input = page.getByTestId('bundle-input');
    await input.setInputFiles({
      name: 'broken.seglab',
      mimeType: 'application/zip',
      buffer: bundle.subarray(0, 200),
    });
    const notice = page.locator('[data-testid=notice-error]').last();
    await expect.poll(() => notice.innerText()).toContain('broken.seglab');
    expect(await notice.innerText()).toContain('not a SegLab bundle');
    const { zipSync, strToU8 } = await import('fflate');
    const newer = zipSync({
      ...unzipSync(new Uint8Array(bundle)),
      'manifest.json': strToU8('{"format":"seglab-bundle","version":5,"createdWith":"SegLab 9"}'),
    });
    await input.setInputFiles({
      name: 'future.seglab',
      mimeType: 'application/zip',
      buffer: Buffer.from(newer),
    });
    await expect
      .poll(() => page.locator('[data-testid=notice-error]').last().innerText())
      .toContain('newer version of SegLab (version 5 (SegLab 9))');
    expect(await page.getByLabel('Notebook title').inputValue()).toBe('Visits review');
  });
});
