import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { waitForNotebookRun, waitIdle } from './helpers';
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

const digits = (text: string) => Number(text.replace(/[^\d]/g, ''));

/** The segment table: customers by segment, as shown. */
async function table(): Promise<Record<string, number>> {
  await cell.getByTestId('tab-segments').click();
  const out: Record<string, number> = {};
  for (const row of await cell.locator('[data-testid=segment-summary] tbody tr').all()) {
    const segment = (await row.getAttribute('data-segment'))!;
    out[segment] = digits(await row.getByTestId('segment-count').innerText());
  }
  return out;
}

/** The customers each geography bar stands for, read from its marks' labels once drawn. */
function bars(): Promise<number[]> {
  return cell
    .locator('[data-testid=geography-panel] svg .mark-rect path[aria-label]')
    .evaluateAll((els) =>
      els.map((e) => {
        const m = /Customers: ([\d,]+)/.exec(e.getAttribute('aria-label') ?? '');
        return m ? Number(m[1]!.replaceAll(',', '')) : NaN;
      }),
    );
}
/**
 * Clicks the first of `marks` the pointer can land on, where it lands on it: the middle of a
 * donut slice's box can be in the hole or on another slice, a customer's point under another.
 */
async function clickMark(marks: Locator): Promise<void> {
  await marks.first().scrollIntoViewIfNeeded();
  const point = await marks.evaluateAll((els) => {
    for (const el of els) {
      const box = el.getBoundingClientRect();
      for (let i = 1; i < 20; i++) {
        for (let j = 1; j < 20; j++) {
          const x = box.left + (box.width * i) / 20;
          const y = box.top + (box.height * j) / 20;
          if (document.elementFromPoint(x, y) === el) return { x, y };
        }
      }
    }
    return null;
  });
  if (!point) throw new Error('no visible point on the marks');
  await s.page.mouse.click(point.x, point.y);
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Every customer's spend and orders, counted here from the sample files the example loads: a
 * customer without orders has 0 of both, as the value × loyalty preset gives them.
 */
function sampleMeasures(): { spend: number; orders: number }[] {
  const dir = path.join(__dirname, '../../sample-data');
  const lines = (file: string) => readFileSync(path.join(dir, file), 'utf8').trim().split('\n');
  const by = new Map<string, { spend: number; orders: number }>();
  for (const line of lines('customers.csv').slice(1)) {
    by.set(line.slice(0, line.indexOf(',')), { spend: 0, orders: 0 });
  }
  const header = lines('orders.csv')[0]!.split(',');
  const [id, amount] = [header.indexOf('customer_id'), header.indexOf('amount')];
  for (const line of lines('orders.csv').slice(1)) {
    const f = line.split(',');
    const m = by.get(f[id]!)!;
    m.spend += Number(f[amount]);
    m.orders += 1;
  }
  return [...by.values()];
}

/** The quadrant's plotting area on screen. */
async function plotArea(): Promise<{ x: number; y: number; width: number; height: number }> {
  const panel = cell.locator('[data-testid=quadrant-panel]');
  await panel.locator('[data-testid=chart][data-rendered=true]').waitFor({ timeout: 30_000 });
  await panel.scrollIntoViewIfNeeded();
  const box = await panel.locator('svg .root > g > path.background').first().boundingBox();
  if (!box) throw new Error('no plotting area');
  return box;
}

/** Drags a rectangle between two points of the plotting area, given as fractions of it. */
async function brush(from: [number, number], to: [number, number]): Promise<void> {
  const b = await plotArea();
  const at = ([fx, fy]: [number, number]) => [b.x + b.width * fx, b.y + b.height * fy] as const;
  await s.page.mouse.move(...at(from));
  await s.page.mouse.down();
  await s.page.mouse.move(...at(to), { steps: 8 });
  await s.page.mouse.up();
}

/** The exact brushed ranges the chip stands for: `[column, min, max]`. */
async function brushed(): Promise<Record<string, [number, number]>> {
  const text = await cell.getByTestId('focus-chip').getAttribute('data-ranges');
  const out: Record<string, [number, number]> = {};
  for (const [column, min, max] of JSON.parse(text!) as [string, number, number][]) {
    out[column] = [min, max];
  }
  return out;
}

describe('linked charts of a segmentation cell', () => {
  let all: Record<string, number>;
  let segment: string;

  it('a segment clicked in the shares narrows the table and the geography to it', async () => {
    all = await table();
    const total = sum(Object.values(all));
    expect(Object.keys(all).length).toBeGreaterThan(2);
    await cell.getByTestId('tab-geography').click();
    await expect.poll(() => bars().then(sum), { timeout: 30_000 }).toBe(total);

    await cell.getByTestId('tab-shares').click();
    const slice = cell.locator('[data-testid=shares-panel] svg .mark-arc path').first();
    await slice.waitFor({ timeout: 30_000 });
    await clickMark(slice);
    await expect.poll(() => cell.getByTestId('focus-value').count()).toBe(1);
    segment = await cell.getByTestId('focus-value').innerText();
    expect(Object.keys(all)).toContain(segment);

    await expect.poll(() => table(), { timeout: 30_000 }).toEqual({ [segment]: all[segment] });
    await cell.getByTestId('tab-geography').click();
    await expect.poll(() => bars().then(sum), { timeout: 30_000 }).toBe(all[segment]);
  });

  it('a place clicked in the geography narrows the table further; the chip clears both', async () => {
    const first = cell.locator('[data-testid=geography-panel] svg .mark-rect path').first();
    const inPlace = digits(
      /Customers: ([\d,]+)/.exec((await first.getAttribute('aria-label'))!)![1]!,
    );
    await clickMark(first);
    await expect.poll(() => cell.getByTestId('focus-value').innerText()).toContain(' · ');
    await expect.poll(() => table(), { timeout: 30_000 }).toEqual({ [segment]: inPlace });
    expect(inPlace).toBeLessThan(all[segment]!);

    await cell.getByTestId('focus-clear').click();
    expect(await cell.getByTestId('focus-chip').count()).toBe(0);
    expect(await table()).toEqual(all);
    await cell.getByTestId('tab-geography').click();
    await expect.poll(() => bars().then(sum), { timeout: 30_000 }).toBe(sum(Object.values(all)));
  });

  it('Escape clears a selection too', async () => {
    await cell.getByTestId('tab-shares').click();
    await clickMark(cell.locator('[data-testid=shares-panel] svg .mark-arc path').nth(1));
    await expect.poll(() => cell.getByTestId('focus-chip').count()).toBe(1);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => cell.getByTestId('focus-chip').count()).toBe(0);
    expect(await table()).toEqual(all);
  });

  it('a customer clicked in the quadrant selects their segment', async () => {
    await cell.getByTestId('tab-quadrant').click();
    const points = cell
      .locator('[data-testid=quadrant-panel] svg')
      .locator('.mark-symbol path, .mark-rect:not([class*=brush]) path');
    await points.first().waitFor({ timeout: 30_000 });
    await clickMark(points);
    await expect.poll(() => cell.getByTestId('focus-chip').count()).toBe(1);
    const chosen = await cell.getByTestId('focus-value').innerText();
    await expect.poll(() => table(), { timeout: 30_000 }).toEqual({ [chosen]: all[chosen] });
    await cell.getByTestId('focus-clear').click();
    expect(await table()).toEqual(all);
  });

  it('a rectangle brushed on the quadrant narrows the table and the charts to its customers', async () => {
    await cell.getByTestId('tab-quadrant').click();
    const chart = cell.locator('[data-testid=quadrant-panel] [data-testid=chart]');
    const draws = async () => (await plotArea(), await chart.getAttribute('data-draws'));
    const before = await draws();
    await brush([0.5, 0.3], [0.7, 0.6]);
    await expect.poll(() => cell.getByTestId('focus-chip').count(), { timeout: 10_000 }).toBe(1);
    // The brush filters the others; the quadrant itself is neither drawn again nor rebuilt.
    expect(await draws()).toBe(before);
    const r = await brushed();
    expect(Object.keys(r).sort()).toEqual(['loyalty', 'value']);
    const chip = await cell.getByTestId('focus-value').innerText();
    expect(chip).toMatch(/^Spend [\d,.]+–[\d,.]+ · Orders [\d,.]+–[\d,.]+$/);

    const inside = sampleMeasures().filter(
      (m) =>
        m.spend >= r.value![0] &&
        m.spend <= r.value![1] &&
        m.orders >= r.loyalty![0] &&
        m.orders <= r.loyalty![1],
    ).length;
    expect(inside).toBeGreaterThan(20);
    expect(inside).toBeLessThan(sum(Object.values(all)));

    await expect
      .poll(() => table().then((t) => sum(Object.values(t))), { timeout: 30_000 })
      .toBe(inside);
    await cell.getByTestId('tab-geography').click();
    await expect.poll(() => bars().then(sum), { timeout: 30_000 }).toBe(inside);

    // Profiles: the brushed customers as one group against the others.
    await cell.getByTestId('tab-profiles').click();
    const profiled = cell.getByTestId('profile-description');
    await expect
      .poll(async () => (await profiled.count()) === 1 && (await profiled.innerText()), {
        timeout: 30_000,
      })
      .toContain(`${inside.toLocaleString('en-US')} customers`);
    expect(await profiled.locator('.name').innerText()).toBe(chip);
    // Cohorts: of the brushed customers, who all ordered in the two years of the sample.
    await cell.getByTestId('tab-cohorts').click();
    await cell.getByTestId('cohort-focused').waitFor();
    const sizes = () =>
      cell
        .locator('[data-testid=cohort-table] tbody tr td:first-of-type')
        .allInnerTexts()
        .then((xs) => sum(xs.map(digits)));
    await expect.poll(sizes, { timeout: 30_000 }).toBe(inside);
    // Backtest and migration form the segments again at other dates: they say they show all.
    await cell.getByTestId('tab-backtest').click();
    await cell.getByTestId('focus-all-customers').waitFor();

    // A segment clicked in the shares narrows the brushed customers further.
    await cell.getByTestId('tab-shares').click();
    const within = await table();
    const [first] = Object.keys(within);
    await cell.getByTestId('tab-shares').click();
    await clickMark(cell.locator('[data-testid=shares-panel] svg .mark-arc path').first());
    await expect.poll(() => cell.getByTestId('focus-value').innerText()).toContain(' · Spend');
    const chosen = (await cell.getByTestId('focus-value').innerText()).split(' · ')[0]!;
    expect(Object.keys(within)).toContain(first);
    await expect.poll(() => table(), { timeout: 30_000 }).toEqual({ [chosen]: within[chosen] });
    await cell.getByTestId('tab-shares').click();
    await clickMark(cell.locator('[data-testid=shares-panel] svg .mark-arc path').first());
    await expect.poll(() => cell.getByTestId('focus-value').innerText()).toMatch(/^Spend/);

    // A double click on the chart clears the brush and the filter.
    await cell.getByTestId('tab-quadrant').click();
    const b = await plotArea();
    await s.page.mouse.dblclick(b.x + b.width * 0.1, b.y + b.height * 0.9);
    await expect.poll(() => cell.getByTestId('focus-chip').count(), { timeout: 10_000 }).toBe(0);
    expect(await table()).toEqual(all);
  });

  it('the chip and Escape clear a brush, and take it off the chart', async () => {
    const brushMark = cell.locator('[data-testid=quadrant-panel] svg .brush_brush path');
    for (const clear of ['chip', 'Escape'] as const) {
      await cell.getByTestId('tab-quadrant').click();
      await brush([0.2, 0.2], [0.6, 0.6]);
      await expect.poll(() => cell.getByTestId('focus-chip').count(), { timeout: 10_000 }).toBe(1);
      const drawn = await brushMark.last().boundingBox();
      expect(drawn!.width).toBeGreaterThan(20);
      if (clear === 'chip') await cell.getByTestId('focus-clear').click();
      else await s.page.keyboard.press('Escape');
      await expect.poll(() => cell.getByTestId('focus-chip').count()).toBe(0);
      await expect
        .poll(async () => (await brushMark.last().boundingBox())?.width ?? 0)
        .toBeLessThan(1);
      expect(await table()).toEqual(all);
    }
  });
});
