import { ident, num } from './quote';

/** Buyers only: prospects have no orders, so no recency, and never enter a quantile. */
const BUYERS = 'recency_days IS NOT NULL';

/** Decimals a measure's values are given in, at most this many. */
export const MAX_DECIMALS = 4;

/**
 * The lowest, median and highest value of a measure over buyers, to choose the axis scale, and
 * how many decimals its values have (0 for days and orders, 2 for spend in cents; a sum that
 * floating point left at 12.300000001 counts as 12.3), so a dragged cut lands on that precision.
 */
export function measureSpreadSql(source: string, column: string): string {
  const c = ident(column);
  const x = `CAST(${c} AS DOUBLE)`;
  const decimals = Array.from(
    { length: MAX_DECIMALS },
    (_, k) => `WHEN abs(${x} - round(${x}, ${num(k)})) < 1e-6 THEN ${num(k)}`,
  ).join(' ');
  return `SELECT min(${c}) AS min, median(${c}) AS median, max(${c}) AS max, max(CASE ${decimals} ELSE ${num(MAX_DECIMALS)} END) AS decimals FROM ${ident(source)} WHERE ${BUYERS} AND ${c} IS NOT NULL`;
}

/**
 * Buyers per bin of a measure: `bins` equal steps of the value, or of sign(x)·ln(1 + |x|) on a
 * symlog axis (so skewed spend gets as many bars at its low end as at its long tail). Each row:
 * the bin's start and end in the measure's own units, and its customers.
 */
export function histogramSql(
  source: string,
  column: string,
  bins: number,
  scale: 'linear' | 'symlog',
): string {
  const c = ident(column);
  const n = num(bins);
  const t = scale === 'symlog' ? 'sign(x) * ln(1 + abs(x))' : 'x';
  const back = (y: string) => (scale === 'symlog' ? `sign(${y}) * (exp(abs(${y})) - 1)` : y);
  return `WITH v AS (
  SELECT CAST(${c} AS DOUBLE) AS x FROM ${ident(source)} WHERE ${BUYERS} AND ${c} IS NOT NULL
),
t AS (SELECT x, ${t} AS t FROM v),
r AS (SELECT min(t) AS lo, max(t) AS hi, bool_and(x = floor(x)) AS whole FROM t),
b AS (
  SELECT
    CASE WHEN hi = lo THEN 0 ELSE least(floor((t - lo) / (hi - lo) * ${n}), ${n} - 1) END AS bin,
    min(x) AS x_min,
    max(x) AS x_max,
    count(*) AS customers
  FROM t CROSS JOIN r
  GROUP BY ALL
)
-- Whole numbers (days, orders) fill [min, max + 1) of their bin: at the low end of a log axis
-- a bin narrower than 1 would otherwise draw 1 as a sliver beside a gap.
SELECT
  bin,
  CASE WHEN whole THEN x_min ELSE ${back(`lo + (hi - lo) * bin / ${n}`)} END AS start,
  CASE WHEN whole THEN x_max + 1 ELSE ${back(`CASE WHEN hi = lo THEN hi + 1 ELSE lo + (hi - lo) * (bin + 1) / ${n} END`)} END AS "end",
  customers
FROM b CROSS JOIN r
ORDER BY bin`;
}
