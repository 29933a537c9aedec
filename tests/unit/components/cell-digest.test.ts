import { describe, expect, it } from 'vitest';
import { cellDigest } from '../../../src/components/cell-digest';
import type { CellRun } from '../../../src/state/NotebookState.svelte';

const result = { columns: [], offset: 0, stored: true, elapsedMs: 12 };

describe('cellDigest', () => {
  it('stands for segment counts and revenue, without timings or float noise', () => {
    const run = (revenue: number, elapsedMs: number): CellRun => ({
      status: 'done',
      result: {
        ...result,
        elapsedMs,
        rowCount: 3,
        page: [],
        sql: 'SELECT 1',
        summary: [
          { segment: 'VIP', customers: 1, revenue },
          { segment: 'Ordinary', customers: 2, revenue: 10 },
        ],
      },
    });
    expect(cellDigest(run(0.1 + 0.2, 5))).toBe('VIP: 1 0.3000000000 | Ordinary: 2 10');
    expect(cellDigest(run(0.3, 900))).toBe(cellDigest(run(0.1 + 0.2, 5)));
    expect(cellDigest(run(0.31, 5))).not.toBe(cellDigest(run(0.3, 5)));
  });

  it('lists a SQL result’s rows, and says when a cell has not run or failed', () => {
    const sql: CellRun = {
      status: 'done',
      result: {
        ...result,
        rowCount: 2,
        page: [
          { a: 1, b: 'x' },
          { a: 2, b: null },
        ],
      },
    };
    expect(cellDigest(sql)).toBe('2 rows | 1,x | 2,');
    expect(cellDigest(undefined)).toBe('idle');
    expect(cellDigest({ status: 'running' })).toBe('running');
    expect(cellDigest({ status: 'error', error: 'no table' })).toBe('error: no table');
  });
});
