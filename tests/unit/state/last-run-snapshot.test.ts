import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/model/notebook';
import {
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_BYTES,
  SNAPSHOT_COLUMNS,
  snapshotOf,
} from '../../../src/state/last-run-snapshot';
import type { CellRun } from '../../../src/state/NotebookState.svelte';
import type { Quadrant } from '../../../src/state/evaluate';

const sqlCell: Cell = { id: 'a', kind: 'sql', source: 'SELECT 1' };
const presetCell: Cell = {
  id: 'b',
  kind: 'preset',
  presetId: 'value-tiers',
  params: {},
  name: 'tiers',
  strategies: {},
};

function sqlRun(rows: number, columns: number): CellRun {
  const names = Array.from({ length: columns }, (_, i) => `c${i}`);
  const page = Array.from({ length: Math.min(rows, 100) }, (_, r) =>
    Object.fromEntries(names.map((n, i) => [n, r * 1000 + i])),
  );
  return {
    status: 'done',
    result: {
      columns: names.map((name) => ({ name, type: 'Int32', kind: 'number' as const })),
      rowCount: rows,
      offset: 0,
      page,
      stored: true,
      elapsedMs: 5,
    },
  };
}

describe('snapshotOf', () => {
  it('keeps a SQL result’s first page, at most 50 columns, and nothing of a failed run', () => {
    const s = snapshotOf(sqlCell, sqlRun(1000, 80))!;
    expect(s.result.rowCount).toBe(1000);
    expect(s.result.page).toHaveLength(100);
    expect(s.result.columns).toHaveLength(SNAPSHOT_COLUMNS);
    expect(Object.keys(s.result.page[0]!)).toHaveLength(SNAPSHOT_COLUMNS);
    expect(s.result.page[99]!.c49).toBe(99049);
    const failed: CellRun = { status: 'error', error: 'x' };
    expect(snapshotOf(sqlCell, failed)).toBeNull();
    expect(snapshotOf({ id: 'm', kind: 'markdown', source: '' }, sqlRun(1, 1))).toBeNull();
  });

  it('keeps a segmentation’s summary but none of its customers', () => {
    const run: CellRun = {
      status: 'done',
      result: {
        ...sqlRun(3, 2).result!,
        sql: 'SELECT …',
        summary: [{ segment: 'VIP', customers: 3, revenue: 10 }],
      },
    };
    const s = snapshotOf(presetCell, run)!;
    expect(s.result.page).toEqual([]);
    expect('summary' in s.result && s.result.summary).toEqual([
      { segment: 'VIP', customers: 3, revenue: 10 },
    ]);
  });

  it('leaves out the quadrant, then the page, to stay within the byte budget', () => {
    const wide = 'x'.repeat(3000);
    const points = Array.from({ length: 200 }, (_, i) => ({
      kind: 'point',
      customer_id: `${wide}${i}`,
    }));
    const quadrant = { rows: points, summary: [], cells: [] } as unknown as Quadrant;
    const small = snapshotOf(sqlCell, sqlRun(2, 2), { scale: 'auto', data: quadrant })!;
    expect(small.quadrant).toBeUndefined();
    expect(small.result.page).toHaveLength(2);

    const big = sqlRun(100, 50);
    big.result!.page.forEach((row, r) => {
      for (const k of Object.keys(row)) row[k] = `${wide.slice(0, 100)}${r}${k}`;
    });
    const trimmed = snapshotOf(sqlCell, big)!;
    expect(trimmed.result.page).toEqual([]);
    expect(JSON.stringify(encodeSnapshot(trimmed)).length).toBeLessThanOrEqual(SNAPSHOT_BYTES);
  });
});

describe('encodeSnapshot', () => {
  it('round-trips dates, non-finite numbers and rows kept by column', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      day: new Date(Date.UTC(2024, 0, i + 1)),
      segment: i % 3 === 0 ? 'VIP' : 'Other',
      kind: 'point',
      value: i === 5 ? Number.NaN : i / 7,
      none: null,
    }));
    const run = sqlRun(30, 1);
    run.result!.page = rows;
    run.result!.columns = Object.keys(rows[0]!).map((name) => ({ name, type: '', kind: 'other' }));
    const s = snapshotOf(sqlCell, run)!;
    const encoded = encodeSnapshot(s);
    const text = JSON.stringify(encoded);
    // By column: a repeated text once per distinct value, a constant once.
    expect(text.match(/"VIP"/g)).toHaveLength(1);
    expect(text.match(/"point"/g)).toHaveLength(1);
    const back = decodeSnapshot(JSON.parse(text));
    expect(back.result.page).toEqual(rows);
    expect(back.result.page[3]!.day).toBeInstanceOf(Date);
    expect(back.result.page[5]!.value).toBeNaN();
  });
});
