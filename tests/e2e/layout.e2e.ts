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

const TABS = ['quadrant', 'shares', 'scorecard', 'profiles', 'geography', 'migration', 'cohorts'];

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
  // The example opens this cell on its quadrant.
  await cell.getByTestId('tab-segments').click();
  await cell.locator('[data-testid=segment-summary] tbody tr').first().waitFor({ timeout: 60_000 });
  return { s, cell };
}

/** Enters present mode, through the menu where the toolbar is folded into one (a phone). */
async function openPresent(page: Page): Promise<void> {
  const menu = page.getByTestId('menu-toggle');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId('present').click();
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
      await openPresent(s.page);
      const deck = s.page.getByTestId('present-mode');
      // Monthly revenue, the quadrant, tier shares, RFM's scorecard, lifecycle's migration flow.
      await expect
        .poll(() => deck.locator('[data-testid=chart]').count(), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(5);
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
      // A re-run that changes the segments' sizes (mean instead of median splits), from the
      // form the example keeps folded.
      await cell.getByTestId('toggle-form').click();
      await cell.getByLabel('Split each axis at').selectOption('mean');
      await waitIdle(s.page);
      const again = await openTab(s.page, cell, 'shares');
      await expect.poll(() => legendColor(again, 'Core')).toBe(core);
      expect(await legendColor(again, 'Prospects')).toBe(prospects);
      await openPresent(s.page);
      const deck = s.page.getByTestId('present-mode');
      await drawn(deck);
      await expect.poll(() => legendColor(deck, 'Core'), { timeout: 30_000 }).toBe(core);
    } finally {
      await s.close();
    }
  });
});

describe.each(['en', 'zh-CN'] as const)('a 390×844 phone (%s)', (lang) => {
  it('folds the toolbar into a menu, the tables into a drawer, and fits the width', async () => {
    const s = await openSession();
    try {
      const { page } = s;
      await s.context.addInitScript((l) => localStorage.setItem('seglab.lang', l), lang);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(server.url);
      await waitForNotebookRun(page);
      // One menu button instead of a wall of buttons; the notebook starts on the first screen.
      expect(await page.getByTestId('menu-toggle').isVisible()).toBe(true);
      expect(await page.getByTestId('run-all').isVisible()).toBe(false);
      expect(await page.getByTestId('table-list').isVisible()).toBe(false);
      const first = await page.locator('[data-testid=cell]').first().boundingBox();
      expect(first!.y).toBeLessThan(844 / 2);
      // Whatever sticks out of the window, outermost first (inside a scrolling box is fine).
      const wider = () =>
        page.evaluate(() => {
          const out: string[] = [];
          const edge = document.documentElement.clientWidth + 1;
          const scrolls = (e: Element) => /auto|scroll|hidden/.test(getComputedStyle(e).overflowX);
          const walk = (e: Element) => {
            if (e.getBoundingClientRect().right > edge && getComputedStyle(e).display !== 'none') {
              out.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
              return;
            }
            if (e.id !== 'notebook' && scrolls(e) && e !== document.body) return;
            for (const c of e.children) walk(c);
          };
          walk(document.getElementById('notebook')!);
          return out;
        });
      expect(await wider()).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      // The tables slide in from the menu, inside the screen, and go again.
      await page.getByTestId('menu-toggle').click();
      expect(await page.getByTestId('run-all').isVisible()).toBe(true);
      await page.getByTestId('open-tables').click();
      const list = page.getByTestId('table-list');
      await expect.poll(() => list.isVisible()).toBe(true);
      await page.waitForTimeout(300);
      const box = await list.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      await page.getByTestId('close-tables').click({ position: { x: 375, y: 400 } });
      await expect.poll(() => list.isVisible()).toBe(false);
      // Present mode fits the phone too.
      await openPresent(page);
      await page.getByTestId('present-mode').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    } finally {
      await s.close();
    }
  });
});
