import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { tableRow, waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

let server: StaticServer;
let s: Session;
beforeAll(async () => {
  server = await serveDist('dist');
  s = await openSession();
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

/** The sample's orders grouped by category in JS: orders and spend in cents. */
function ordersByCategory(): Map<string, { orders: number; cents: number }> {
  const file = path.join(__dirname, '../../sample-data/orders.csv');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const [amount, category] = [header.indexOf('amount'), header.indexOf('category')];
  const out = new Map<string, { orders: number; cents: number }>();
  for (const line of lines.slice(1)) {
    // Quoted fields (a brand with a comma) come after category, so these split cleanly.
    const fields = line.split(',');
    const g = out.get(fields[category]!) ?? { orders: 0, cents: 0 };
    g.orders++;
    g.cents += Math.round(Number(fields[amount]) * 100);
    out.set(fields[category]!, g);
  }
  return out;
}

const number = (text: string) => Number(text.replace(/,/g, ''));

/** The pivot's body rows: the first cell's text and the last (the total), as numbers. */
async function pivotRows(scope: ReturnType<Session['page']['locator']>) {
  const rows = await scope
    .locator('[data-testid=pivot-table] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
    );
  return new Map(rows.map((cells) => [cells[0]!, number(cells.at(-1)!)]));
}

describe('a pivot of an input table, in Chromium', () => {
  it('groups the orders table by category as a GROUP BY in JS does, and keeps the choice', async () => {
    await tableRow(s.page, 'orders').getByTestId('open-table-pivot').click();
    const dialog = s.page.getByTestId('table-pivot');
    await dialog.waitFor();
    await dialog.getByTestId('pivot-row-0').selectOption('category');
    await dialog.getByTestId('pivot-column').selectOption('');
    await dialog.getByTestId('pivot-aggregate').selectOption('count');
    await dialog.getByTestId('pivot-value').selectOption('order_id');
    const expected = ordersByCategory();
    await expect
      .poll(async () => [...(await pivotRows(dialog)).entries()].sort(), { timeout: 30_000 })
      .toEqual([...expected.entries()].map(([c, g]) => [c, g.orders]).sort());

    await dialog.getByTestId('pivot-aggregate').selectOption('sum');
    await dialog.getByTestId('pivot-value').selectOption('amount');
    // Sums are shown to the yuan: within half a yuan of the exact sum in cents.
    await expect
      .poll(
        async () => {
          const shown = await pivotRows(dialog);
          return [...expected].every(
            ([c, g]) => Math.abs((shown.get(c) ?? NaN) - g.cents / 100) <= 0.5,
          );
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const totals = number(
      (await dialog.getByTestId('pivot-totals').locator('td').last().innerText()).trim(),
    );
    const all = [...expected.values()].reduce((n, g) => n + g.cents, 0) / 100;
    expect(Math.abs(totals - all)).toBeLessThanOrEqual(0.5);

    // Closed and opened again: the choices were saved with the table (notebook-file.test.ts
    // checks they are written to and read from the file).
    await dialog.getByTestId('table-pivot-close').click();
    await tableRow(s.page, 'orders').getByTestId('open-table-pivot').click();
    await expect.poll(() => dialog.getByTestId('pivot-value').inputValue()).toBe('amount');
    expect(await dialog.getByTestId('pivot-row-0').inputValue()).toBe('category');
    await dialog.getByTestId('table-pivot-close').click();
  });
});

describe("a pivot of a segmentation's result, in Chromium", () => {
  it('counts customers per segment as the summary does', async () => {
    const cell = s.page
      .locator('[data-testid=cell]')
      .filter({ has: s.page.getByTestId('tab-quadrant') })
      .first();
    await cell.getByTestId('tab-segments').click();
    const summary = new Map<string, number>();
    for (const row of await cell.locator('[data-testid=segment-summary] tbody tr').all()) {
      summary.set(
        (await row.getAttribute('data-segment'))!,
        number(await row.getByTestId('segment-count').innerText()),
      );
    }
    await cell.getByTestId('segments-pivot').click();
    await cell.getByTestId('pivot-row-0').selectOption('segment');
    await cell.getByTestId('pivot-column').selectOption('');
    await cell.getByTestId('pivot-aggregate').selectOption('count');
    await cell.getByTestId('pivot-value').selectOption('customer_id');
    await expect.poll(() => pivotRows(cell), { timeout: 30_000 }).toEqual(summary);
    await cell.getByTestId('segments-summary').click();
    await cell.locator('[data-testid=segment-summary]').waitFor();
  });
});
