import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/types';
import type { Workspace } from '../../../src/state/Workspace.svelte';
import { nodeWorkspace } from '../../support/workspace';

/**
 * One churn threshold, set on the notebook, in every consumer. Analysis date 2024-07-01,
 * threshold 100 days. Last orders and recency: A 06-01 (30), B 03-01 (122), C 03-23 (100),
 * D 03-22 (101), E 2023-02-01 (516), F 06-20 (11). Churned (recency > 100): B, D, E.
 * The data's own threshold would be 240 days (gaps 31, 152, 157, 274: p90 = 238.9), under
 * which only E has churned: a consumer ignoring the setting gives other numbers.
 */
const CSV = `customer,order_date,amount
A,2024-01-01,10
A,2024-06-01,10
B,2023-06-01,10
B,2024-03-01,10
C,2024-03-23,10
D,2024-03-22,10
E,2023-01-01,10
E,2023-02-01,10
F,2024-01-15,10
F,2024-06-20,10
`;

let ws: Workspace;
let close: () => void;
let cellId: string;

beforeAll(async () => {
  const w = nodeWorkspace();
  ws = w.ws;
  close = w.close;
  await ws.session.newNotebook();
  await ws.session.loadFiles([{ name: 'orders.csv', data: new File([CSV], 'orders.csv') }]);
  ws.features.setAsOf('2024-07-01');
  ws.features.setChurnDays(100);
  await ws.segments.addPresetCell('lifecycle');
  cellId = ws.notebook.notebook.cells.at(-1)!.id;
}, 120_000);
afterAll(() => close());

const count = (rows: Row[], segment: string) =>
  Number(rows.find((r) => r.segment === segment)?.customers ?? 0);

describe('one churn definition per notebook', () => {
  it('the data-derived threshold is computed, and the setting overrides it', () => {
    expect(ws.features.derivedChurn).toMatchObject({ days: 240, gaps: 4 });
    expect(ws.features.derivedChurn?.shorterShare).toBeCloseTo(3 / 4);
    expect(ws.features.churnDays).toBe(100);
  });

  it('lifecycle files B, D and E under Churned', () => {
    const run = ws.notebook.runs[cellId];
    expect(run?.status).toBe('done');
    const summary = run?.result && 'summary' in run.result ? run.result.summary : [];
    expect(count(summary, 'Churned')).toBe(3);
  });

  it("the scorecard's churn rate is 3 of 6 buyers", async () => {
    const rows = await ws.evaluation.scorecard(cellId);
    const total = rows.find((r) => r.is_total)!;
    expect(Number(total.churn_rate)).toBeCloseTo(0.5);
    expect(Number(rows.find((r) => r.segment === 'Churned')!.churn_rate)).toBe(1);
  });

  it('the backtest watches the churn threshold after the cut-off by default', async () => {
    // As of 2024-03-01 the members are A, B, E, F. Window 03-01 <= day < 06-09 (100 days):
    // A (06-01) and B (03-01) order again; F's 06-20 order falls outside (inside 240 days).
    const { rows } = await ws.evaluation.backtest(cellId, '2024-03-01');
    const total = rows.find((r) => r.is_total)!;
    expect(Number(total.customers)).toBe(4);
    expect(Number(total.retained)).toBe(2);
  });

  it('migration recomputes lifecycle at every date with the same threshold', async () => {
    // As of 2024-03-01: recency B 274, E 394 -> churned at 100 days; at 300 days only E.
    const churned = (sizes: Row[], day: string) =>
      Number(
        sizes.find(
          (r) =>
            new Date(r.as_of as string).toISOString().startsWith(day) && r.segment === 'Churned',
        )?.customers ?? 0,
      );
    const dates = ['2024-03-01', '2024-07-01'];
    const at100 = await ws.evaluation.migration(cellId, dates);
    expect([churned(at100.sizes, dates[0]!), churned(at100.sizes, dates[1]!)]).toEqual([2, 3]);
    ws.features.setChurnDays(300);
    const at300 = await ws.evaluation.migration(cellId, dates);
    expect([churned(at300.sizes, dates[0]!), churned(at300.sizes, dates[1]!)]).toEqual([1, 1]);
    ws.features.setChurnDays(100);
  });
});
