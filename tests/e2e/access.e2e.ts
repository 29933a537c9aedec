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

describe('access, in Chromium', () => {
  it('offers a skip link to the notebook as the first Tab stop', async () => {
    const { page } = s;
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(first).toBe('skip-link');
    expect(await page.getByTestId('skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('notebook');
  });

  it('shows the add bar at the end of the notebook without a hover', async () => {
    const { page } = s;
    await page.mouse.move(1, 1);
    const bars = page.getByTestId('add-bar');
    const opacity = (await bars.last().evaluate((e) => getComputedStyle(e).opacity)) as string;
    expect(Number(opacity)).toBe(1);
    expect(await bars.last().getByRole('button', { name: '+ SQL' }).isVisible()).toBe(true);
  });

  it('draws cell toolbar buttons at 4.5:1 contrast or more, at rest', async () => {
    const { page } = s;
    await page.mouse.move(1, 1);
    // Effective text colour (opacity of the element and its ancestors blended over the
    // background behind it) against that background, by the WCAG 2 formula.
    const ratios = await page
      .locator('[data-testid=cell] .actions button:not(:disabled)')
      .evaluateAll((buttons) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => {
            const x = v / 255;
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        return buttons.map((b) => {
          let opacity = 1;
          let background: number[] | null = null;
          for (let e: Element | null = b; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            opacity *= Number(style.opacity);
            const bg = rgb(style.backgroundColor);
            if (!background && (bg.length === 3 || bg[3] > 0)) background = bg.slice(0, 3);
          }
          const bg = background ?? [255, 255, 255];
          const fg = rgb(getComputedStyle(b).color).slice(0, 3);
          const seen = fg.map((v, i) => v * opacity + bg[i] * (1 - opacity));
          const [hi, lo] = [lum(seen), lum(bg)].sort((x, y) => y - x);
          return { text: b.textContent?.trim(), ratio: (hi + 0.05) / (lo + 0.05) };
        });
      });
    expect(ratios.length).toBeGreaterThan(10);
    expect(ratios.filter((r) => r.ratio < 4.5)).toEqual([]);
  });
});
