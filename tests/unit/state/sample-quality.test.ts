import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../../src/i18n/translate';
import { exampleNotebook } from '../../../src/model/example-notebook';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../../support/workspace';

/**
 * The sample passes its own data-quality checks but for warnings a real export shows, each
 * explained in the example notebook. Counts come from plain TypeScript over the CSV files.
 */
const ROOT = path.join(__dirname, '../../../sample-data');
const csv = (file: string) =>
  readFileSync(path.join(ROOT, file), 'utf8').trim().split(/\r?\n/).slice(1);

let ws: Workspace;
let close: () => void;
beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.start();
  for (let i = 0; i < 600 && Object.keys(ws.quality.reports).length < 4; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);
afterAll(() => close());

describe('the sample data', () => {
  it('raises only an extreme-amount warning on orders and duplicate rows on interactions', () => {
    const found = Object.fromEntries(
      Object.entries(ws.quality.reports).map(([t, r]) => [t, r.findings.map((f) => f.id)]),
    );
    expect(found).toEqual({
      customers: [],
      campaigns: [],
      orders: ['extreme-amount'],
      interactions: ['duplicate-rows'],
    });

    // Orders above the fence: all bulk orders of company customers, as the notebook says.
    const extreme = ws.quality.reports.orders!.findings[0]!;
    const fence = Number(extreme.params?.fence);
    const types = new Map(csv('customers.csv').map((l) => [l.split(',')[0], l.split(',')[2]]));
    const big = csv('orders.csv')
      .map((l) => l.split(','))
      .filter((f) => Number(f[3]) > fence);
    expect(extreme.count).toBe(big.length);
    expect(big).toHaveLength(11);
    expect(new Set(big.map((f) => types.get(f[1]!)))).toEqual(new Set(['enterprise']));

    // Interaction rows identical to an earlier one: feedback, twice on the same day.
    const seen = new Set<string>();
    const repeats = csv('interactions.csv').filter((l) => seen.size === seen.add(l).size);
    expect(ws.quality.reports.interactions!.findings[0]!.count).toBe(repeats.length);
    expect(repeats).toHaveLength(5);
    expect(repeats.every((l) => l.split(',')[2] === 'feedback')).toBe(true);
  });

  it('the example notebook explains each warning, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const text = exampleNotebook(lang, [])
        .cells.map((c) => (c.kind === 'markdown' ? c.source : ''))
        .join('\n');
      const title = (key: 'quality.extreme-amount' | 'quality.duplicate-rows') =>
        translate(lang, key).replace(/ in \{column\}.*| ?\{column\} ?中的|（.*$/g, '');
      expect(text).toMatch(new RegExp(`orders — ${title('quality.extreme-amount')}`, 'i'));
      expect(text).toMatch(new RegExp(`interactions — ${title('quality.duplicate-rows')}`, 'i'));
      expect(text).toContain('11');
      expect(text).toContain('5');
    }
  });
});
