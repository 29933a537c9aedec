import type { CellRun } from '../state/NotebookState.svelte';

/** A number as the notebook shows it: ten significant digits, so float noise does not count. */
function shown(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(10);
  if (v instanceof Date) return v.toISOString();
  if (v === null || v === undefined) return '';
  return String(v);
}

/**
 * A short text standing for a cell's output, for tests comparing runs (`data-digest`): its
 * status, then segment counts and revenue, a SQL result's rows (first page), or a Predict cell's
 * scores and fitted parameters. No timings: the same output gives the same digest.
 */
export function cellDigest(run: CellRun | undefined): string {
  if (!run) return 'idle';
  if (run.status !== 'done')
    return run.status === 'error' ? `error: ${run.error ?? ''}` : run.status;
  if (run.predict) {
    const f = run.predict.forecast;
    const params = Object.entries(f.fit.params).map(([k, v]) => `${k}=${shown(v)}`);
    return `predict ${run.predict.scored} ${shown(run.predict.totalClv)} | ${f.fit.model} ${params.join(' ')}`;
  }
  const result = run.result;
  if (!result) return 'done';
  if ('summary' in result) {
    return result.summary
      .map((r) => `${shown(r.segment)}: ${shown(r.customers)} ${shown(r.revenue)}`)
      .join(' | ');
  }
  const rows = result.page.map((r) => Object.values(r).map(shown).join(','));
  return `${result.rowCount} rows | ${rows.join(' | ')}`;
}
