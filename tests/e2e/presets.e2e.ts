import { readFile } from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { tableRow, typeAndRun, waitForNotebookRun, waitIdle } from './helpers';
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

/** Segment -> customers, as the preset cell's summary shows them. */
async function counts(cell: Locator): Promise<Record<string, number>> {
  const rows = cell.locator('[data-testid=segment-summary] tbody tr');
  const out: Record<string, number> = {};
  for (const row of await rows.all()) {
    const segment = (await row.getAttribute('data-segment')) ?? '';
    const text = await row.locator('[data-testid=segment-count]').innerText();
    out[segment] = Number(text.replace(/[^\d]/g, ''));
  }
  return out;
}

const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

async function addPreset(id: string): Promise<Locator> {
  const cells = s.page.locator('[data-testid=cell]');
  const before = await cells.count();
  await s.page.locator('[data-testid=add-segment]').last().selectOption(id);
  await expect.poll(() => cells.count()).toBe(before + 1);
  const cell = cells.last();
  await expect
    .poll(() => cell.locator('[data-testid=segment-summary] tbody tr').count())
    .toBeGreaterThan(0);
  await waitIdle(s.page);
  return cell;
}

describe('segmentation presets on the sample data', () => {
  it('maps the sample tables to roles automatically', async () => {
    for (const [table, kind] of [
      ['orders', 'Orders'],
      ['customers', 'Customers'],
      ['interactions', 'Interactions'],
      ['campaigns', 'Campaigns'],
    ]) {
      expect(await tableRow(s.page, table!).locator('[data-testid=kind-badge]').innerText()).toBe(
        kind,
      );
    }
    await tableRow(s.page, 'orders').locator('button.toggle').click();
    const mapping = tableRow(s.page, 'orders').locator('[data-testid=role-mapping]');
    expect(await mapping.locator('select[data-role=orderDate]').inputValue()).toBe(
      'order_datetime',
    );
    expect(await mapping.locator('select[data-role=amount]').inputValue()).toBe('amount');
  });

  it.each([
    'rfm',
    'value-tiers',
    'lifecycle',
    'purchase-behaviour',
    'value-loyalty',
    'needs',
    'geography',
    'customer-type',
  ])('runs the %s preset, and Edit as SQL gives the same counts', async (id) => {
    const cell = await addPreset(id);
    const before = await counts(cell);
    expect(total(before)).toBe(5000);
    await cell.getByTestId('show-sql').click();
    const sql = await cell.getByTestId('preset-sql').innerText();
    expect(sql).toMatch(/customer_features/);
    const name = await cell.getByTestId('result-name').inputValue();
    await cell.getByTestId('edit-as-sql').click();
    const sqlCell = s.page.locator('[data-testid=cell]').last();
    await expect.poll(() => sqlCell.locator('.cm-content').count()).toBe(1);
    await expect
      .poll(() => sqlCell.locator('[data-testid=cell-status]').innerText())
      .toMatch(/^5,000 rows/);
    // Count per segment from the SQL cell's result, through its (unchanged) name.
    await s.page.getByRole('button', { name: '+ SQL' }).last().dispatchEvent('click');
    const index = (await s.page.locator('[data-testid=cell]').count()) - 1;
    await typeAndRun(
      s.page,
      index,
      `SELECT segment, count(*) AS n FROM ${name} GROUP BY ALL ORDER BY segment`,
    );
    const check = s.page.locator('[data-testid=cell]').nth(index);
    await expect.poll(() => check.locator('tbody tr').count()).toBe(Object.keys(before).length);
    const after: Record<string, number> = {};
    for (const row of await check.locator('tbody tr').all()) {
      const tds = await row.locator('td').allInnerTexts();
      after[tds[1]!] = Number(tds[2]);
    }
    expect(after).toEqual(before);
  });

  it('updates counts live when a parameter changes, and shows a readable error for a bad one', async () => {
    const cell = await addPreset('rfm');
    // Every control of the settings form stays inside it (the rule-table menu ran past it),
    // save those in a box that scrolls sideways (the rule table).
    const outside = await cell.getByTestId('preset-form').evaluate((form) => {
      const edge = form.getBoundingClientRect().right + 1;
      const scrolled = (el: Element) => {
        for (let p = el.parentElement; p && p !== form; p = p.parentElement) {
          if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
        }
        return false;
      };
      return [...form.querySelectorAll('input, select, button')]
        .filter((el) => el.getBoundingClientRect().right > edge && !scrolled(el))
        .map((el) => el.getAttribute('aria-label') ?? el.tagName);
    });
    expect(outside).toEqual([]);
    const five = await counts(cell);
    const bins = cell.getByLabel('Recency bins');
    await bins.fill('3');
    await expect
      .poll(async () => JSON.stringify(await counts(cell)))
      .not.toBe(JSON.stringify(five));
    expect(total(await counts(cell))).toBe(5000);
    await bins.fill('many');
    await expect.poll(() => cell.getByRole('alert').first().innerText()).toMatch(/number|whole/i);
    await bins.fill('5');
    await expect.poll(async () => JSON.stringify(await counts(cell))).toBe(JSON.stringify(five));
  });

  it('names segments in Chinese after switching the language', async () => {
    await s.page.getByTestId('lang').selectOption('zh-CN');
    const rows = s.page.locator(
      '[data-testid=segment-summary] tbody tr[data-segment="重要价值客户"]',
    );
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await s.page.getByTestId('lang').selectOption('en');
    const english = s.page.locator(
      '[data-testid=segment-summary] tbody tr[data-segment="Important value"]',
    );
    await expect.poll(() => english.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await waitIdle(s.page);
  });

  it('exports a segment list as CSV with features and strategy, safe for Excel', async () => {
    const cell = s.page.locator('[data-testid=cell]').last();
    const first = Object.keys(await counts(cell))[0]!;
    const strategy = cell.getByLabel(`Strategy: ${first}`);
    await strategy.fill('=HYPERLINK("http://evil") call them first');
    await strategy.blur();
    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      cell.getByRole('button', { name: 'CSV' }).click(),
    ]);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split(/\r?\n/);
    expect(lines[0]).toMatch(/^customer_id,segment,strategy,/);
    expect(lines).toHaveLength(5001);
    const mine = lines.filter((l) => l.includes(`,${first},`) || l.includes(`,"${first}",`));
    expect(mine.length).toBe((await counts(cell))[first]);
    expect(mine[0]).toContain(`'=HYPERLINK`);
    expect(s.errors).toEqual([]);
  });
});
