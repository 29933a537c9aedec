import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notebook } from '../../src/model/notebook';
import { readShareFragment, shareFragment } from '../../src/io/share-link';
import { openSession, type Session } from './browser';
import { dropFiles, typeAndRun, waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

const TARGETS =
  'customer_id,target\nC00001,SECRET-TARGET-7\nC00002,other\nC00003,SECRET-TARGET-7\n';
const JOIN_SQL = `SELECT t.target, count(*) AS orders, round(sum(o.amount), 2) AS revenue
FROM orders o JOIN targets t USING (customer_id) GROUP BY 1 ORDER BY 1`;

let server: StaticServer;
let sender: Session;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  sender = await openSession();
});
afterAll(async () => {
  await sender?.close();
  await server?.close();
});

/** Texts that must come out the same on both sides: results and segment counts, not timings. */
async function results(s: Session) {
  const statuses = await s.page.locator('[data-testid=cell-status]').allInnerTexts();
  return {
    statuses: statuses.map((text) => text.replace(/ · \d+ ms$/, '')),
    segments: await s.page.locator('[data-testid=segment-count]').allInnerTexts(),
    joined: await s.page.locator('[data-testid=cell]').last().locator('tbody').innerText(),
  };
}

describe('share links, in Chromium', () => {
  let url = '';

  it('copies a link holding the notebook and none of the data', async () => {
    const { page, context } = sender;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(server.url);
    await waitForNotebookRun(page);
    await dropFiles(page, [{ name: 'targets.csv', content: TARGETS }]);
    await expect
      .poll(() => page.locator('[data-testid=table-list] li[data-table=targets]').innerText())
      .toContain('3 rows');
    await page.getByRole('button', { name: '+ SQL' }).last().dispatchEvent('click');
    const index = (await page.locator('[data-testid=cell]').count()) - 1;
    await typeAndRun(page, index, JOIN_SQL);
    await waitIdle(page);
    await page.getByTestId('share').click();
    const field = page.getByTestId('share-url');
    url = await field.inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/apps\/seglab\/#nb=1\.[A-Za-z0-9_-]+$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await expect.poll(() => page.getByTestId('share-popover').innerText()).toContain('copied');
    const shared = readShareFragment(url.slice(url.indexOf('#')));
    expect(JSON.stringify(shared)).not.toContain('SECRET-TARGET-7');
    expect(JSON.stringify(shared)).not.toContain('C00002');
    expect(shared.tables.find((t) => t.table === 'targets')).toEqual({
      table: 'targets',
      fileName: 'targets.csv',
      origin: 'file',
      columns: ['customer_id', 'target'],
    });
    expect(shared.tables.find((t) => t.table === 'orders')?.origin).toBe('sample');
  });

  it('opens in a fresh browser, asks for the file by name and columns, then shows the same results', async () => {
    const recipient = await openSession();
    try {
      const { page } = recipient;
      await page.goto(url);
      // Opened for review: nothing runs before the user says so.
      await page.getByTestId('review-banner').waitFor({ timeout: 90_000 });
      expect(page.url()).toBe(server.url); // the fragment goes once read
      const needed = page.locator('[data-testid=needed-file][data-file="targets.csv"]');
      await expect
        .poll(() => needed.innerText())
        .toContain('Expected columns: customer_id, target');
      const cells = page.locator('[data-testid=cell]');
      expect(
        await page.locator('[data-testid=cell-status], [data-testid=cell-error]').count(),
      ).toBe(0);
      await dropFiles(page, [{ name: 'targets.csv', content: TARGETS }]);
      // Then Run: the whole notebook runs, more than vitest's 1 s default poll on a loaded
      // 2-core machine.
      const rerun = { timeout: 30_000 };
      await expect.poll(() => needed.count(), rerun).toBe(0);
      await page.getByTestId('approve-run').click();
      await expect.poll(() => cells.last().locator('tbody tr').count(), rerun).toBe(2);
      await waitIdle(page);
      const theirs = await results(recipient);
      expect(theirs.joined).toMatch(/SECRET-TARGET-7/);
      expect(theirs).toEqual(await results(sender));
    } finally {
      await recipient.close();
    }
  });

  it('runs nothing that reads outside the tab when a crafted link tries to', async () => {
    const hits: string[] = [];
    const bait: Server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('secret,value\nkey,42\n');
    });
    await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    const address = bait.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const sql = (id: string, source: string) => ({ id, kind: 'sql' as const, source });
    const crafted: Notebook = {
      version: 1,
      title: 'Totally normal notebook',
      cells: [
        { id: 'm', kind: 'markdown', source: `# Hello\n\n![pixel](${base}/pixel.png)` },
        sql('a', `SELECT * FROM read_csv('${base}/secret.csv')`),
        sql('b', `SELECT * FROM '${base}/secret.csv'`),
        sql(
          'c',
          `SET autoload_known_extensions = true;\nSELECT * FROM read_parquet('${base}/x.parquet')`,
        ),
        sql('d', `INSTALL httpfs;\nLOAD httpfs;\nSELECT 1`),
        sql('e', `ATTACH '${base}/db.duckdb' AS remote`),
        sql('f', `COPY (SELECT 42 AS answer) TO '${base}/upload.csv'`),
        sql('g', `SET enable_external_access = true`),
        sql('h', `SELECT * FROM read_text('/etc/passwd')`),
      ],
      tables: [],
      mappings: [],
      asOf: '',
      present: { logo: `${base}/logo.png` },
    };
    const s = await openSession();
    try {
      await s.page.goto(server.url + shareFragment(crafted));
      await s.page.waitForSelector('[data-testid=engine-status][data-phase=ready]', {
        timeout: 90_000,
      });
      // Even when the user presses Run after the review.
      await s.page.getByTestId('approve-run').click();
      const errors = s.page.locator('[data-testid=cell-error]');
      await expect.poll(() => errors.count(), { timeout: 30_000 }).toBe(8);
      await waitIdle(s.page);
      const texts = await errors.allInnerTexts();
      // DuckDB's own refusal (the sandbox), not a network error the browser's CSP caused.
      const [a, b, c, d, e, f, g, h] = texts;
      for (const text of [a, b, e, f, h]) {
        expect(text).toMatch(/Permission Error: Cannot access file .* disabled by configuration/);
      }
      for (const text of [c, d]) expect(text).toMatch(/Loading external extensions is disabled/);
      expect(g).toMatch(/Cannot change enable_external_access/);
      await s.page.getByTestId('present').click();
      await expect
        .poll(() => s.page.getByTestId('present-title').innerText())
        .toBe('Totally normal notebook');
      expect(await s.page.getByTestId('present-logo').count()).toBe(0);
      await s.page.waitForTimeout(1000);
      expect(hits).toEqual([]);
      expect(s.requests.filter((u) => u.startsWith(base))).toEqual([]);
    } finally {
      await s.close();
      await new Promise((resolve) => bait.close(resolve));
    }
  });
});
