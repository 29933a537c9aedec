import { requireInteger, requireName } from './input-check';
import { ident, num } from './quote';
import { relationCte, type Relation } from './relation';

/** How value and loyalty are binned: evenly, or evenly in sign(x) * ln(1 + |x|) ("symlog"). */
export type DensityScale = 'linear' | 'symlog';

/**
 * Customers the quadrant draws one by one; past this, 2-D bins. Vega evaluates every encoding of
 * every point through its expression interpreter (the CSP forbids compiled expressions), about
 * four times slower than compiled: 20,000 points held the page for 0.67 s, 5,000 for 0.22 s.
 */
export const QUADRANT_POINTS = 5_000;

export interface QuadrantScatterOptions {
  /**
   * A value × loyalty result: `customer_id`, `segment`, `value`, `loyalty` (the value-loyalty
   * preset's SQL). Rows with a missing or infinite value or loyalty are left out.
   */
  segments: Relation;
  /** Up to this many customers come back as points; beyond, as bins (default QUADRANT_POINTS). */
  maxPoints?: number;
  /** Bins along value and loyalty (default 60 × 40). */
  xBins?: number;
  yBins?: number;
  scale?: DensityScale;
}

export interface QuadrantSummaryOptions {
  /** As for the scatter, plus `value_threshold` and `loyalty_threshold`. */
  segments: Relation;
  /** The per-customer features table or view, for revenue (monetary). */
  features: string;
}

/** Same shape for points and bins, so one chart spec reads either. */
export interface QuadrantScatterRow {
  kind: 'point' | 'bin';
  /** NULL for a bin. */
  customer_id: string | null;
  /** A point's segment; a bin's most common segment (ties: first by name). */
  segment: string;
  /** A point's coordinates; a bin's centre (in the binning scale, shown in data units). */
  value: number;
  loyalty: number;
  /** Bin edges in data units; NULL for a point. */
  value_lo: number | null;
  value_hi: number | null;
  loyalty_lo: number | null;
  loyalty_hi: number | null;
  /** 1 for a point; customers in the bin. */
  customers: number;
  /** Share of the bin's customers in its `segment` (1 for a point). */
  segment_share: number;
}

const TO_SCALE: Record<DensityScale, (x: string) => string> = {
  linear: (x) => x,
  symlog: (x) => `sign(${x}) * ln(1 + abs(${x}))`,
};
const FROM_SCALE: Record<DensityScale, (t: string) => string> = {
  linear: (t) => t,
  symlog: (t) => `sign(${t}) * (exp(abs(${t})) - 1)`,
};

/**
 * SQL for the value × loyalty scatter (`QuadrantScatterRow`): every customer as a point when
 * there are at most `maxPoints`, else counts in an xBins × yBins grid over the data's range
 * (empty bins left out), so a chart never gets more marks than the grid has cells.
 */
