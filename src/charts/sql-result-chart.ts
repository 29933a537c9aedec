import type { TopLevelSpec } from 'vega-lite';
import type { ColumnKind, Row } from '../domain/result';
import type { Lang } from '../domain/labels';
import type { SqlChart } from '../model/sql-chart';
import { chartBase } from './chart-theme';
import { checkRowBudget } from './mark-budget';
import { compactLabelExpr } from './number-formats';

export interface SqlResultChartOptions {
  rows: readonly Row[];
  columns: readonly { name: string; kind: ColumnKind }[];
  chart: SqlChart;
  lang: Lang;
  /** The container's width in pixels. */
  width: number;
  height?: number;
}

const TITLE = { en: 'SQL result', zh: 'SQL 结果' };
const ACCENT = '#3358d4';

/** A value as Vega reads it: dates as ISO text, big integers as numbers. */
function plain(v: unknown, kind: ColumnKind): unknown {
  if (v instanceof Date) return kind === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/**
 * A SQL cell's result as a chart: a line over time, bars per category (longest first, drawn
 * across so long names read), or a scatter of two numbers. Axis titles are the column names.
 */
export function sqlResultChart(options: SqlResultChartOptions): TopLevelSpec {
  const { rows, columns, chart, lang } = options;
  checkRowBudget(rows as unknown[], TITLE);
  const kindOf = (name: string) => columns.find((c) => c.name === name)?.kind ?? 'other';
  const xKind = kindOf(chart.x);
  const values = rows.map((r) => ({
    x: plain(r[chart.x], xKind),
    y: plain(r[chart.y], 'number'),
  }));
  const yAxis = { field: 'y', type: 'quantitative', title: chart.y } as const;
  const measureAxis = { labelExpr: compactLabelExpr(lang) };
  const time = xKind === 'date' || xKind === 'timestamp';
  const base = {
    ...chartBase(),
    width: options.width,
    height: options.height ?? 300,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
  } as const;
  if (chart.kind === 'bar' && xKind !== 'number' && !time) {
    return {
      ...base,
      // A band of 24 px per category, so many categories scroll rather than squeeze.
      height: 24 * new Set(values.map((v) => String(v.x))).size,
      mark: { type: 'bar', tooltip: true, color: ACCENT },
      encoding: {
        y: { field: 'x', type: 'nominal', title: chart.x, sort: '-x' },
        x: { ...yAxis, axis: measureAxis },
      },
    } as TopLevelSpec;
  }
  const x = time
    ? ({
        field: 'x',
        type: 'temporal',
        title: chart.x,
        scale: { type: 'utc' },
        axis: { format: xKind === 'date' ? '%Y-%m' : undefined, labelAngle: 0, labelOverlap: true },
      } as const)
    : xKind === 'number'
      ? ({ field: 'x', type: 'quantitative', title: chart.x, axis: measureAxis } as const)
      : ({ field: 'x', type: 'ordinal', title: chart.x, axis: { labelOverlap: true } } as const);
  const mark =
    chart.kind === 'line'
      ? { type: 'line', point: true, tooltip: true, color: ACCENT }
      : chart.kind === 'bar'
        ? { type: 'bar', tooltip: true, color: ACCENT }
        : { type: 'point', filled: true, opacity: 0.6, tooltip: true, color: ACCENT };
  return {
    ...base,
    mark,
    encoding: { x, y: { ...yAxis, axis: measureAxis } },
  } as TopLevelSpec;
}
