import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/types';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../../support/workspace';

/**
 * Segments in their preset's rank order in every table the app computes, in both languages:
 * never by size (on the sample, Ordinary is by far the largest tier) nor by spelling.
 */
const RANKED = {
  en: ['VIP', 'Important', 'Ordinary', 'Potential'],
  'zh-CN': ['VIP客户', '重要客户', '普通客户', '潜在客户'],
} as const;

let ws: Workspace;
let close: () => void;
let id: string;

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.start();
  await ws.segments.addPresetCell('value-tiers');
  id = ws.notebook.notebook.cells.at(-1)!.id;
}, 180_000);
afterAll(() => close());

/** The distinct segments of rows, in the order they first appear, ranked ones only. */
function seen(rows: Row[], column = 'segment', ranked: readonly string[] = RANKED.en): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const s = String(r[column]);
    if (ranked.includes(s as never) && !out.includes(s)) out.push(s);
  }
  return out;
}

async function everyConsumer(lang: 'en' | 'zh-CN') {
  const ranked = RANKED[lang];
  /** The segments rows show, in the rank order, at least three of them. */
  const expectRanked = (rows: Row[], column = 'segment') => {
    const order = seen(rows, column, ranked);
    expect(order.length).toBeGreaterThanOrEqual(3);
    expect(order).toEqual(ranked.filter((s) => order.includes(s)));
  };
  const run = ws.notebook.runs[id];
  expect(run?.status).toBe('done');
  const summary = run?.result && 'summary' in run.result ? run.result.summary : [];
  // The summary feeds the segments table, the share charts and present mode.
  expect(summary.map((r) => r.segment)).toEqual(ranked);
  const sizes = summary.map((r) => Number(r.customers));
  expect(Math.max(...sizes)).toBe(sizes[2]); // Ordinary is the largest: not by size

  expectRanked(await ws.evaluation.scorecard(id));
  const geography = await ws.evaluation.geography(id, 'province');
  expectRanked(geography.filter((r) => r.place === geography[0]!.place));
  expectRanked(await ws.evaluation.campaigns(id, false));
  expectRanked((await ws.evaluation.backtest(id, '2024-07-01', 90)).rows);
  const migration = await ws.evaluation.migration(id, ['2024-07-01', '2025-01-01']);
  const last = String(migration.sizes.at(-1)!.as_of);
  expectRanked(migration.sizes.filter((r) => String(r.as_of) === last));
  const stayed = migration.transitions.filter((r) => !r.is_new && !r.is_left);
  expectRanked(stayed, 'from_segment');
  expectRanked((await ws.segments.segmentExportRows(id)).rows);
}

describe("segments in their preset's rank order", () => {
  it('in English', async () => {
    await everyConsumer('en');
  }, 120_000);

  it('in Chinese', async () => {
    await ws.setLang('zh-CN');
    await everyConsumer('zh-CN');
  }, 180_000);
});
