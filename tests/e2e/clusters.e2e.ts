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
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

/** Segment -> customers, as the cell's summary shows them. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await cell.locator('[data-testid=segment-summary] tbody tr').all()) {
    const segment = (await row.getAttribute('data-segment')) ?? '';
    const text = await row.locator('[data-testid=segment-count]').innerText();
    out[segment] = Number(text.replace(/[^\d]/g, ''));
  }
  return out;
}

const status = () => cell.locator('[data-testid=cluster-fit-status]').innerText();

describe('explained clusters on the example notebook', () => {
  it('fits k-means in a worker when added, and shows the clusters and the silhouette curve', async () => {
    const cells = s.page.locator('[data-testid=cell]');
    const before = await cells.count();
    const worker = s.page.waitForEvent('worker', (w) => w.url().includes('clusters.worker'));
    await s.page.locator('[data-testid=add-segment]').last().selectOption('clusters');
    await worker;
    await expect.poll(() => cells.count()).toBe(before + 1);
    cell = cells.last();
    await expect
      .poll(() => cell.locator('[data-testid=cluster-fit-status]').count(), {
        timeout: 60_000,
      })
      .toBe(1);
    expect(await status()).toMatch(/^\d,\d{3} customers in k = \d clusters/);
    const k = Number(/k = (\d)/.exec(await status())![1]);
    const clusters = async () =>
      Object.keys(await counts()).filter((key) => key.startsWith('Cluster ')).length;
    await expect.poll(clusters).toBe(k);
    await waitIdle(s.page);
    const c = await counts();
    expect(Object.values(c).reduce((a, b) => a + b, 0)).toBe(5000);
    // Prospects have no recency, tenure or order value: their own segment, and said so.
    const notClustered = c['Not clustered'] ?? 0;
    if (notClustered > 0) {
      const note = await cell.locator('[data-testid=cluster-not-clustered]').innerText();
      expect(note).toContain(notClustered.toLocaleString('en-US'));
    }
    const curve = cell.locator('[data-testid=silhouette-curve] svg');
    await expect.poll(() => curve.count()).toBe(1);
    expect(await curve.locator('.mark-symbol path').count()).toBe(7);
  });

  it('overrides k from the form without losing the fit, and shows the SQL', async () => {
    const fitted = await status();
    await cell.locator('select').filter({ hasText: 'Best silhouette' }).selectOption('4');
    await expect.poll(status).toMatch(/k = 4 clusters/);
    const clusters = async () =>
      Object.keys(await counts()).filter((k) => k.startsWith('Cluster ')).length;
    await expect.poll(clusters).toBe(4);
    await waitIdle(s.page);
    expect(fitted.replace(/k = \d clusters \(silhouette [\d.]+\)/, '')).toBe(
      (await status()).replace(/k = \d clusters \(silhouette [\d.]+\)/, ''),
    );
    await cell.locator('[data-testid=show-sql]').click();
    const sql = await cell.locator('[data-testid=preset-sql]').innerText();
    expect(sql).toContain('k-means, k = 4, seed 42');
    expect(sql).toContain('WHEN d_1 <= least(d_2, d_3, d_4)');
  });

  it('fits the same clusters again: same data and seed, same counts', async () => {
    const before = await counts();
    const worker = s.page.waitForEvent('worker', (w) => w.url().includes('clusters.worker'));
    await cell.locator('[data-testid=fit-clusters]').click();
    await worker;
    await expect.poll(() => cell.locator('[data-testid=cluster-fit-status]').count()).toBe(1);
    await waitIdle(s.page);
    expect(await counts()).toEqual(before);
  });
});
