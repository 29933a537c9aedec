import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, typeAndRun, waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

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

describe('foundation, in Chromium, served from a sub-path', () => {
  it('opens with the sample data loaded and the example notebook run', async () => {
    await s.page.goto(server.url);
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
    const firstResult = s.page.locator('[data-testid=cell-status]').first();
    expect(await firstResult.innerText()).toMatch(/^24 rows/);
  });

  it('runs a new SQL cell with Ctrl+Enter and shows its rows, paged', async () => {
    await s.page.getByRole('button', { name: '+ SQL' }).last().click({ force: true });
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
    const before = await s.page.locator('[data-testid=cell-status]').allInnerTexts();
    await dropFiles(s.page, [{ name: 'broken.parquet', content: 'this is not parquet' }]);
    const notice = s.page.locator('[data-testid=notice-error]').last();
    await expect.poll(() => notice.innerText()).toContain('broken.parquet');
    expect(await tableRow(s.page, 'orders').count()).toBe(1);
    expect(await s.page.locator('[data-testid=cell-status]').allInnerTexts()).toEqual(before);
    await dropFiles(s.page, [
      { name: 'extra customers.csv', content: 'id,name\n1,王芳\n2,Li Wei\n' },
    ]);
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
