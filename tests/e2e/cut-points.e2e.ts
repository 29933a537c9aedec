import { readFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * Value tiers over the bundled sample with the cuts fixed, counted here from its CSVs: spend per
 * customer in whole cents, the sum of `amount` over their orders; customers without orders are
 * potential.
 */
function recountTiers(important: number, vip: number): Record<string, number> {
  const read = (file: string) =>
    readFileSync(path.join(__dirname, '../../sample-data', file), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
  const cents = new Map<string, number>();
  for (const line of read('orders.csv')) {
    // order_id, customer_id, order_datetime, amount: none of them holds a comma.
    const [, customer, , amount] = line.split(',');
    cents.set(customer!, (cents.get(customer!) ?? 0) + Math.round(Number(amount) * 100));
  }
  const counts: Record<string, number> = { VIP: 0, Important: 0, Ordinary: 0, Potential: 0 };
  for (const line of read('customers.csv')) {
    const spend = cents.get(line.slice(0, line.indexOf(',')));
    const tier =
      spend === undefined
        ? 'Potential'
        : spend >= Math.round(vip * 100)
          ? 'VIP'
          : spend >= Math.round(important * 100)
            ? 'Important'
            : 'Ordinary';
    counts[tier]!++;
  }
  return counts;
}

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

describe('dragging a cut rule, in Chromium', () => {
  it("moves value tiers' VIP cut with the mouse; the tiers match a recount of the sample", async () => {
    const cell = await cellNamed('value_tiers');
    const tab = cell.getByTestId('tab-cuts');
    await tab.click();
    const value = cell.getByTestId('cuts-value');
    await value.waitFor({ timeout: 60_000 });
    await value.locator('[data-testid=chart][data-rendered=true]').waitFor();
    const cut = (i: number) => value.getByTestId(`cut-value-${i}`);
    const [important, vip] = [Number(await cut(1).inputValue()), Number(await cut(2).inputValue())];
    const rule = value.locator('svg .mark-rule.role-mark line').nth(1);
    const box = (await rule.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];

    await s.page.mouse.move(x, y);
    await s.page.mouse.down();
    await s.page.mouse.move(x + 50, y, { steps: 5 });
    // Held: the rule is under the pointer and its box shows where it would go.
    const ruleX = async () => {
      const b = (await rule.boundingBox())!;
      return Math.round(Math.abs(b.x + b.width / 2 - (x + 50)));
    };
    await expect.poll(ruleX).toBeLessThan(3);
    expect(await cut(2).getAttribute('class')).toMatch(/dragged/);
    const shown = Number(await cut(2).inputValue());
    expect(shown).toBeGreaterThan(vip);
    await s.page.mouse.up();

    await expect.poll(() => value.getAttribute('data-fixed'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => cut(2).inputValue(), { timeout: 30_000 }).toBe(String(shown));
    expect(Number(await cut(1).inputValue())).toBe(important);
    expect(await cut(2).getAttribute('class')).not.toMatch(/dragged/);

    await cell.getByTestId('tab-segments').click();
    const expected = recountTiers(important, shown);
    const count = (segment: string) =>
      cell
        .locator(`[data-testid=segment-summary] tbody tr[data-segment="${segment}"]`)
        .getByTestId('segment-count')
        .innerText()
        .then((text) => Number(text.replace(/,/g, '')));
    await expect.poll(() => count('VIP'), { timeout: 30_000 }).toBe(expected.VIP);
    for (const segment of ['Important', 'Ordinary', 'Potential']) {
      expect(await count(segment)).toBe(expected[segment]);
    }
    // The drag moved customers: fewer VIPs than at the old cut.
    expect(expected.VIP).toBeLessThan(recountTiers(important, vip).VIP);
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

describe("a needs cell's cut point, in Chromium", () => {
  it('shows the unit price quality-sensitive starts at, and takes a dragged one', async () => {
    await s.page.locator('[data-testid=add-segment]').last().selectOption('needs');
    const cell = s.page.locator('[data-testid=cell]').last();
    await cell
      .locator('[data-testid=segment-summary] tbody tr')
      .first()
      .waitFor({ timeout: 60_000 });
    await cell.getByTestId('tab-cuts').click();
    const quality = cell.getByTestId('cuts-quality');
    await quality.waitFor({ timeout: 60_000 });
    expect(await quality.getAttribute('data-fixed')).toBe('false');
    const cut = quality.getByTestId('cut-quality-1');
    const quantile = Number(await cut.inputValue());
    expect(quantile).toBeGreaterThan(0);
    await quality.locator('[data-testid=chart][data-rendered=true]').waitFor();
    const rule = quality.locator('svg .mark-rule.role-mark line');
    expect(await rule.count()).toBe(1);

    const box = (await rule.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await s.page.mouse.move(x, y);
    await s.page.mouse.down();
    await s.page.mouse.move(x - 40, y, { steps: 4 });
    await s.page.mouse.up();
    await expect.poll(() => quality.getAttribute('data-fixed'), { timeout: 30_000 }).toBe('true');
    expect(Number(await cut.inputValue())).toBeLessThan(quantile);
  });
});
