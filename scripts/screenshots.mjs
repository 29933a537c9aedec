/**
 * `npm run screenshots`: pictures of the built app (`npm run build` first) as a client would see
 * it, into docs/screenshots/: the first screen, every analysis tab of the example's value ×
 * loyalty segmentation, the phone's menu, and present mode (its opening, its first chart and the
 * first four slides), in English and Chinese, on a laptop (1440×900) and a phone (390×844). Each
 * is a viewport, scrolled to the thing shown.
 *
 * With `--every-preset` it adds one segmentation of each preset to the example, in turn, and
 * takes every analysis tab of each (`<tag>-preset-<id>-<tab>.png`): 9 presets × 8–9 tabs a
 * language and width, for a review rather than for the docs.
 *
 *   node scripts/screenshots.mjs [--only en-1440] [--out docs/screenshots] [--every-preset]
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveDist } from './serve-dist.mjs';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: 'docs/screenshots' },
    'every-preset': { type: 'boolean', default: false },
  },
});

const LANGS = ['en', 'zh-CN'];
const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
];
const TABS = [
  'segments',
  'shares',
  'quadrant',
  'scorecard',
  'profiles',
  'geography',
  'backtest',
  'migration',
  'cohorts',
];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Until every chart in `scope` has drawn (VegaChart sets data-rendered). */
async function chartsDrawn(scope) {
  await scope
    .page()
    .waitForFunction(
      (el) =>
        [...el.querySelectorAll('[data-testid=chart]')].every((c) => c.dataset.rendered === 'true'),
      await scope.elementHandle(),
      { timeout: 60_000 },
    );
}

/**
 * Until no cell runs, none still shows its last run's outputs, and no table's data check is
 * still going (its spinner in the list).
 */
async function idle(page) {
  await page.waitForFunction(
    () =>
      !document.querySelector('.running') &&
      !document.querySelector('[data-last-run]') &&
      !document.querySelector('.checking'),
    undefined,
    { timeout: 90_000 },
  );
}

async function shoot(page, file) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  console.log(file);
}

/** Each of a segmentation cell's analysis tabs, run and drawn, scrolled to the top of the screen. */
async function everyTab(page, cell, file, tabs) {
  // The example opens its quadrant cell on the quadrant: start from the segments.
  await cell.getByTestId('tab-segments').click({ timeout: 90_000 });
  await cell.locator('[data-testid=segment-summary] tbody tr').first().waitFor({ timeout: 90_000 });
  for (const tab of tabs) {
    await cell.getByTestId(`tab-${tab}`).click();
    const panel =
      tab === 'segments' ? cell.getByTestId('segment-summary') : cell.getByTestId(`${tab}-panel`);
    await panel.waitFor({ timeout: 30_000 });
    if (tab === 'migration') await panel.getByTestId('run-migration').click();
    if (tab === 'backtest') {
      await panel.getByTestId('backtest-table').locator('tbody tr').nth(2).waitFor({
        timeout: 90_000,
      });
    }
    await idle(page);
    if (tab !== 'segments' && tab !== 'backtest') {
      await panel.locator('[data-testid=chart]').first().waitFor({ timeout: 90_000 });
      await chartsDrawn(panel);
    }
    // The tab bar at the top of the screen, the chart under it.
    await cell
      .getByTestId(`tab-${tab}`)
      .evaluate((el) => el.parentElement.scrollIntoView({ block: 'start' }));
    await shoot(page, file(tab));
  }
}

async function run(browser, url, lang, viewport, out) {
  const tag = `${lang === 'en' ? 'en' : 'zh'}-${viewport.name}`;
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    locale: lang === 'en' ? 'en-US' : 'zh-CN',
    deviceScaleFactor: 1,
  });
  await context.addInitScript((l) => localStorage.setItem('seglab.lang', l), lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${tag}] ${e}`));
  await page.goto(url);
  await page.waitForSelector('[data-testid=engine-status][data-phase=ready]', { timeout: 90_000 });
  await page.waitForSelector('[data-testid=cell-status]', { timeout: 90_000 });
  await idle(page);
  await shoot(page, path.join(out, `${tag}-first-screen.png`));

  const cell = page
    .locator('[data-testid=cell]')
    .filter({ has: page.getByTestId('tab-quadrant') })
    .first();
  await everyTab(page, cell, (tab) => path.join(out, `${tag}-${tab}.png`), TABS);
  if (args['every-preset']) {
    const options = await page
      .locator('[data-testid=add-segment]')
      .last()
      .locator('option')
      .evaluateAll((list) => list.map((o) => o.value).filter(Boolean));
    // The Predict cell first: churn risk reads its scores.
    const ids = ['__predict', ...options.filter((id) => id !== '__predict')];
    for (const id of ids) {
      const name = id.replace(/^__/, '');
      const cells = page.locator('[data-testid=cell]');
      const before = await cells.count();
      await page.locator('[data-testid=add-segment]').last().selectOption(id);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid=cell]').length > n,
        before,
      );
      const added = cells.last();
      await idle(page);
      await added.scrollIntoViewIfNeeded();
      await shoot(page, path.join(out, `${tag}-preset-${name}-added.png`));
      if ((await added.getByTestId('tab-segments').count()) === 0) {
        console.log(`${tag} ${name}: no analysis tabs (see its -added picture)`);
        continue;
      }
      const tabs = await added
        .locator('[role=tab]')
        .evaluateAll((els) => els.map((el) => el.dataset.testid.replace(/^tab-/, '')));
      await everyTab(
        page,
        added,
        (tab) => path.join(out, `${tag}-preset-${name}-${tab}.png`),
        tabs,
      );
    }
  }

  await page.evaluate(() => window.scrollTo(0, 0));
  // On a phone the toolbar is one menu button.
  const menu = page.getByTestId('menu-toggle');
  if (await menu.isVisible()) {
    await menu.click();
    await shoot(page, path.join(out, `${tag}-menu.png`));
  }
  await page.getByTestId('present').click();
  const deck = page.getByTestId('present-mode');
  await deck.waitFor();
  await idle(page);
  await chartsDrawn(deck);
  await shoot(page, path.join(out, `${tag}-present.png`));
  // And the first section with a chart, as the client sees it.
  await deck
    .locator('[data-testid=chart]')
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shoot(page, path.join(out, `${tag}-present-chart.png`));
  // As slides: the title, the headline figures, the quadrant, the tiers, one slide a screen.
  await page.getByTestId('present-slides').click();
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(400);
    await shoot(page, path.join(out, `${tag}-slide-${i + 1}.png`));
    await page.getByTestId('present-next').click();
  }
  await context.close();
}

const out = path.resolve(args.out);
await mkdir(out, { recursive: true });
const server = await serveDist('dist');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  for (const lang of LANGS) {
    for (const viewport of VIEWPORTS) {
      const tag = `${lang === 'en' ? 'en' : 'zh'}-${viewport.name}`;
      if (args.only && !args.only.split(',').includes(tag)) continue;
      await run(browser, server.url, lang, viewport, out);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
