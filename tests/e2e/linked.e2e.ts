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
      .locator('.mark-symbol path, .mark-rect path');
    await points.first().waitFor({ timeout: 30_000 });
    await clickMark(points);
    await expect.poll(() => cell.getByTestId('focus-chip').count()).toBe(1);
    const chosen = await cell.getByTestId('focus-value').innerText();
    await expect.poll(() => table(), { timeout: 30_000 }).toEqual({ [chosen]: all[chosen] });
    await cell.getByTestId('focus-clear').click();
    expect(await table()).toEqual(all);
  });
});
