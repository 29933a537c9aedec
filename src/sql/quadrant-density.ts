import { LocalizedError } from '../domain/localized-error';
import { requireInteger } from './input-check';
import { num } from './quote';
import { relationCte, type Relation } from './relation';

/** How value and loyalty are binned: evenly, or evenly in sign(x) * ln(1 + |x|) ("symlog"). */
export type DensityScale = 'linear' | 'symlog';

/**
 * Customers the quadrant draws one by one; past this, 2-D bins. Vega evaluates every encoding of
 * every point through its expression interpreter (the CSP forbids compiled expressions), about
 * four times slower than compiled: 20,000 points held the page for 0.67 s, 5,000 for 0.22 s.
 */
export const QUADRANT_POINTS = 5_000;

/** The density grid's bins along value and loyalty when not given. */
export const QUADRANT_BINS = { x: 60, y: 40 } as const;

export interface QuadrantPointsOptions {
  /**
   * A value × loyalty result: `customer_id`, `segment`, `value`, `loyalty` (the value-loyalty
   * preset's SQL). Rows with a missing or infinite value or loyalty are left out.
   */
  segments: Relation;
  /** At most this many customers come back (default QUADRANT_POINTS). */
  maxPoints?: number;
}

export interface QuadrantCellsOptions {
  /**
   * As for the points, plus `value_threshold`, `loyalty_threshold` and `monetary` (spend, for
   * revenue): the value-loyalty preset's result carries all three, so no join is needed.
   */
  segments: Relation;
  /** Bins along value and loyalty (default 60 × 40). */
  xBins?: number;
  yBins?: number;
  /** One scale for both axes, or one per axis. */
  scale?: DensityScale | { value: DensityScale; loyalty: DensityScale };
}

/** A customer drawn as a point; the same shape as a bin (transforms/quadrant-rollup.ts). */
export interface QuadrantPointRow {
  kind: 'point';
  customer_id: string;
  segment: string;
  value: number;
  loyalty: number;
  value_lo: null;
  value_hi: null;
  loyalty_lo: null;
  loyalty_hi: null;
  customers: 1;
  segment_share: 1;
}

const TO_SCALE: Record<DensityScale, (x: string) => string> = {
  linear: (x) => x,
  symlog: (x) => `sign(${x}) * ln(1 + abs(${x}))`,
};
const FROM_SCALE: Record<DensityScale, (t: string) => string> = {
  linear: (t) => t,
  symlog: (t) => `sign(${t}) * (exp(abs(${t})) - 1)`,
};

const FINITE = 'isfinite(CAST(value AS DOUBLE)) AND isfinite(CAST(loyalty AS DOUBLE))';

/** SQL for every drawable customer as a point (`QuadrantPointRow`), at most `maxPoints`. */
export function quadrantPointsSql(options: QuadrantPointsOptions): string {
  const maxPoints = requireInteger(
    options.maxPoints ?? QUADRANT_POINTS,
    1,
    50_000,
    'point limit',
    '散点数上限',
  );
  return `WITH
${relationCte('segmented', options.segments)}
SELECT
  'point' AS kind,
  CAST(customer_id AS VARCHAR) AS customer_id,
  CAST(segment AS VARCHAR) AS segment,
  CAST(value AS DOUBLE) AS value,
  CAST(loyalty AS DOUBLE) AS loyalty,
  NULL::DOUBLE AS value_lo,
  NULL::DOUBLE AS value_hi,
  NULL::DOUBLE AS loyalty_lo,
  NULL::DOUBLE AS loyalty_hi,
  1::BIGINT AS customers,
  1.0::DOUBLE AS segment_share
FROM segmented
WHERE ${FINITE}
LIMIT ${num(maxPoints)}`;
}

/** The spread of each measure (rows of `QuadrantSpread`), to choose each axis's scale. */
export interface QuadrantSpread {
  value_min: number | null;
  value_median: number | null;
  value_max: number | null;
  loyalty_min: number | null;
  loyalty_median: number | null;
  loyalty_max: number | null;
}

