import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun, waitIdle } from './helpers';
import { serveDist, type StaticServer } from './static-server';

/**
 * Every chart of the example's value × loyalty segmentation, at a laptop's, a large laptop's
 * and a phone's width, in both languages: nothing Vega drew may fall outside its chart's box or
 * the window, and no two labels of a chart may overlap.
 */

let server: StaticServer;
beforeAll(async () => {
  server = await serveDist('dist');
});
afterAll(async () => {
  await server?.close();
});

const TABS = ['quadrant', 'shares', 'scorecard', 'geography', 'migration'];

interface Problem {
  chart: number;
  what: string;
}

/** Until every chart in `scope` has drawn. */
async function drawn(scope: Locator): Promise<void> {
  const charts = scope.locator('[data-testid=chart]');
  await expect.poll(() => charts.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect
    .poll(
      () =>
        charts.evaluateAll((els) =>
          els.every((e) => (e as HTMLElement).dataset.rendered === 'true'),
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
}

/**
 * What is wrong with the charts in `scope`: a mark or text outside the chart's element or the
 * window's width, or two mark labels (text marks, not axes) overlapping. The white halos drawn
 * under labels are not labels.
 */
function problems(scope: Locator): Promise<Problem[]> {
  return scope.locator('[data-testid=chart]').evaluateAll((charts) => {
    const out: { chart: number; what: string }[] = [];
    const slack = 1.5;
    charts.forEach((chart, i) => {
      const box = chart.getBoundingClientRect();
      const svg = chart.querySelector('svg');
      if (!svg) {
        out.push({ chart: i, what: 'no svg' });
        return;
      }
      const drawn = svg.querySelectorAll(
        'g.role-mark path, g.role-mark text, g.role-axis-label text, g.role-axis-title text, g.role-title-text text, g.role-title-subtitle text, g.role-legend text, g.role-legend path',
      );
      for (const el of drawn) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const name = `${el.tagName} "${(el.textContent ?? '').slice(0, 30)}"`;
        if (r.left < box.left - slack || r.right > box.right + slack) {
          out.push({
            chart: i,
            what: `${name} spans x ${Math.round(r.left)}–${Math.round(r.right)}, chart ${Math.round(box.left)}–${Math.round(box.right)}`,
          });
        }
        if (r.top < box.top - slack || r.bottom > box.bottom + slack) {
          out.push({ chart: i, what: `${name} is above or below its chart` });
        }
        if (r.left < -slack || r.right > window.innerWidth + slack) {
          out.push({ chart: i, what: `${name} is outside the window` });
        }
      }
      const labels = [...svg.querySelectorAll('g.role-mark.mark-text text')]
        .filter((t) => t.getAttribute('fill') !== 'white' && (t.textContent ?? '').trim() !== '')
        .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
      labels.forEach((a, j) => {
        for (const b of labels.slice(j + 1)) {
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (w > 1 && h > 1) out.push({ chart: i, what: `"${a.text}" overlaps "${b.text}"` });
        }
      });
    });
    return out;
  });
}

async function openApp(
  width: number,
  lang: 'en' | 'zh-CN',
): Promise<{ s: Session; cell: Locator }> {
  const s = await openSession();
  await s.context.addInitScript((l) => localStorage.setItem('seglab.lang', l), lang);
  await s.page.setViewportSize({ width, height: 900 });
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
  const cell = s.page
    .locator('[data-testid=cell]')
    .filter({ has: s.page.getByTestId('tab-quadrant') })
    .first();
  await cell.locator('[data-testid=segment-summary] tbody tr').first().waitFor({ timeout: 60_000 });
  return { s, cell };
}

async function openTab(page: Page, cell: Locator, tab: string): Promise<Locator> {
  await cell.getByTestId(`tab-${tab}`).click();
  const panel = cell.getByTestId(`${tab}-panel`);
  await panel.waitFor();
  if (tab === 'migration') await panel.getByTestId('run-migration').click();
  if (tab === 'backtest') {
    await panel.getByTestId('backtest-table').locator('tbody tr').nth(2).waitFor({
      timeout: 60_000,
    });
  }
  await waitIdle(page);
  // The backtest is a table.
  if (tab !== 'backtest') await drawn(panel);
  return panel;
}

describe.each([1280, 1440, 390])('charts at %i px', (width) => {
  it.each(['en', 'zh-CN'] as const)('stay inside their boxes, labels apart (%s)', async (lang) => {
    const { s, cell } = await openApp(width, lang);
    try {
      // Every tab is reachable: the tab bar shows them all, none cut off.
      const bar = await cell.getByTestId('tab-segments').evaluate((el) => {
        const tabs = el.parentElement!;
        const edge = tabs.getBoundingClientRect().right;
        return [...tabs.children].map((t) => t.getBoundingClientRect().right <= edge + 1);
      });
      expect(bar.every(Boolean)).toBe(true);
      const found: string[] = [];
      for (const tab of TABS) {
        const panel = await openTab(s.page, cell, tab);
        if ((await panel.locator('[data-testid=chart]').count()) === 0) continue;
        for (const p of await problems(panel)) found.push(`${tab} chart ${p.chart}: ${p.what}`);
        if (tab === 'shares') {
          // And the shares as bars.
          await panel.getByRole('combobox').first().selectOption('bar');
          await s.page.waitForTimeout(300);
          await drawn(panel);
          for (const p of await problems(panel)) found.push(`bars chart ${p.chart}: ${p.what}`);
          await panel.getByRole('combobox').first().selectOption('donut');
        }
      }
      await cell.getByTestId('tab-segments').click();
      await s.page.getByTestId('present').click();
      const deck = s.page.getByTestId('present-mode');
      await drawn(deck);
      for (const p of await problems(deck)) found.push(`present chart ${p.chart}: ${p.what}`);
      expect(found).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

/** The colour a chart's legend gives `label`. */
function legendColor(scope: Locator, label: string): Promise<string | null> {
  return scope.locator('[data-testid=chart] svg').evaluateAll((svgs, name) => {
    for (const svg of svgs) {
      for (const entry of svg.querySelectorAll('g.role-legend-entry g.role-scope > g > g')) {
        if (entry.querySelector('text')?.textContent === name) {
          return entry.querySelector('path')?.getAttribute('fill') ?? null;
        }
      }
    }
    return null;
  }, label);
}

describe('segment colours', () => {
  it('keep one colour per segment across tabs, present mode and a re-run', async () => {
    const { s, cell } = await openApp(1440, 'en');
    try {
      const shares = await openTab(s.page, cell, 'shares');
      const core = await legendColor(shares, 'Core');
      const prospects = await legendColor(shares, 'Prospects');
      expect(core).toMatch(/^#/);
      expect(prospects).not.toBe(core);
      const quadrant = await openTab(s.page, cell, 'quadrant');
      expect(await legendColor(quadrant, 'Core')).toBe(core);
      expect(await legendColor(quadrant, 'Prospects')).toBe(prospects);
      const migration = await openTab(s.page, cell, 'migration');
      expect(await legendColor(migration, 'Core')).toBe(core);
      // A re-run that changes the segments' sizes (mean instead of median splits).
      await cell.getByLabel('Split each axis at').selectOption('mean');
      await waitIdle(s.page);
      const again = await openTab(s.page, cell, 'shares');
      await expect.poll(() => legendColor(again, 'Core')).toBe(core);
      expect(await legendColor(again, 'Prospects')).toBe(prospects);
      await s.page.getByTestId('present').click();
      const deck = s.page.getByTestId('present-mode');
      await drawn(deck);
      expect(await legendColor(deck, 'Core')).toBe(core);
    } finally {
      await s.close();
    }
  });
});
