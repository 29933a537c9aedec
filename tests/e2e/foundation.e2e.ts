import { readFile } from 'node:fs/promises';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import {
  dropFiles,
  recordWorkerSql,
  tableRow,
  typeAndRun,
  waitForNotebookRun,
  waitIdle,
  workerSql,
} from './helpers';
import { serveDist, type StaticServer } from './static-server';

let server: StaticServer;
let s: Session;

beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
  await s.context.addInitScript(recordWorkerSql);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('foundation, in Chromium, served from a sub-path', () => {
  it('opens with the sample data loaded and the example notebook run', async () => {
    // The threaded build, asked for: the checks below are of its thread handling.
    await s.page.goto(`${server.url}?engine=threads`);
    await waitForNotebookRun(s.page);
    for (const [table, rows] of [
      ['customers', '5,000 rows'],
      ['orders', 'rows'],
      ['interactions', 'rows'],
      ['campaigns', 'rows'],
    ] as const) {
      await expect.poll(() => tableRow(s.page, table).innerText()).toContain(rows);
    }
    expect(await s.page.locator('[data-testid=engine-status]').innerText()).toContain(
      'multi-threaded',
    );
    // The example's revenue by month: 24 months of the sample.
    await expect
      .poll(() =>
        s.page
          .locator('[data-testid=cell-status]')
          .filter({ hasText: /^24 rows/ })
          .count(),
      )
      .toBe(1);
  });

  it('leaves out the warm-up on a first visit, where the sample data waits for the engine', async () => {
    // The warm-up (state/warm-up-pipeline.ts) only speeds up work that comes later; here the
    // sample's load is that work. Its first statement runs, its synthetic orders never load.
    const sent = await workerSql(s.page);
    expect(sent.filter((q) => q.includes('__seglab_warmup'))).toEqual([]);
    expect(sent.some((q) => /FROM read_csv\(/.test(q))).toBe(true);
  });

  it('runs the background data-quality checks on one thread and user work on all of them', async () => {
    // With threads, DuckDB's threads finish the tasks they hold after a cancel, so a check
    // cancelled for the user's work would hold that work back; on one thread it stops at once.
    const duplicateCheck = /SELECT DISTINCT \* FROM "orders"/;
    const setThreads = /^SET threads = /;
    // The check, and the threads set back after it.
    const checked = async () => {
      const sent = await workerSql(s.page);
      const check = sent.findIndex((q) => duplicateCheck.test(q));
      return check >= 0 && sent.slice(check).some((q) => setThreads.test(q));
    };
    await expect.poll(checked, { timeout: 30_000 }).toBe(true);
    const sent = await workerSql(s.page);
    const threadsBefore = (i: number) => sent.slice(0, i).findLast((q) => setThreads.test(q));
    const check = sent.findIndex((q) => duplicateCheck.test(q));
    expect(threadsBefore(check)).toBe('SET threads = 1');
    const restored = sent.slice(check).find((q) => setThreads.test(q));
    expect(restored).toMatch(/^SET threads = ([2-9]|\d\d)$/);
    // DuckDB opened with a thread per core (not its default of 4): nothing set its threads
    // before the first check, which read them and set them back.
    const cores = await s.page.evaluate(() => navigator.hardwareConcurrency);
    const first = sent.findIndex((q) => setThreads.test(q));
    expect(sent[first]).toBe('SET threads = 1');
    expect(sent.slice(first + 1).find((q) => setThreads.test(q))).toBe(
      `SET threads = ${Math.min(16, cores)}`,
    );
    // The example notebook's cells: with those threads, or with the ones set back after a check.
    const cells = sent.flatMap((q, i) =>
      /^CREATE OR REPLACE TABLE "__seglab_cell_/.test(q) ? [i] : [],
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const i of cells) {
      expect(threadsBefore(i) ?? 'as opened').toMatch(/^(as opened|SET threads = ([2-9]|\d\d))$/);
    }
  });

  it('runs a new SQL cell with Ctrl+Enter and shows its rows, paged', async () => {
    await s.page.getByRole('button', { name: '+ SQL' }).last().dispatchEvent('click');
    const cells = s.page.locator('[data-testid=cell]');
    const index = (await cells.count()) - 1;
    await typeAndRun(s.page, index, 'SELECT customer_id, amount FROM orders ORDER BY order_id');
    const cell = cells.nth(index);
    await expect.poll(() => cell.locator('[data-testid=cell-status]').innerText()).toMatch(/rows/);
    expect(await cell.locator('[data-testid=row-range]').innerText()).toMatch(/^Rows 1–100 of /);
    expect(await cell.locator('tbody tr').count()).toBe(100);
    await cell.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => cell.locator('[data-testid=row-range]').innerText())
      .toMatch(/^Rows 101–200/);
  });

  it('pages a million-row result without putting it all in the page', async () => {
    const cells = s.page.locator('[data-testid=cell]');
    const index = (await cells.count()) - 1;
    await typeAndRun(s.page, index, 'SELECT range AS i, range * 2 AS j FROM range(1000000)');
    const cell = cells.nth(index);
    await expect
      .poll(() => cell.locator('[data-testid=cell-status]').innerText(), { timeout: 60_000 })
      .toMatch(/^1,000,000 rows/);
    expect(await cell.locator('tbody tr').count()).toBe(100);
    await cell.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => cell.locator('tbody tr').first().locator('td').nth(1).innerText())
      .toBe('100');
    expect(await cell.locator('[data-testid=row-range]').innerText()).toBe(
      'Rows 101–200 of 1,000,000',
    );
  });

  it('shows a DuckDB error at the cell', async () => {
    const cells = s.page.locator('[data-testid=cell]');
    const index = (await cells.count()) - 1;
    await typeAndRun(s.page, index, 'SELECT no_such_column FROM orders');
    const error = cells.nth(index).locator('[data-testid=cell-error]');
    await expect.poll(() => error.innerText()).toMatch(/no_such_column/);
  });

  it('re-runs dependent cells when a named result changes', async () => {
    const cells = s.page.locator('[data-testid=cell]');
    // Narrow customer_rfm to one province; the tier summary below must follow.
    const rfmIndex = await cells.evaluateAll((els) =>
      els.findIndex((e) => e.querySelector('input')?.value === 'customer_rfm'),
    );
    expect(rfmIndex).toBeGreaterThan(0);
    const rfm = cells.nth(rfmIndex);
    const source = await rfm.locator('.cm-content').innerText();
    await typeAndRun(s.page, rfmIndex, `SELECT * FROM (${source}) WHERE province = '广东'`);
    await expect
      .poll(() => rfm.locator('[data-testid=cell-status]').innerText(), { timeout: 30_000 })
      .not.toMatch(/^5,000 rows/);
    const summary = cells.nth(rfmIndex + 2);
    await expect
      .poll(async () => {
        const sums = await summary.locator('tbody tr td:nth-child(3)').allInnerTexts();
        return sums.reduce((a, b) => a + Number(b), 0);
      })
      .toBeLessThan(5000);
  });

  it('reports a malformed file by name and keeps earlier tables and results', async () => {
    await waitIdle(s.page);
    const before = await s.page.locator('[data-testid=cell-status]').allInnerTexts();
    await dropFiles(s.page, [{ name: 'broken.parquet', content: 'this is not parquet' }]);
    const notice = s.page.locator('[data-testid=notice-error]').last();
    await expect.poll(() => notice.innerText()).toContain('broken.parquet');
    expect(await tableRow(s.page, 'orders').count()).toBe(1);
    expect(await s.page.locator('[data-testid=cell-status]').allInnerTexts()).toEqual(before);
    await dropFiles(s.page, [
      { name: 'extra customers.csv', content: 'id,name\n1,王芳\n2,Li Wei\n' },
      { name: 'scores.ndjson', content: '{"id":1,"score":0.5}\n{"id":2,"score":0.25}\n' },
      {
        name: 'visits.parquet',
        content: [
          ...new Uint8Array(
            parquetWriteBuffer({
              columnData: [
                { name: 'id', data: [1, 2, 3], type: 'INT32' },
                { name: 'page', data: ['home', null, '首页'], type: 'STRING' },
              ],
            }),
          ),
        ],
      },
    ]);
    await expect.poll(() => tableRow(s.page, 'visits').innerText()).toContain('3 rows');
    await expect.poll(() => tableRow(s.page, 'scores').innerText()).toContain('2 rows');
    await expect.poll(() => tableRow(s.page, 'extra_customers').innerText()).toContain('2 rows');
    const cells = s.page.locator('[data-testid=cell]');
    const index = (await cells.count()) - 1;
    await typeAndRun(
      s.page,
      index,
      'SELECT count(*) AS n FROM orders JOIN extra_customers ON true',
    );
    await expect
      .poll(() => cells.nth(index).locator('tbody td').nth(1).innerText())
      .toMatch(/^\d+$/);
  });

  it('renames a table from the side panel and refuses a taken name', async () => {
    const row = tableRow(s.page, 'extra_customers');
    await row.getByRole('button', { name: 'Rename table' }).click();
    const input = row.locator('input.rename');
    await input.fill('orders');
    await input.press('Enter');
    await expect.poll(() => row.getByRole('alert').innerText()).toContain('already exists');
    await input.fill('vip_list');
    await input.press('Enter');
    await expect.poll(() => tableRow(s.page, 'vip_list').count()).toBe(1);
    expect(await tableRow(s.page, 'extra_customers').count()).toBe(0);
  });

  it('completes table names in the SQL editor', async () => {
    const cells = s.page.locator('[data-testid=cell]');
    await cells.last().locator('.cm-content').click();
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.insertText('SELECT * FROM vip_');
    await s.page.keyboard.press('Control+Space');
    const option = s.page.locator('.cm-tooltip-autocomplete li', { hasText: 'vip_list' });
    await expect.poll(() => option.count()).toBeGreaterThan(0);
    await s.page.keyboard.press('Escape');
  });

  it('renders Markdown without running injected HTML', async () => {
    await s.page.getByRole('button', { name: '+ Text' }).last().dispatchEvent('click');
    const textarea = s.page.locator('textarea.source').last();
    await textarea.fill(
      '**safe** <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>',
    );
    const prose = s.page.locator('[data-testid=markdown]').last();
    await expect.poll(() => prose.innerText()).toContain('<img src=x');
    expect(await prose.locator('img, script').count()).toBe(0);
    expect(await prose.locator('strong').innerText()).toBe('safe');
    expect(
      await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
  });

  it('stops a long-running query', async () => {
    const cells = s.page.locator('[data-testid=cell]');
    const sqlIndex = await cells.evaluateAll((els) =>
      els.map((e) => Boolean(e.querySelector('.cm-content'))).lastIndexOf(true),
    );
    const cell = cells.nth(sqlIndex);
    // Seconds of work, not minutes: with threads, DuckDB's threads finish the task they hold
    // after a cancel, and with two test files sharing 2 cores that was this whole query (about
    // 50 s for 3e9 rows) before the next statement could run. Unstopped, it shows "1 row".
    await typeAndRun(
      s.page,
      sqlIndex,
      'SELECT count(*) FROM range(300000000) a WHERE hash(a.range) % 7 = 3',
    );
    await cell.getByRole('button', { name: 'Stop' }).click({ timeout: 10_000 });
    await expect.poll(() => cell.innerText(), { timeout: 30_000 }).toContain('Stopped.');
    await typeAndRun(s.page, sqlIndex, 'SELECT 42 AS answer');
    await expect.poll(() => cell.locator('tbody td').nth(1).innerText()).toBe('42');
  });

  it('saves the notebook as .seglab.json and opens it again', async () => {
    const title = s.page.getByLabel('Notebook title');
    await title.fill('Q4 review');
    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: 'Save notebook' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Q4 review.seglab.json');
    const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      format: string;
      cells: unknown[];
      tables: { table: string }[];
    };
    expect(saved.format).toBe('seglab-notebook');
    expect(saved.tables.map((t) => t.table)).toContain('orders');
    await title.fill('changed');
    await s.page.getByTestId('notebook-input').setInputFiles({
      name: 'Q4 review.seglab.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(saved)),
    });
    await expect.poll(() => title.inputValue()).toBe('Q4 review');
    await s.page.getByTestId('notebook-input').setInputFiles({
      name: 'junk.seglab.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"seglab-notebook","version":99,"cells":[]}'),
    });
    const notice = s.page.locator('[data-testid=notice-error]').last();
    await expect.poll(() => notice.innerText()).toContain('newer SegLab');
    expect(await title.inputValue()).toBe('Q4 review');
  });

  it('deletes a cell and brings it back with undo', async () => {
    const cells = s.page.locator('[data-testid=cell]');
    const count = await cells.count();
    await cells.last().hover();
    await cells.last().getByRole('button', { name: 'Delete cell' }).click();
    await expect.poll(() => cells.count()).toBe(count - 1);
    await s.page.getByTestId('undo-delete').click();
    await expect.poll(() => cells.count()).toBe(count);
  });

  it('restores the notebook after a reload, in the chosen language', async () => {
    await s.page.getByTestId('lang').selectOption('zh-CN');
    const sources = await s.page.locator('.cm-content').allInnerTexts();
    await s.page.waitForTimeout(400); // autosave is debounced
    await s.page.reload();
    await waitForNotebookRun(s.page);
    expect(await s.page.locator('.cm-content').allInnerTexts()).toEqual(sources);
    expect(await s.page.getByRole('button', { name: '全部运行' }).count()).toBe(1);
    await expect.poll(() => tableRow(s.page, 'orders').innerText()).toContain('行');
  });

  it('made no request to any other origin and logged no errors', () => {
    const origin = new URL(server.url).origin;
    const foreign = s.requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
    );
    expect(foreign).toEqual([]);
    expect(s.requests.length).toBeGreaterThan(5);
    expect(s.errors).toEqual([]);
  });
});
