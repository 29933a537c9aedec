import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun } from './helpers';
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

describe("an RFM cell's cut points, in Chromium", () => {
  it('shows the quantile cut points, takes a typed one, and goes back to quantiles', async () => {
    const tab = s.page.getByTestId('tab-cuts').first();
    await tab.click();
    await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    const monetary = s.page.getByTestId('cuts-monetary').first();
    await monetary.waitFor({ timeout: 60_000 });
    expect(await monetary.getAttribute('data-fixed')).toBe('false');
    const cut = (i: number) => monetary.getByTestId(`cut-monetary-${i}`);
    const before = [1, 2, 3, 4].map(async (i) => Number(await cut(i).inputValue()));
    const quantiles = await Promise.all(before);
    expect(quantiles.every((v, i) => i === 0 || v > quantiles[i - 1]!)).toBe(true);
    // Four rules on the histogram, one per cut point.
    await monetary.locator('[data-testid=chart][data-rendered=true]').waitFor();
    expect(await monetary.locator('svg .mark-rule.role-mark line').count()).toBe(4);

    const typed = Math.round((quantiles[1]! + quantiles[2]!) / 2);
    await cut(2).fill(String(typed));
    await cut(2).press('Enter');
    await expect.poll(() => monetary.getAttribute('data-fixed'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => cut(2).inputValue()).toBe(String(typed));
    expect(Number(await cut(1).inputValue())).toBe(quantiles[0]);

    await cut(3).fill('1');
    await cut(3).press('Enter');
    await expect.poll(() => monetary.getByRole('alert').innerText()).toMatch(/increase/);

    await s.page.getByTestId('cuts-reset-monetary').click();
    await expect.poll(() => monetary.getAttribute('data-fixed'), { timeout: 30_000 }).toBe('false');
    await expect.poll(() => cut(2).inputValue()).toBe(String(quantiles[1]));
  });
});
