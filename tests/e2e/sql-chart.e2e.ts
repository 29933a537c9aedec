import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { typeAndRun, waitForNotebookRun } from './helpers';
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

/** The example's revenue-by-month cell: the first SQL cell that opens as a chart. */
let index = -1;
const monthly = () => s.page.locator('[data-testid=cell]').nth(index);

describe('SQL results as charts, in Chromium', () => {
  it("opens the example's revenue by month as a line chart", async () => {
    await s.page.getByTestId('sql-chart').first().waitFor({ timeout: 30_000 });
    index = await s.page
      .locator('[data-testid=cell]')
      .evaluateAll((els) => els.findIndex((e) => e.querySelector('[data-testid=sql-chart]')));
    const cell = monthly();
    // The query is folded away; the reader sees the chart first.
    expect(await cell.locator('.cm-editor').count()).toBe(0);
    const chart = cell.getByTestId('sql-chart');
    await expect.poll(() => chart.getAttribute('data-kind'), { timeout: 30_000 }).toBe('line');
    await cell.locator('[data-testid=chart][data-rendered=true]').waitFor();
    // One line through 24 monthly points, no table.
    const points = cell.locator('[data-testid=chart] svg .role-mark path');
    expect(await points.count()).toBeGreaterThan(20);
    expect(await cell.locator('table').count()).toBe(0);
    expect(await cell.getByTestId('chart-y').inputValue()).toBe('revenue');
  });

  it('takes a chart type and columns, and keeps them over a reload', async () => {
    const cell = monthly();
    await cell.getByTestId('chart-kind').selectOption('bar');
    await cell.getByTestId('chart-y').selectOption('orders');
    await expect.poll(() => cell.getByTestId('sql-chart').getAttribute('data-kind')).toBe('bar');
    await s.page.waitForTimeout(1500);
    await s.page.reload();
    await waitForNotebookRun(s.page);
    const again = monthly();
    await expect
      .poll(() => again.getByTestId('sql-chart').getAttribute('data-kind'), { timeout: 30_000 })
      .toBe('bar');
    expect(await again.getByTestId('chart-y').inputValue()).toBe('orders');
    await again.getByTestId('show-table').click();
    await expect.poll(() => again.locator('table').count()).toBeGreaterThan(0);
  });
});

describe('a SQL result as a pivot, in Chromium', () => {
  // Hand-worked: 华东 web 10.5 + 1.5 = 12, 门店 4; 华北 web 1, no channel 3; no region web 2.
  const FIXTURE = `SELECT * FROM (VALUES ('华东', 'web', 10.5), ('华东', '门店', 4), ('华北', 'web', 1),
  (NULL, 'web', 2), ('华北', NULL, 3), ('华东', 'web', 1.5)) t("地区 region", "渠道", amount)`;
  const texts = (cell: ReturnType<typeof monthly>) =>
    cell
      .getByTestId('pivot-table')
      .locator('tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())),
      );

  it('pivots rows by region and columns by channel, with totals, kept over a reload', async () => {
    const at = await s.page
      .locator('[data-testid=cell]')
      .evaluateAll((els) => els.findIndex((e) => e.textContent?.includes('buyers_before')));
    await typeAndRun(s.page, at, FIXTURE);
    const cell = s.page.locator('[data-testid=cell]').nth(at);
    await expect
      .poll(() => cell.getByTestId('cell-status').innerText(), { timeout: 30_000 })
      .toMatch(/^6 rows/);
    await cell.getByTestId('show-pivot').click();
    await cell.getByTestId('pivot-table').waitFor({ timeout: 30_000 });
    await cell.getByTestId('pivot-column').selectOption('渠道');
    const expected = [
      ['', '渠道', ''],
      ['地区 region', 'web', '门店', 'NULL', 'Total'],
      ['华东', '12', '4', '–', '16'],
      ['华北', '1', '–', '3', '4'],
      ['NULL', '2', '–', '–', '2'],
      ['Total', '15', '4', '3', '22'],
    ];
    await expect.poll(() => texts(cell), { timeout: 30_000 }).toEqual(expected);
    await cell.getByTestId('pivot-aggregate').selectOption('count');
    await expect
      .poll(() => texts(cell).then((rows) => rows.at(-1)))
      .toEqual(['Total', '4', '1', '1', '6']);
    await s.page.waitForTimeout(1500);
    await s.page.reload();
    await waitForNotebookRun(s.page);
    const again = s.page.locator('[data-testid=cell]').nth(at);
    await again.getByTestId('pivot-table').waitFor({ timeout: 30_000 });
    expect(await again.getByTestId('pivot-aggregate').inputValue()).toBe('count');
    expect(await again.getByTestId('pivot-column').inputValue()).toBe('渠道');
    await expect
      .poll(() => texts(again).then((rows) => rows[2]))
      .toEqual(['华东', '2', '1', '0', '3']);
  });
});