/** SQL for one `QuadrantSpread` row over the drawable customers of a value × loyalty result. */
export function quadrantSpreadSql(segments: Relation): string {
  const stats = (m: 'value' | 'loyalty') =>
    `min(CAST(${m} AS DOUBLE)) AS ${m}_min, median(CAST(${m} AS DOUBLE)) AS ${m}_median, max(CAST(${m} AS DOUBLE)) AS ${m}_max`;
  return `WITH
${relationCte('segmented', segments)}
SELECT ${stats('value')}, ${stats('loyalty')}
FROM segmented
WHERE ${FINITE}`;
}

/** The grid both the cells and the members are binned on (see `quadrantCellsSql`). */
function binning(options: QuadrantCellsOptions) {
  const xBins = requireInteger(
    options.xBins ?? QUADRANT_BINS.x,
    1,
    500,
    'number of value bins',
    '价值分箱数',
  );
  const yBins = requireInteger(
    options.yBins ?? QUADRANT_BINS.y,
    1,
    500,
    'number of loyalty bins',
    '忠诚度分箱数',
  );
  const given = options.scale ?? 'linear';
  const scales = typeof given === 'string' ? { value: given, loyalty: given } : given;
  for (const scale of [scales.value, scales.loyalty]) {
    if (!Object.hasOwn(TO_SCALE, scale))
      throw new LocalizedError({ en: `Unknown scale "${scale}".`, zh: `未知的刻度“${scale}”。` });
  }
  const axisScale = (axis: 'x' | 'y') => (axis === 'x' ? scales.value : scales.loyalty);
  const to = (axis: 'x' | 'y', x: string) => TO_SCALE[axisScale(axis)](x);
  const back = (axis: 'x' | 'y', t: string) => FROM_SCALE[axisScale(axis)](t);
  // An axis whose values are all equal still gets one visible bin.
  const width = (axis: 'x' | 'y', bins: number) =>
    `CASE WHEN max(t${axis}) > min(t${axis}) THEN (max(t${axis}) - min(t${axis})) / ${num(bins)} ELSE 1.0 / ${num(bins)} END AS ${axis}w`;
  // Customers are first grouped by their unclamped bin, a DOUBLE: no cast, no clamp and no test
  // for a missing or infinite measure on each of 100k rows (each a few ms in DuckDB-WASM), only
  // on the few hundred groups. A missing measure has no bin; the maximum lands on the edge of
  // the last bin, so it is clamped into it.
  const raw = (axis: 'x' | 'y', measure: string) =>
    `floor((${to(axis, `m.${measure}`)} - e.${axis}0) / e.${axis}w) AS f${axis}`;
  const index = (axis: 'x' | 'y', bins: number) =>
    `CASE WHEN isfinite(fx) AND isfinite(fy) THEN CAST(least(f${axis}, ${num(bins - 1)}) AS INTEGER) END AS bin_${axis}`;
  const extent = `extent AS (
  SELECT min(tx) AS x0, min(ty) AS y0, ${width('x', xBins)}, ${width('y', yBins)}
  FROM (
    SELECT ${to('x', 'CAST(value AS DOUBLE)')} AS tx, ${to('y', 'CAST(loyalty AS DOUBLE)')} AS ty
    FROM segmented
    WHERE ${FINITE}
  )
)`;
  return { xBins, yBins, back, raw, index, extent };
}

/**
 * SQL for the quadrant's numbers in one pass over the result (rows of transforms/quadrant-rollup.ts
 * `QuadrantCell`: no bin, centre or edges for a customer with a missing measure): customers and
 * revenue per bin of an xBins × yBins grid over the data's range (empty bins left out), segment
 * and quadrant. Summed per bin they are the chart's density bins; summed per segment and
 * quadrant, the quadrant totals: one scan of the result, no join.
 */