export function quadrantScatterSql(options: QuadrantScatterOptions): string {
  const maxPoints = requireInteger(
    options.maxPoints ?? QUADRANT_POINTS,
    1,
    50_000,
    'point limit',
    '散点数上限',
  );
  const xBins = requireInteger(options.xBins ?? 60, 1, 500, 'number of value bins', '价值分箱数');
  const yBins = requireInteger(
    options.yBins ?? 40,
    1,
    500,
    'number of loyalty bins',
    '忠诚度分箱数',
  );
  const scale: DensityScale = options.scale ?? 'linear';
  if (!Object.hasOwn(TO_SCALE, scale))
    throw new Error(`Unknown scale "${scale}".\n未知的刻度“${scale}”。`);
  const to = TO_SCALE[scale];
  const back = FROM_SCALE[scale];
  // An axis whose values are all equal still gets one visible bin.
  const width = (axis: 'x' | 'y', bins: number) =>
    `CASE WHEN max(t${axis}) > min(t${axis}) THEN (max(t${axis}) - min(t${axis})) / ${num(bins)} ELSE 1.0 / ${num(bins)} END AS ${axis}w`;
  // The maximum lands on the edge of the last bin, so it is clamped into it. A CASE rather than
  // LEAST: in DuckDB-WASM LEAST costs about 60 ns a row, a third of this query at 100k customers.
  const index = (axis: 'x' | 'y', bins: number) => {
    const raw = `CAST(floor((p.t${axis} - e.${axis}0) / e.${axis}w) AS INTEGER)`;
    const last = num(bins - 1);
    return `CASE WHEN ${raw} > ${last} THEN ${last} ELSE ${raw} END AS bin_${axis}`;
  };
  return `WITH
${relationCte('segmented', options.segments)},
points AS (
  SELECT
    CAST(customer_id AS VARCHAR) AS customer_id,
    CAST(segment AS VARCHAR) AS segment,
    CAST(value AS DOUBLE) AS value,
    CAST(loyalty AS DOUBLE) AS loyalty
  FROM segmented
  WHERE isfinite(CAST(value AS DOUBLE)) AND isfinite(CAST(loyalty AS DOUBLE))
),
scaled AS (
  SELECT *, ${to('value')} AS tx, ${to('loyalty')} AS ty FROM points
),
extent AS (
  SELECT count(*) AS n, min(tx) AS x0, min(ty) AS y0, ${width('x', xBins)}, ${width('y', yBins)}
  FROM scaled
),
cells AS (
  SELECT ${index('x', xBins)}, ${index('y', yBins)}, p.segment, count(*) AS members
  FROM scaled AS p
  CROSS JOIN extent AS e
  WHERE e.n > ${num(maxPoints)}
  GROUP BY ALL
),
bins AS (
  SELECT
    bin_x,
    bin_y,
    segment,
    sum(members) OVER cell AS customers,
    members / sum(members) OVER cell AS segment_share,
    row_number() OVER (PARTITION BY bin_x, bin_y ORDER BY members DESC, segment) AS place
  FROM cells
  WINDOW cell AS (PARTITION BY bin_x, bin_y)
)
SELECT
  'point' AS kind,
  customer_id,
  segment,
  value,
  loyalty,
  NULL::DOUBLE AS value_lo,
  NULL::DOUBLE AS value_hi,
  NULL::DOUBLE AS loyalty_lo,
  NULL::DOUBLE AS loyalty_hi,
  1::BIGINT AS customers,
  1.0::DOUBLE AS segment_share
FROM points
WHERE (SELECT n FROM extent) <= ${num(maxPoints)}
UNION ALL
SELECT
  'bin',
  NULL,
  b.segment,
  ${back('e.x0 + b.bin_x * e.xw + e.xw / 2')},
  ${back('e.y0 + b.bin_y * e.yw + e.yw / 2')},
  ${back('e.x0 + b.bin_x * e.xw')},
  ${back('e.x0 + (b.bin_x + 1) * e.xw')},
  ${back('e.y0 + b.bin_y * e.yw')},
  ${back('e.y0 + (b.bin_y + 1) * e.yw')},
  CAST(b.customers AS BIGINT),
  b.segment_share
FROM bins AS b
CROSS JOIN extent AS e
WHERE b.place = 1`;
}

/**
 * SQL for the quadrants: per segment and quadrant (value and loyalty strictly above their
 * thresholds, a missing measure counting as low), customers and revenue with their shares,
 * and the thresholds. Ordered high value first, then high loyalty first.
 */
export function quadrantSummarySql(options: QuadrantSummaryOptions): string {
  requireName(options.features, 'features table', '特征表');
  return `WITH
${relationCte('segmented', options.segments)},
members AS (
  SELECT
    CAST(s.segment AS VARCHAR) AS segment,
    COALESCE(s.value > s.value_threshold, FALSE) AS high_value,
    COALESCE(s.loyalty > s.loyalty_threshold, FALSE) AS high_loyalty,
    CAST(s.value_threshold AS DOUBLE) AS value_threshold,
    CAST(s.loyalty_threshold AS DOUBLE) AS loyalty_threshold,
    COALESCE(f.monetary, 0) AS monetary
  FROM segmented AS s
  LEFT JOIN ${ident(options.features)} AS f ON f.customer_id = CAST(s.customer_id AS VARCHAR)
)
SELECT
  segment,
  high_value,
  high_loyalty,
  count(*) AS customers,
  count(*) / sum(count(*)) OVER () AS customer_share,
  CAST(sum(monetary) AS DOUBLE) AS revenue,
  sum(monetary) / NULLIF(sum(sum(monetary)) OVER (), 0) AS revenue_share,
  any_value(value_threshold) AS value_threshold,
  any_value(loyalty_threshold) AS loyalty_threshold
FROM members
GROUP BY segment, high_value, high_loyalty
ORDER BY high_value DESC, high_loyalty DESC, segment`;
}
