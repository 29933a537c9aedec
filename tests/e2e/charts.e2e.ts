import { readFile } from 'node:fs/promises';
import { read, utils } from '@e965/xlsx';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { recordWorkerSql, waitForNotebookRun, waitIdle, workerSql } from './helpers';
import { serveDist, type StaticServer } from './static-server';

let server: StaticServer;
let s: Session;
let cell: Locator;

beforeAll(async () => {
  server = await serveDist('dist');
  s = await openSession();
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
  await s.page.locator('[data-testid=add-segment]').last().selectOption('value-loyalty');
  cell = s.page.locator('[data-testid=cell]').last();
  await cell.locator('[data-testid=segment-summary] tbody tr').first().waitFor({ timeout: 60_000 });
  await waitIdle(s.page);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

/** Marks Vega drew in a tab's charts (SVG paths, symbols, rects), once every chart has rendered. */
async function marks(tab: Locator): Promise<number[]> {
  const charts = tab.locator('[data-testid=chart]');
  await expect.poll(() => charts.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect
    .poll(
      () =>
        charts.evaluateAll((els) =>
          els.every((e) => (e as HTMLElement).dataset.rendered === 'true'),
        ),
      {
        timeout: 30_000,
      },
    )
    .toBe(true);
  return charts.evaluateAll((els) =>
    els.map(
      (e) =>
        e.querySelectorAll(
          'svg .mark-symbol path, svg .mark-rect path, svg .mark-arc path, svg .mark-line path, svg .mark-area path',
        ).length,
    ),
  );
}

async function customersOf(segment: string): Promise<number> {
  const row = cell.locator(`[data-testid=segment-summary] tbody tr[data-segment="${segment}"]`);
  return Number(
    (await row.locator('[data-testid=segment-count]').innerText()).replace(/[^\d]/g, ''),
  );
}

describe('charts and evaluation on the sample data', () => {
  it.each(['quadrant', 'shares', 'scorecard', 'geography', 'campaigns', 'backtest', 'migration'])(
    'the %s tab renders with data',
    async (tab) => {
      await cell.getByTestId(`tab-${tab}`).click();
      const panel = cell.getByTestId(`${tab}-panel`);
      await expect.poll(() => panel.count()).toBe(1);
      if (tab === 'migration') await panel.getByTestId('run-migration').click();
      if (tab === 'backtest') {
        await expect
          .poll(() => panel.getByTestId('backtest-table').locator('tbody tr').count(), {
            timeout: 30_000,
          })
          .toBeGreaterThan(2);
        // Money as elsewhere (whole from 100 up), ratios with two decimals, shares in percent;
        // each segmentation by its name as the reader knows it, its result name beside it.
        const total = panel.locator('[data-testid=backtest-table] tr.total td');
        const [customers, retention, orders, revenue, lift] = await total.allInnerTexts();
        expect(customers).toMatch(/^\d{1,3}(,\d{3})*$/);
        expect(retention).toMatch(/^\d+\.\d%$/);
        expect(orders).toMatch(/^\d+\.\d\d$/);
        expect(revenue).toMatch(/^\d{1,3}(,\d{3})*$/);
        expect(lift).toBe('1.00×');
        const separation = panel.getByTestId('backtest-separation').locator('tbody tr').first();
        expect(await separation.locator('th').innerText()).toMatch(/^Value × loyalty matrix\s/);
        for (const share of await separation.locator('td').allInnerTexts()) {
          expect(share).toMatch(/^\d+\.\d%$/);
        }
        return;
      }
      const counts = await marks(panel);
      for (const n of counts) expect(n).toBeGreaterThan(0);
      expect(await panel.getByRole('alert').count()).toBe(0);
    },
  );

  it('the profiles tab describes every segment in a line and draws the heatmap', async () => {
    await cell.getByTestId('tab-segments').click();
    const segments = await cell.locator('[data-testid=segment-summary] tbody tr').count();
    expect(segments).toBeGreaterThan(2);
    await cell.getByTestId('tab-profiles').click();
    const panel = cell.getByTestId('profiles-panel');
    const lines = panel.getByTestId('profile-description');
    await expect.poll(() => lines.count(), { timeout: 30_000 }).toBe(segments);
    for (const text of await lines.allInnerTexts()) {
      // name, customers, and a description of at least one trait
      expect(text).toMatch(/^.+\s[\d,]+ customers\s+[A-Z][a-z].{8,}$/);
    }
    // The sample's prospects are told apart by having no order yet.
    expect(await lines.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('Mostly prospects with no order yet')]),
    );
    const [cells] = await marks(panel);
    expect(cells).toBeGreaterThan(segments * 5);
    expect(await panel.getByTestId('profile-table').locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await panel.getByRole('alert').count()).toBe(0);

    // The segmentation's Excel export carries the profile as a second sheet.
    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      cell.getByRole('button', { name: 'Excel' }).click(),
    ]);
    const book = read(await readFile(await download.path()), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Segments', 'Profiles']);
    const profile = utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Profiles!);
    expect(new Set(profile.map((r) => r.segment)).size).toBe(segments);
    expect(profile[0]).toMatchObject({ feature: expect.any(String), rank: 1 });
    expect(String(profile[0]!.description)).toBe(
      (await lines.first().locator('.text').innerText()).trim(),
    );
  });

  it('moves customers between quadrants when a threshold changes', async () => {
    await cell.getByTestId('tab-quadrant').click();
    const panel = cell.getByTestId('quadrant-panel');
    await marks(panel);
    await cell.getByTestId('tab-segments').click();
    const core = cell.locator('[data-testid=segment-summary] tbody tr').first();
    const coreName = (await core.getAttribute('data-segment'))!;
    const before = await customersOf(coreName);
    await cell.getByTestId('tab-quadrant').click();
    await marks(panel);
    await expect.poll(() => panel.getByTestId('value-cut').inputValue()).not.toBe('');
    await panel.getByTestId('value-cut').fill('20000');
    await panel.getByTestId('loyalty-cut').fill('20');
    await panel.getByTestId('loyalty-cut').press('Enter');
    await cell.getByTestId('tab-segments').click();
    await expect.poll(() => customersOf(coreName), { timeout: 20_000 }).not.toBe(before);
    const counts = await cell.getByTestId('segment-count').allInnerTexts();
    expect(counts.reduce((a, b) => a + Number(b.replace(/,/g, '')), 0)).toBe(5000);
    expect(await cell.getByLabel('Split each axis at').inputValue()).toBe('custom');
  });

  it('redraws the quadrant once, in place, with the new result, when the segmentation re-runs', async () => {
    await cell.getByTestId('tab-quadrant').click();
    const panel = cell.getByTestId('quadrant-panel');
    await marks(panel);
    await waitIdle(s.page);
    const cut = await panel.getByTestId('value-cut').inputValue();
    const chart = panel.getByTestId('chart');
    const drawsBefore = Number(await chart.getAttribute('data-draws'));
    const corners = () => chart.locator('svg .mark-text text').allTextContents();
    const cornersBefore = await corners();
    expect(cornersBefore.join(' ')).toMatch(/Customers \d/);
    // A chart built again would put a new <svg> in; updated in place, it keeps its own.
    await panel.evaluate((el) => {
      const w = window as unknown as { newSvgs: number };
      w.newSvgs = 0;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes) if (n.nodeName === 'svg') w.newSvgs++;
      }).observe(el, { childList: true, subtree: true });
    });
    // The statements sent to DuckDB's worker from here on.
    await s.page.evaluate(recordWorkerSql);
    await cell.getByLabel('Split each axis at').selectOption('median');
    await expect
      .poll(() => panel.getByTestId('value-cut').inputValue(), { timeout: 20_000 })
      .not.toBe(cut);
    await waitIdle(s.page);
    await marks(panel);
    await s.page.waitForTimeout(500);
    expect(Number(await chart.getAttribute('data-draws'))).toBe(drawsBefore + 1);
    expect(await s.page.evaluate(() => (window as unknown as { newSvgs: number }).newSvgs)).toBe(0);
    // The corners show the new quadrants' shares.
    expect(await corners()).not.toEqual(cornersBefore);
    // The chart's query went to DuckDB right after the table was made, before the cell's own
    // count and summary.
    const sent = await workerSql(s.page);
    const first = (pattern: RegExp) => sent.findIndex((sql) => pattern.test(sql));
    const made = first(/^CREATE OR REPLACE TABLE "__seglab_cell_/);
    const quadrant = first(/\bunclamped AS\b/);
    const summary = first(/AS revenue_share/);
    expect(made).toBeGreaterThanOrEqual(0);
    expect(quadrant).toBeGreaterThan(made);
    expect(summary).toBeGreaterThan(quadrant);
  });

  it('shows a threshold edit counted at once, before the re-run, and the re-run agrees', async () => {
    await cell.getByTestId('tab-quadrant').click();
    const panel = cell.getByTestId('quadrant-panel');
    await marks(panel);
    // Idle: the quadrant's customers, fetched after the chart, are in.
    await waitIdle(s.page);
    const before = await panel.getAttribute('data-counts');
    // Every change of the panel's counts, and whether the cell's re-run had started.
    await panel.evaluate((el) => {
      const w = window as unknown as { seen: { counts: string; busy: boolean }[] };
      w.seen = [];
      const cellEl = el.closest('[data-testid=cell]')!;
      new MutationObserver(() => {
        const counts = el.getAttribute('data-counts') ?? '';
        const busy = Boolean(cellEl.querySelector('[data-testid=cell-status] .spinner'));
        const last = w.seen.at(-1);
        if (!last || last.counts !== counts || last.busy !== busy) w.seen.push({ counts, busy });
      }).observe(cellEl, { subtree: true, childList: true, attributes: true });
    });
    const seen = () =>
      s.page.evaluate(
        () => (window as unknown as { seen: { counts: string; busy: boolean }[] }).seen,
      );
    const cut = Number(await panel.getByTestId('value-cut').inputValue());
    await panel.getByTestId('value-cut').fill(String(Math.round(cut * 3 + 1)));
    await panel.getByTestId('value-cut').press('Enter');
    // The re-run started and ended.
    await expect
      .poll(
        async () => {
          const list = await seen();
          const busy = list.findIndex((e) => e.busy);
          return busy >= 0 && list.slice(busy).some((e) => !e.busy);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await waitIdle(s.page);
    const list = await seen();
    const counted = list.findIndex((e) => e.counts !== before);
    expect(counted).toBeGreaterThanOrEqual(0);
    expect(list[counted]!.busy).toBe(false);
    expect(counted).toBeLessThan(list.findIndex((e) => e.busy));
    // DuckDB's quadrant, once the preset has re-run, has the same counts as the JS one.
    expect(await panel.getAttribute('data-counts')).toBe(list[counted]!.counts);
    expect(list[counted]!.counts).toMatch(/=\d+/);
  });

  it('downloads a chart as PNG and as SVG', async () => {
    await cell.getByTestId('tab-shares').click();
    const panel = cell.getByTestId('shares-panel');
    await marks(panel);
    const [png] = await Promise.all([
      s.page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download PNG' }).first().click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/_shares\.png$/);
    const bytes = await readFile(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(5000);
    const [svg] = await Promise.all([
      s.page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download SVG' }).first().click(),
    ]);
    const text = await readFile(await svg.path(), 'utf8');
    expect(text).toMatch(/^<svg/);
    expect(text).toContain('</svg>');
  });

  it('draws the Cohorts heatmap, and a segment has smaller cohorts than all customers', async () => {
    await cell.getByTestId('tab-cohorts').click();
    const panel = cell.getByTestId('cohorts-panel');
    await marks(panel);
    const cells = await panel.locator('svg g.mark-rect.role-mark path').count();
    const table = panel.getByTestId('cohort-table');
    const sizes = async () =>
      (await table.locator('tbody tr td:first-of-type').allInnerTexts()).map((t) =>
        Number(t.replace(/[^\d]/g, '')),
      );
    const all = await sizes();
    // Two years of monthly cohorts: a triangle of 24 × 25 / 2 cells.
    expect(all).toHaveLength(24);
    expect(cells).toBe((24 * 25) / 2);
    const everyone = all.reduce((a, b) => a + b, 0);
    expect(everyone).toBeGreaterThan(1000);
    const choice = panel.getByTestId('cohort-segment');
    const segment = (await choice.locator('option').allTextContents())[1]!;
    await choice.selectOption(segment);
    await expect
      .poll(async () => (await sizes()).reduce((a, b) => a + b, 0), { timeout: 30_000 })
      .not.toBe(everyone);
    const some = (await sizes()).reduce((a, b) => a + b, 0);
    expect(some).toBeGreaterThan(0);
    expect(await panel.getByRole('alert').count()).toBe(0);
    await cell.getByTestId('tab-segments').click();
    expect(some).toBeLessThanOrEqual(await customersOf(segment));
  });

  it('keeps the Cohorts period, measure and segment across a reload', async () => {
    await cell.getByTestId('tab-cohorts').click();
    const panel = cell.getByTestId('cohorts-panel');
    const choice = panel.getByTestId('cohort-segment');
    const segment = (await choice.locator('option').allTextContents())[1]!;
    await choice.selectOption(segment);
    await panel.getByTestId('cohort-period').selectOption('quarter');
    await panel.getByTestId('cohort-measure').selectOption('revenue');
    const firstCohort = panel.locator('[data-testid=cohort-table] tbody tr th').first();
    await expect.poll(() => firstCohort.innerText(), { timeout: 30_000 }).toMatch(/^\d{4} Q[1-4]$/);

    await s.page.reload();
    await waitForNotebookRun(s.page);
    const again = s.page.locator('[data-testid=cell]').last().getByTestId('cohorts-panel');
    await expect.poll(() => again.count(), { timeout: 60_000 }).toBe(1);
    expect(await again.getByTestId('cohort-period').inputValue()).toBe('quarter');
    expect(await again.getByTestId('cohort-measure').inputValue()).toBe('revenue');
    await expect
      .poll(() => again.getByTestId('cohort-segment').inputValue(), { timeout: 30_000 })
      .toBe(segment);
    const first = again.locator('[data-testid=cohort-table] tbody tr th').first();
    await expect.poll(() => first.innerText(), { timeout: 30_000 }).toMatch(/^\d{4} Q[1-4]$/);
    // Revenue retained shows the first period's revenue beside each cohort.
    expect(await again.locator('[data-testid=cohort-table] thead th').allInnerTexts()).toContain(
      'Revenue, period 0',
    );
  });

  it('logged no errors and stayed on its own origin', () => {
    expect(s.errors).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(s.requests.filter((u) => !u.startsWith(origin) && !/^(blob|data):/.test(u))).toEqual([]);
  });
});
