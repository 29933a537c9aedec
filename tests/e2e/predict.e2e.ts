import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun, waitIdle } from './helpers';
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

describe('predicted customer value in the browser', () => {
  it('fits the models in a worker, shows parameters and the holdout check', async () => {
    await s.page.locator('[data-testid=add-segment]').last().selectOption('__predict');
    const cell = s.page.locator('[data-testid=cell]').last();
    await expect.poll(() => cell.getByTestId('cell-status').count(), { timeout: 60_000 }).toBe(1);
    const status = await cell.getByTestId('cell-status').innerText();
    // Every buyer before the analysis date is scored: the sample has 4,762 of its 5,000 customers buying.
    expect(status).toMatch(/^4,762 customers scored/);
    const rows = cell.getByTestId('predict-params').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const forecast = await rows.nth(1).locator('td').allInnerTexts();
    for (const v of forecast) expect(Number(v.replace(/,/g, ''))).not.toBeNaN();
    await expect
      .poll(() =>
        cell
          .locator('[data-testid=chart]')
          .evaluateAll(
            (els) => els.filter((e) => (e as HTMLElement).dataset.rendered === 'true').length,
          ),
      )
      .toBe(6);
    const charts = cell.locator('[data-testid=chart]');
    expect(await charts.nth(0).locator('svg .mark-rect path').count()).toBe(16);
    // By recency: one-time buyers and slices of recency, actual beside model.
    const byRecency = await charts.nth(1).locator('svg .mark-rect path').count();
    expect(byRecency % 2).toBe(0);
    expect(byRecency).toBeGreaterThanOrEqual(8);
    expect(await charts.nth(1).innerText()).toMatch(/No repeat/);
    // The churn validation: ROC over the chance diagonal, and ten calibration deciles.
    expect(await charts.nth(4).innerText()).toMatch(/AUC \d\.\d\d/);
    expect(await charts.nth(5).locator('.mark-symbol path').count()).toBe(10);
  });

  it('shows the model diagnostics and the CLV intervals under their tabs', async () => {
    const cell = s.page.locator('[data-testid=cell]').last();
    const rendered = () =>
      cell
        .locator('[data-testid=chart]')
        .evaluateAll(
          (els) => els.filter((e) => (e as HTMLElement).dataset.rendered === 'true').length,
        );
    await cell.getByTestId('predict-tab-diagnostics').click();
    await expect.poll(rendered).toBe(3);
    // Eight groups of repeat purchases (0..6, 7+), actual and model: 16 bars; then the heatmap.
    const charts = cell.locator('[data-testid=chart]');
    expect(await charts.nth(0).locator('.mark-rect path').count()).toBe(16);
    expect(await charts.nth(1).locator('.mark-rect path').count()).toBeGreaterThan(20);
    // The expected-purchases matrix on the same grid as P(alive).
    expect(await charts.nth(2).locator('.mark-rect path').count()).toBe(
      await charts.nth(1).locator('.mark-rect path').count(),
    );
    await cell.getByTestId('predict-tab-intervals').click();
    await expect.poll(rendered).toBe(1);
    expect(await charts.nth(0).locator('.mark-rule.role-mark line').count()).toBe(25);
    expect(await cell.getByTestId('predict-intervals-hint').innerText()).toMatch(
      /from 200 parameter draws/,
    );
    await cell.getByTestId('predict-tab-holdout').click();
    await expect.poll(rendered).toBe(6);
    expect(s.errors).toEqual([]);
  });

  it('refits with Pareto/NBD and compares the models on the holdout, BG/BB apart', async () => {
    const cell = s.page
      .locator('[data-testid=cell]')
      .filter({ has: s.page.getByTestId('predict-model') })
      .last();
    await cell.getByTestId('predict-model').selectOption('pareto-nbd');
    await cell.getByTestId('predict-compare').check();
    await cell.getByTestId('run-cell').click();
    await expect
      .poll(() => cell.getByTestId('predict-comparison').locator('tbody tr').count(), {
        timeout: 120_000,
      })
      .toBe(4);
    const header = await cell.getByTestId('predict-params').locator('thead th').allInnerTexts();
    expect(header.slice(1, 5)).toEqual(['r', 'α', 's', 'β']);
    const models = await cell
      .getByTestId('predict-comparison')
      .locator('tbody tr')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-model')));
    expect(models).toEqual(['pareto-nbd', 'bgnbd', 'mbgnbd', 'bgbb']);
    // BG/BB counts months with a purchase: shown with a note, never recommended.
    expect(await cell.locator('tr[data-model=bgbb] th').innerText()).toMatch(/^BG\/BB †/);
    expect(await cell.getByTestId('predict-discrete-note').innerText()).toMatch(
      /^† BG\/BB is fitted on months with a purchase/,
    );
    expect(await cell.locator('.badge').count()).toBe(1);
    expect(await cell.getByTestId('predict-recommendation').innerText()).toMatch(
      /^Recommended: (BG\/NBD|Pareto\/NBD|MBG\/NBD), whose forecasts/,
    );
    const se = await cell.getByTestId('predict-estimates').locator('tbody tr td').allTextContents();
    expect(se).toHaveLength(12);
    for (const v of se.filter((_, i) => i % 3 !== 2)) {
      expect(Number(v.replace(/,/g, ''))).toBeGreaterThan(0);
    }
    expect(s.errors).toEqual([]);
  });

  it('joins the predictions into the features, where presets use them', async () => {
    await s.page.getByRole('button', { name: '+ SQL' }).last().dispatchEvent('click');
    const sqlCell = s.page.locator('[data-testid=cell]').last();
    await sqlCell.locator('.cm-content').click();
    await s.page.keyboard.insertText(
      'SELECT count(p_alive) AS scored, count(*) FILTER (WHERE p_alive > 1 OR p_alive <= 0) AS bad, count(*) FILTER (WHERE is_prospect AND p_alive IS NOT NULL) AS prospects_scored, count(*) FILTER (WHERE predicted_clv_low <= predicted_clv AND predicted_clv <= predicted_clv_high AND expected_purchases_low <= expected_purchases AND expected_purchases <= expected_purchases_high) AS inside FROM customer_features',
    );
    await s.page.keyboard.press('Control+Enter');
    await expect.poll(() => sqlCell.locator('tbody td').nth(1).innerText()).toBe('4762');
    expect(await sqlCell.locator('tbody td').nth(2).innerText()).toBe('0');
    expect(await sqlCell.locator('tbody td').nth(3).innerText()).toBe('0');
    // Every scored customer's estimates lie inside their 90% intervals.
    expect(await sqlCell.locator('tbody td').nth(4).innerText()).toBe('4762');

    await s.page.locator('[data-testid=add-segment]').last().selectOption('churn-risk');
    const churn = s.page.locator('[data-testid=cell]').last();
    await expect
      .poll(() => churn.locator('[data-testid=segment-summary] tbody tr').count())
      .toBeGreaterThan(1);
    await waitIdle(s.page);
    const segments = await churn
      .locator('[data-testid=segment-summary] tbody tr')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-segment')));
    expect(segments).not.toContain('Not scored');
    // Predicted CLV per segment beside revenue, with the sums of the interval bounds.
    const clv = await churn.getByTestId('segment-clv').allInnerTexts();
    expect(clv.length).toBe(segments.length);
    expect(clv.some((v) => /^[\d,]+\s+[\d,]+ – [\d,]+$/.test(v.trim()))).toBe(true);
    const counts = await churn.getByTestId('segment-count').allInnerTexts();
    expect(counts.reduce((a, b) => a + Number(b.replace(/,/g, '')), 0)).toBe(5000);
    expect(s.errors).toEqual([]);
  });

  it('fits BG/BB on quarters: parameters, comparison, diagnostics and holdout checks', async () => {
    const cell = s.page
      .locator('[data-testid=cell]')
      .filter({ has: s.page.getByTestId('predict-model') })
      .last();
    await cell.getByTestId('predict-model').selectOption('bgbb');
    await cell.getByTestId('predict-period').selectOption('quarter');
    expect(await cell.getByTestId('predict-bgbb-hint').innerText()).toMatch(
      /^BG\/BB treats each calendar quarter as one chance to buy/,
    );
    await cell.getByTestId('run-cell').click();
    await expect
      .poll(
        async () =>
          (await cell.getByTestId('predict-params').locator('thead th').allInnerTexts()).slice(
            1,
            5,
          ),
        { timeout: 120_000 },
      )
      .toEqual(['α', 'β', 'γ', 'δ']);
    expect(await cell.getByTestId('cell-status').innerText()).toMatch(/^[\d,]+ customers scored/);
    const models = await cell
      .getByTestId('predict-comparison')
      .locator('tbody tr')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-model')));
    expect(models).toEqual(['bgbb', 'bgnbd', 'pareto-nbd', 'mbgnbd']);
    expect(await cell.locator('tr[data-model=bgbb] .badge').count()).toBe(0);
    expect(await cell.getByTestId('predict-discrete-note').innerText()).toMatch(/quarters/);
    const rendered = () =>
      cell
        .locator('[data-testid=chart]')
        .evaluateAll(
          (els) => els.filter((e) => (e as HTMLElement).dataset.rendered === 'true').length,
        );
    // Holdout: by frequency, by recency, quarter tracking (cumulative, incremental), ROC and
    // calibration.
    await cell.getByTestId('predict-tab-holdout').click();
    await expect.poll(rendered).toBe(6);
    const charts = cell.locator('[data-testid=chart]');
    expect(await charts.nth(1).innerText()).toMatch(
      /Quarters from first to last calibration purchase/,
    );
    expect(await charts.nth(2).innerText()).toMatch(/Customers buying again, summed over periods/);
    expect(await charts.nth(3).innerText()).toMatch(/Quarters since the start of the data/);
    expect(await charts.nth(3).locator('.mark-rule.role-mark line').count()).toBe(1);
    // Diagnostics: the histogram, the P(alive) and the expected-purchases matrices.
    await cell.getByTestId('predict-tab-diagnostics').click();
    await expect.poll(rendered).toBe(3);
    expect(await charts.nth(2).locator('.mark-rect path').count()).toBeGreaterThan(3);
    // Standard errors of alpha, beta, gamma, delta, and per-customer intervals, as the others.
    const se = await cell.getByTestId('predict-estimates').locator('tbody tr td').allTextContents();
    expect(se).toHaveLength(12);
    for (const v of se.filter((_, i) => i % 3 !== 2)) {
      expect(Number(v.replace(/,/g, ''))).toBeGreaterThan(0);
    }
    await cell.getByTestId('predict-tab-intervals').click();
    await expect.poll(rendered).toBe(1);
    expect(await charts.nth(0).locator('.mark-rule.role-mark line').count()).toBe(25);
    expect(await cell.getByTestId('predict-intervals-hint').innerText()).toMatch(
      /from 200 parameter draws/,
    );
    expect(s.errors).toEqual([]);
  });
});
