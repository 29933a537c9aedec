import { LocalizedError } from '../domain/localized-error';
import type { Labels } from '../domain/labels';

/** Vega stays responsive up to tens of thousands of marks; beyond, aggregate in DuckDB first. */
export const MAX_CHART_ROWS = 50_000;

/** Throws a readable error when a chart would embed more rows than `MAX_CHART_ROWS`. */
export function checkRowBudget(rows: readonly unknown[], chart: Labels): void {
  if (!Array.isArray(rows)) {
    throw new LocalizedError({
      en: `The ${chart.en} chart needs a list of rows.`,
      zh: `${chart.zh}图需要数据行列表。`,
    });
  }
  if (rows.length > MAX_CHART_ROWS) {
    throw new LocalizedError({
      en: `The ${chart.en} chart got ${rows.length} rows; aggregate to at most ${MAX_CHART_ROWS} rows first.`,
      zh: `${chart.zh}图收到 ${rows.length} 行数据，请先汇总到 ${MAX_CHART_ROWS} 行以内。`,
    });
  }
}
