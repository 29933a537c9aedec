import type { Labels } from '../domain/labels';

/** Vega stays responsive up to tens of thousands of marks; beyond, aggregate in DuckDB first. */
export const MAX_CHART_ROWS = 50_000;

/** Throws a readable error when a chart would embed more rows than `MAX_CHART_ROWS`. */
export function checkRowBudget(rows: readonly unknown[], chart: Labels): void {
  if (!Array.isArray(rows)) {
    throw new Error(`The ${chart.en} chart needs a list of rows.\n${chart.zh}图需要数据行列表。`);
  }
  if (rows.length > MAX_CHART_ROWS) {
    throw new Error(
      `The ${chart.en} chart got ${rows.length} rows; aggregate to at most ${MAX_CHART_ROWS} rows first.\n` +
        `${chart.zh}图收到 ${rows.length} 行数据，请先汇总到 ${MAX_CHART_ROWS} 行以内。`,
    );
  }
}
