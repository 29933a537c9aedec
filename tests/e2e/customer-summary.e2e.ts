import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { dropFiles, tableRow, waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/**
 * A customer summary instead of orders, the way an analyst whose warehouse aggregates would take
 * it: the summary query from the example's orders table, then New notebook, drop a summary CSV,
 * RFM without SQL; the tabs that need dated orders say so instead of failing.
 */

let server: StaticServer;
let profile: string;
let s: Session;

beforeAll(async () => {
  server = await serveDist('dist');
  profile = await mkdtemp(path.join(tmpdir(), 'seglab-summary-'));
  s = await openSession({ profile });
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

/** 40 customers, one row each: spend and orders rise with the id, last purchases spread out. */
function summaryCsv(): string {
  const lines = ['customer_id,last_order_date,order_count,total_spent,first_order_date,province'];
  for (let i = 1; i <= 40; i++) {
    const last = new Date(Date.UTC(2024, 5, 30) - ((i * 37) % 300) * 86_400_000);
    const first = new Date(last.getTime() - (i % 7) * 30 * 86_400_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const orders = 1 + (i % 7);
    lines.push(
      `K${String(i).padStart(3, '0')},${day(last)},${orders},${(i * 13.5).toFixed(2)},${day(first)},${i % 2 ? '浙江' : '广东'}`,
    );
  }
  return lines.join('\n') + '\n';
}

describe('a customer summary as the input', () => {
  it('the orders table offers its summary query', async () => {
    const row = tableRow(s.page, 'orders');
    await row.locator('button.toggle').click();
    await row.getByTestId('summary-query').click();
    const sql = await s.page.getByTestId('summary-query-sql').innerText();
    expect(sql).toContain('AS order_count');
    expect(sql).toContain('AS total_spend');
    expect(sql).toContain('FROM "orders"');
    await s.page.keyboard.press('Escape');
    await s.page.getByTestId('summary-query-dialog').waitFor({ state: 'detached' });
    await row.locator('button.toggle').click();
  });

  it('maps a dropped summary without SQL, segments it with RFM, and Migration asks for orders', async () => {
    const page = s.page;
    await page.getByTestId('new-notebook').click();
    await page.getByTestId('empty-notebook').waitFor();
    await dropFiles(page, [{ name: 'customer_summary.csv', content: summaryCsv() }]);
    const row = tableRow(page, 'customer_summary');
    await row.waitFor({ timeout: 60_000 });
    await row.locator('button.toggle').click();
    await expect.poll(() => row.getByTestId('table-kind').inputValue()).toBe('summary');
    const role = (r: string) => row.locator(`select[data-role=${r}]`).inputValue();
    expect(await role('customerId')).toBe('customer_id');
    expect(await role('lastOrderDate')).toBe('last_order_date');
    expect(await role('orderCount')).toBe('order_count');
    expect(await role('totalSpend')).toBe('total_spent');
    expect(await role('firstOrderDate')).toBe('first_order_date');

    const cells = page.locator('[data-testid=cell]');
    const before = await cells.count();
    await page.locator('[data-testid=add-segment]').last().selectOption('rfm');
    await expect.poll(() => cells.count()).toBe(before + 1);
    const cell = cells.nth(before);
    const done = cell.locator('[data-testid=segment-summary] tbody tr, [data-testid=cell-error]');
    await expect.poll(() => done.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await waitIdle(page);
    expect(await cell.getByTestId('cell-error').count()).toBe(0);
    let customers = 0;
    const rows = await cell.locator('[data-testid=segment-summary] tbody tr').all();
    for (const r of rows) {
      customers += Number(
        (await r.locator('[data-testid=segment-count]').innerText()).replace(/[^\d]/g, ''),
      );
    }
    expect(rows.length).toBeGreaterThan(1);
    expect(customers).toBe(40);

    await cell.getByTestId('tab-migration').click();
    const note = cell.getByTestId('needs-orders');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/Migration needs an orders table/);
    await cell.getByTestId('tab-backtest').click();
    expect(await cell.getByTestId('needs-orders').innerText()).toMatch(
      /backtest needs an orders table/,
    );
    await cell.getByTestId('tab-scorecard').click();
    await cell
      .getByTestId('scorecard-panel')
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    expect(await cell.getByTestId('needs-orders').count()).toBe(0);

    const n = await cells.count();
    await page.locator('[data-testid=add-segment]').last().selectOption('__predict');
    const predict = cells.nth(n);
    expect(await predict.getByTestId('needs-orders').innerText()).toMatch(
      /Predict needs an orders table/,
    );
    await waitIdle(page);
    expect(await predict.getByTestId('cell-error').count()).toBe(0);
    expect(await predict.getByTestId('run-cell').isDisabled()).toBe(true);
  });
});
