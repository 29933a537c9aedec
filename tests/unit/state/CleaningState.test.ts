import { afterEach, describe, expect, it } from 'vitest';
import { CONFIRM_SHARE } from '../../../src/state/CleaningState.svelte';
import { orderLinesCsv } from '../../support/order-lines-fixture';
import { qualitySetup } from '../../support/quality-setup';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function loaded() {
  const s = qualitySetup();
  cleanups.push(s.close);
  await s.load('lines.csv', orderLinesCsv());
  await expect.poll(() => s.quality.reports.lines).toBeDefined();
  const cancelled = s.quality.reports.lines!.findings.find((f) => f.id === 'cancelled')!;
  const count = async () => Number((await s.query('SELECT count(*) AS n FROM lines'))[0]!.n);
  return { ...s, cancelled, count };
}

describe('CleaningState.request', () => {
  it('asks before a fix that removes more than 20% of the rows, saying how many', async () => {
    const s = await loaded();
    expect(CONFIRM_SHARE).toBe(0.2);
    const exclude = s.cancelled.fixes[1]!;
    expect(exclude.kind).toBe('exclude');
    // 5 cancellation lines of 19 = 26%.
    expect(await s.cleaning.request('lines', exclude)).toBe('asked');
    expect(s.cleaning.pending).toEqual({ table: 'lines', step: exclude, rows: 19, removed: 5 });
    expect(await s.count()).toBe(19); // nothing applied yet
    s.cleaning.cancel();
    expect(s.cleaning.pending).toBeNull();
    expect(s.cleaning.stepsOf('lines')).toEqual([]);
    expect(await s.count()).toBe(19);
    expect(await s.cleaning.confirm()).toBe(false); // nothing to confirm any more
  });

  it('applies the netting once confirmed: hand-worked spend per customer', async () => {
    const s = await loaded();
    const net = s.cancelled.fixes[0]!;
    // 5 cancellations go, and line 6 (32 bought, 40 cancelled) goes in full: 6 of 19 rows.
    expect(await s.cleaning.request('lines', net)).toBe('asked');
    expect(s.cleaning.pending).toMatchObject({ rows: 19, removed: 6 });
    expect(await s.cleaning.confirm()).toBe(true);
    expect(s.cleaning.pending).toBeNull();
    expect(await s.count()).toBe(13);
    expect(
      await s.query(
        'SELECT CustomerID AS c, round(sum(Quantity * UnitPrice), 2) AS spend FROM lines GROUP BY 1 ORDER BY 1 NULLS LAST',
      ),
    ).toEqual([
      { c: 12583, spend: 35.4 },
      { c: 13047, spend: 25.2 },
      { c: 17850, spend: 74.74 },
      { c: null, spend: 40.35 },
    ]);
  });

  it('applies a small fix at once, and asks for an explicit one however small', async () => {
    const s = await loaded();
    // 1 exact copy of 19 rows: 5%.
    expect(await s.cleaning.request('lines', { kind: 'dedupe-rows' })).toBe('applied');
    expect(s.cleaning.pending).toBeNull();
    expect(await s.count()).toBe(18);
    const step = { kind: 'exclude', filter: { test: 'blank', column: 'CustomerID' } } as const;
    expect(await s.cleaning.request('lines', step, { ask: true })).toBe('asked');
    expect(s.cleaning.pending).toMatchObject({ rows: 18, removed: 3 });
    expect(await s.count()).toBe(18);
  });
});
