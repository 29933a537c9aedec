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

/** The example notebook's preset cell that writes result `name`. */
async function cellNamed(name: string) {
  const cells = s.page.getByTestId('cell');
  for (let i = 0; i < (await cells.count()); i++) {
    const input = cells.nth(i).getByTestId('result-name');
    if ((await input.count()) > 0 && (await input.first().inputValue()) === name) {
      return cells.nth(i);
    }
  }
  throw new Error(`no cell named ${name}`);
}

describe("an RFM cell's cut points, in Chromium", () => {
  it('shows the quantile cut points, takes a typed one, and goes back to quantiles', async () => {
    const tab = (await cellNamed('rfm_segments')).getByTestId('tab-cuts');
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

describe("a value tiers cell's cut points, in Chromium", () => {
  it('shows where the tiers start, takes a typed VIP cut, refuses a bad one', async () => {
    const cell = await cellNamed('value_tiers');
    const tab = cell.getByTestId('tab-cuts');
    await tab.click();
    await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    const value = cell.getByTestId('cuts-value');
    await value.waitFor({ timeout: 60_000 });
    expect(await value.getAttribute('data-fixed')).toBe('false');
    const cut = (i: number) => value.getByTestId(`cut-value-${i}`);
    const [important, vip] = [Number(await cut(1).inputValue()), Number(await cut(2).inputValue())];
    expect(vip).toBeGreaterThan(important);
    await value.locator('[data-testid=chart][data-rendered=true]').waitFor();
    expect(await value.locator('svg .mark-rule.role-mark line').count()).toBe(2);

    const typed = Math.round((important + vip) / 2);
    await cut(2).fill(String(typed));
    await cut(2).press('Enter');
    await expect.poll(() => value.getAttribute('data-fixed'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => cut(2).inputValue()).toBe(String(typed));
    expect(Number(await cut(1).inputValue())).toBe(important);

    await cut(2).fill(String(Math.floor(important / 2)));
    await cut(2).press('Enter');
    await expect.poll(() => value.getByRole('alert').innerText()).toMatch(/increase/);

    await cell.getByTestId('cuts-reset-value').click();
    await expect.poll(() => value.getAttribute('data-fixed'), { timeout: 30_000 }).toBe('false');
    await expect.poll(() => cut(2).inputValue()).toBe(String(vip));
  });
});

describe("a purchase behaviour cell's cut points, in Chromium", () => {
  it('shows the order and ticket cuts and takes a typed amount', async () => {
    await s.page.locator('[data-testid=add-segment]').last().selectOption('purchase-behaviour');
    const cell = s.page.locator('[data-testid=cell]').last();
    await cell
      .locator('[data-testid=segment-summary] tbody tr')
      .first()
      .waitFor({ timeout: 60_000 });
    const tab = cell.getByTestId('tab-cuts');
    await tab.click();
    const ticket = cell.getByTestId('cuts-ticket');
    await ticket.waitFor({ timeout: 60_000 });
    await cell.getByTestId('cuts-frequency').waitFor();
    const cut = ticket.getByTestId('cut-ticket-1');
    const quantile = Number(await cut.inputValue());
    expect(quantile).toBeGreaterThan(0);
    await ticket.locator('[data-testid=chart][data-rendered=true]').waitFor();
    expect(await ticket.locator('svg .mark-rule.role-mark line').count()).toBe(1);

    const typed = Math.round(quantile / 2);
    await cut.fill(String(typed));
    await cut.press('Enter');
    await expect.poll(() => ticket.getAttribute('data-fixed'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => cut.inputValue()).toBe(String(typed));

    await cut.fill('-5');
    await cut.press('Enter');
    await expect.poll(() => ticket.getByRole('alert').innerText()).toMatch(/minimum order value/);
  });
});
