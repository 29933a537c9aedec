import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun } from './helpers';
import { serveDist, type StaticServer } from './static-server';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let server: StaticServer;
let s: Session;
beforeAll(async () => {
  server = await serveDist('dist', { base: '/apps/seglab/' });
  s = await openSession();
  await s.page.goto(server.url);
  await waitForNotebookRun(s.page);
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

/** Buttons a reader would see (print media hides them with display: none). */
const visibleButtons = () =>
  s.page
    .locator('button')
    .evaluateAll((buttons) => buttons.filter((b) => getComputedStyle(b).display !== 'none').length);

describe('present mode, in Chromium', () => {
  it('shows text, charts and results without editors, forms or the table panel', async () => {
    const { page } = s;
    await page.getByTestId('present').click();
    const deck = page.getByTestId('present-mode');
    await expect.poll(() => deck.count()).toBe(1);
    const sections = page.getByTestId('present-section');
    expect(await sections.count()).toBeGreaterThan(4);
    expect(await page.getByTestId('present-title').innerText()).toBe('Customer segmentation demo');
    expect(await page.getByTestId('present-markdown').first().innerText()).toContain('At a glance');
    // Vega draws the segment charts as SVG marks.
    const marks = deck.locator('[data-testid=chart] svg .role-mark path');
    await expect.poll(() => marks.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    await expect
      .poll(() => deck.locator('[data-testid=present-segments] tbody tr').count())
      .toBeGreaterThan(3);
    // The story opens on its headline figures.
    expect(await deck.getByTestId('kpi-row').locator('dd').count()).toBe(4);
    // (Vega adds an empty form for chart widgets; there are none.)
    const editors = page.locator(
      '.cm-editor, textarea, form:not(.vega-bindings), [data-testid=table-list]',
    );
    expect(await editors.count()).toBe(0);
    expect(await page.getByTestId('run-all').count()).toBe(0);
  });

  it("shows each segmentation's chosen chart, without timings, placeholders or pagers", async () => {
    const { page } = s;
    const deck = page.getByTestId('present-mode');
    const charts = deck.getByTestId('present-chart');
    // The example's defaults: each preset's headline chart, not the same donut for all.
    await expect
      .poll(() => charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart'))))
      .toEqual(['quadrant', 'shares', 'scorecard', 'migration']);
    for (const kind of ['quadrant', 'shares', 'scorecard', 'migration']) {
      const drawn = deck.locator(
        `[data-testid=present-chart][data-chart=${kind}] [data-testid=chart][data-rendered=true] svg`,
      );
      await expect.poll(() => drawn.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    }
    const text = await deck.innerText();
    expect(text).not.toContain('{');
    expect(text).not.toMatch(/\d\s*ms\b|毫秒/);
    expect(text).not.toContain('Open the Quadrant tab');
    expect(text).not.toContain('Show SQL');
    const sectionButtons = await deck
      .locator('[data-testid=present-section] button')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    expect(sectionButtons).toBe(0);
    // Formatted for the reader: grouped thousands, no raw 959530.9.
    const table = deck.getByTestId('present-table').first();
    expect(await table.innerText()).toMatch(/\d{1,3},\d{3}/);
    expect(await table.innerText()).not.toMatch(/\d{5,}\.\d/);
  });

  it("follows the author's pick of a slide's chart", async () => {
    const { page } = s;
    await page.getByTestId('present-exit').click();
    // RFM's slide: the scorecard by default.
    await page.getByTestId('present-chart-picker').nth(2).selectOption('shares');
    await page.getByTestId('present').click();
    const charts = page.getByTestId('present-chart');
    await expect
      .poll(() => charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart'))))
      .toEqual(['quadrant', 'shares', 'shares', 'migration']);
  });

  it('follows a segmentation with its cohorts, as its Cohorts tab saved them', async () => {
    const { page } = s;
    const deck = page.getByTestId('present-mode');
    const cohorts = deck.getByTestId('present-cohorts');
    const drawn = (slide: ReturnType<typeof cohorts.nth>) =>
      slide.locator('[data-testid=chart][data-rendered=true] svg .mark-rect path').count();
    // Nothing saved: all customers' monthly cohorts, once for the example's four segmentations.
    await expect.poll(() => cohorts.count()).toBe(1);
    const title = cohorts.first().getByTestId('cohorts-present-title');
    await expect.poll(() => title.innerText()).toBe('Cohort retention: all customers');
    await expect.poll(() => drawn(cohorts.first()), { timeout: 60_000 }).toBeGreaterThan(100);
    await deck.getByRole('combobox').first().selectOption('zh-CN');
    await expect.poll(() => title.innerText()).toBe('同期群留存：全部客户');
    await deck.getByRole('combobox').first().selectOption('en');

    await page.getByTestId('present-exit').click();
    const rfm = page
      .locator('[data-testid=cell]')
      .filter({ has: page.getByTestId('present-chart-picker') })
      .nth(2);
    await rfm.getByTestId('tab-cohorts').click();
    const panel = rfm.getByTestId('cohorts-panel');
    const choice = panel.getByTestId('cohort-segment');
    await expect.poll(() => choice.locator('option').count()).toBeGreaterThan(2);
    const segment = (await choice.locator('option').allTextContents())[1]!;
    await choice.selectOption(segment);
    await panel.getByTestId('cohort-period').selectOption('quarter');
    await page.getByTestId('present').click();
    await expect.poll(() => cohorts.count()).toBe(2);
    const mine = cohorts.nth(1);
    expect(await mine.getByTestId('cohorts-present-title').innerText()).toBe(
      `Cohort retention: ${segment}`,
    );
    await expect.poll(() => drawn(mine), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await mine.locator('svg').first().textContent()).toContain(
      'Quarters since first purchase',
    );
    // A slide reads the heatmap: no pickers, no table of figures.
    expect(await mine.locator('select, [data-testid=cohort-table]').count()).toBe(0);
  });

  it('keeps Next on screen at 1440×900 and fits a 390×844 phone', async () => {
    const { page } = s;
    await page.getByTestId('present-slides').click();
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      for (let i = 0; i < 6; i++) {
        const next = await page.getByTestId('present-next').boundingBox();
        expect(next).not.toBeNull();
        expect(next!.y + next!.height).toBeLessThanOrEqual(size.height);
        expect(next!.x + next!.width).toBeLessThanOrEqual(size.width);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(wide).toBeLessThanOrEqual(size.width);
        // A segment table on the slide fits its width: no figure or strategy line cut off.
        const tables = await page.evaluate(() =>
          [...document.querySelectorAll('[data-testid=present-segments]')]
            .filter((t) => t.getBoundingClientRect().width > 0 && !t.closest('.offstage'))
            .map((t) => [t.scrollWidth, t.parentElement!.clientWidth]),
        );
        for (const [table, box] of tables) expect(table).toBeLessThanOrEqual(box!);
        await page.getByTestId('present-next').click();
      }
      await page.keyboard.press('Home');
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Sections' }).click();
  });

  it('takes the client logo and a title, in the chosen language', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Title & logo' }).click();
    await page.getByLabel('Title', { exact: true }).fill('ACME 客户分层');
    await page.getByTestId('logo-input').setInputFiles({
      name: 'acme.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await expect.poll(() => page.getByTestId('present-title').innerText()).toBe('ACME 客户分层');
    expect(await page.getByTestId('present-logo').getAttribute('src')).toBe(
      `data:image/png;base64,${PNG.toString('base64')}`,
    );
    await page.getByTestId('present-mode').getByRole('combobox').first().selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('present-exit').innerText()).toBe('退出');
    await page.getByTestId('present-mode').getByRole('combobox').first().selectOption('en');
    await expect.poll(() => page.getByTestId('present-exit').innerText()).toBe('Exit');
  });

  it('steps through slides with the arrow keys', async () => {
    const { page } = s;
    await page.getByTestId('present-slides').click();
    const counter = page.getByTestId('slide-counter');
    // A title slide, then one per section.
    const count = (await page.getByTestId('present-section').count()) + 1;
    expect(await counter.innerText()).toBe(`1 of ${count}`);
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter.innerText()).toBe(`3 of ${count}`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => counter.innerText()).toBe(`2 of ${count}`);
    await page.keyboard.press('End');
    await expect.poll(() => counter.innerText()).toBe(`${count} of ${count}`);
    const onScreen = await page
      .locator('[data-testid=present-section], [data-testid=present-cover]')
      .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().right > 0).length);
    expect(onScreen).toBe(1);
  });

  it('prints every section without buttons, one section a page', async () => {
    const { page } = s;
    expect(await visibleButtons()).toBeGreaterThan(3);
    await page.emulateMedia({ media: 'print' });
    expect(await visibleButtons()).toBe(0);
    const sections = page.getByTestId('present-section');
    const layout = await sections.evaluateAll((els) =>
      els.map((e) => ({
        onPage: e.getBoundingClientRect().right > 0,
        breaks: getComputedStyle(e).breakBefore,
      })),
    );
    expect(layout.every((l) => l.onPage)).toBe(true);
    expect(layout.slice(1).every((l) => l.breaks === 'page')).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('leaves present mode with Escape', async () => {
    const { page } = s;
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('present-mode').count()).toBe(0);
    expect(await page.locator('.cm-editor').count()).toBeGreaterThan(0);
  });
});