export function quadrantCellsSql(options: QuadrantCellsOptions): string {
  const { xBins, yBins, back, raw, index, extent } = binning(options);
  const edge = (axis: 'x' | 'y', offset: string) =>
    back(axis, `e.${axis}0 + (c.bin_${axis}${offset}) * e.${axis}w`);
  return `WITH
${relationCte('segmented', options.segments)},
${extent},
members AS (
  SELECT
    CAST(s.segment AS VARCHAR) AS segment,
    CAST(s.value AS DOUBLE) AS value,
    CAST(s.loyalty AS DOUBLE) AS loyalty,
    COALESCE(s.value > s.value_threshold, FALSE) AS high_value,
    COALESCE(s.loyalty > s.loyalty_threshold, FALSE) AS high_loyalty,
    CAST(s.value_threshold AS DOUBLE) AS value_threshold,
    CAST(s.loyalty_threshold AS DOUBLE) AS loyalty_threshold,
    COALESCE(CAST(s.monetary AS DOUBLE), 0) AS monetary
  FROM segmented AS s
),
unclamped AS (
  SELECT
    ${raw('x', 'value')},
    ${raw('y', 'loyalty')},
    m.segment,
    m.high_value,
    m.high_loyalty,
    count(*) AS customers,
    sum(m.monetary) AS revenue,
    any_value(m.value_threshold) AS value_threshold,
    any_value(m.loyalty_threshold) AS loyalty_threshold
  FROM members AS m
  CROSS JOIN extent AS e
  GROUP BY ALL
),
cells AS (
  SELECT
    ${index('x', xBins)},
    ${index('y', yBins)},
    segment,
    high_value,
    high_loyalty,
    sum(customers) AS customers,
    sum(revenue) AS revenue,
    any_value(value_threshold) AS value_threshold,
    any_value(loyalty_threshold) AS loyalty_threshold
  FROM unclamped
  GROUP BY ALL
)
SELECT
  c.bin_x,
  c.bin_y,
  ${edge('x', ' + 0.5')} AS value,
  ${edge('y', ' + 0.5')} AS loyalty,
  ${edge('x', '')} AS value_lo,
  ${edge('x', ' + 1')} AS value_hi,
  ${edge('y', '')} AS loyalty_lo,
  ${edge('y', ' + 1')} AS loyalty_hi,
  c.segment,
  c.high_value,
  c.high_loyalty,
  CAST(c.customers AS BIGINT) AS customers,
  CAST(c.revenue AS DOUBLE) AS revenue,
  c.value_threshold,
  c.loyalty_threshold
FROM cells AS c
CROSS JOIN extent AS e`;
}

/**
 * SQL for the quadrant's customers one per row, for JS to recount at new thresholds
 * (transforms/quadrant-recount.ts) without asking DuckDB: `value`, `loyalty`, `monetary`
 * (a missing one 0), `prospect` (1 for the preset's prospects) and `bin`, the customer's cell
 * of `quadrantCellsSql`'s grid on the same options as `bin_x * yBins + bin_y` (NULL: not drawn).
 * With `ids`, `customer_id` too, to recolour drawn points.
 */
export function quadrantMembersSql(options: QuadrantCellsOptions & { ids?: boolean }): string {
  const { xBins, yBins, raw, index, extent } = binning(options);
  const bin = (axis: 'x' | 'y', bins: number) => index(axis, bins).replace(/ AS bin_[xy]$/, '');
  return `WITH
${relationCte('segmented', options.segments)},
${extent},
members AS (
  SELECT
    CAST(s.value AS DOUBLE) AS value,
    CAST(s.loyalty AS DOUBLE) AS loyalty,
    COALESCE(CAST(s.monetary AS DOUBLE), 0) AS monetary,
    CAST(COALESCE(s.segment_key = 'prospect', FALSE) AS DOUBLE) AS prospect${options.ids ? ',\n    CAST(s.customer_id AS VARCHAR) AS customer_id' : ''}
  FROM segmented AS s
),
binned AS (
  SELECT m.*, ${raw('x', 'value')}, ${raw('y', 'loyalty')}
  FROM members AS m
  CROSS JOIN extent AS e
)
SELECT
  value,
  loyalty,
  monetary,
  prospect,${options.ids ? '\n  customer_id,' : ''}
  CAST(${bin('x', xBins)} * ${num(yBins)} + ${bin('y', yBins)} AS DOUBLE) AS bin
FROM binned`;
}