describe('the first screen, in Chromium', () => {
  it('shows a skeleton or the last outputs, never an empty notebook, then the headline figures', async () => {
    const fresh = await openSession();
    try {
      // Everything the page shows before the example has run, however briefly.
      await fresh.context.addInitScript(() => {
        const seen = new Set<string>();
        (window as unknown as { seen: Set<string> }).seen = seen;
        new MutationObserver(() => {
          for (const id of ['notebook-skeleton', 'empty-notebook', 'last-run-mark']) {
            if (document.querySelector(`[data-testid=${id}]`)) seen.add(id);
          }
        }).observe(document, { subtree: true, childList: true });
      });
      await fresh.page.goto(server.url);
      await waitForNotebookRun(fresh.page);
      // Before the example's cells run: a skeleton or the outputs it ships, never "This
      // notebook is empty".
      const seen = await fresh.page.evaluate(() => [
        ...(window as unknown as { seen: Set<string> }).seen,
      ]);
      expect(seen).not.toContain('empty-notebook');
      expect(seen.filter((id) => id !== 'empty-notebook').length).toBeGreaterThan(0);
      const kpis = fresh.page.getByTestId('kpi-row');
      await kpis.waitFor();
      const figures = await kpis.locator('dd').allInnerTexts();
      expect(figures).toHaveLength(4);
      // Customers who ordered, revenue, repeat rate, top-20% share: grouped and in percent.
      expect(figures[0]).toMatch(/^\d{1,3},\d{3}$/);
      expect(figures[2]).toMatch(/^\d+\.\d%$/);
      expect(figures[3]).toMatch(/^\d+\.\d%$/);
      // The quadrant and the tier shares are open without a click, their forms folded away so
      // the chart has the cell's width; the form comes back on a click, and folds again.
      await fresh.page.getByTestId('quadrant-panel').waitFor({ timeout: 30_000 });
      const quadrantCell = fresh.page
        .getByTestId('cell')
        .filter({ has: fresh.page.getByTestId('quadrant-panel') });
      expect(await quadrantCell.getByTestId('preset-form').count()).toBe(0);
      const cellWidth = (await quadrantCell.boundingBox())!.width;
      const panelWidth = (await quadrantCell.getByTestId('quadrant-panel').boundingBox())!.width;
      expect(panelWidth).toBeGreaterThan(cellWidth * 0.9);
      await quadrantCell.getByTestId('toggle-form').click();
      await quadrantCell.getByTestId('preset-form').waitFor();
      await quadrantCell.getByTestId('toggle-form').click();
      await expect.poll(() => quadrantCell.getByTestId('preset-form').count()).toBe(0);
      await fresh.page
        .locator('[data-testid=tab-shares][aria-selected=true]')
        .first()
        .waitFor({ timeout: 60_000 });
      await fresh.page.getByTestId('shares-panel').first().waitFor();
    } finally {
      await fresh.close();
    }
  });
});
