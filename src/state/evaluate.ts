import { chooseScale, type AxisScale, type ScaleChoice } from '../charts/axis-scale';
import type { Engine, Row } from '../engine/types';
import type { Lang } from '../domain/labels';
import type { TableMapping } from '../domain/roles';
import { backtestSql, separationSql } from '../sql/backtest';
import { campaignResponseSql } from '../sql/campaign-response';
import { cohortRetentionSql, type CohortPeriod } from '../sql/cohort-retention';
import { segmentSizesSql, transitionsSql } from '../sql/migration';
import { ordersRelation } from '../sql/orders-relation';
import { giniSql, paretoCurveSql } from '../sql/pareto';
import {
  QUADRANT_POINTS,
  quadrantCellsSql,
  quadrantMembersSql,
  quadrantPointsSql,
  quadrantSpreadSql,
  type QuadrantSpread,
  type QuadrantPointRow,
} from '../sql/quadrant-density';
import {
  focusedSegments,
  focusedSummarySql,
  focusGroup,
  isFocused,
  type Focus,
} from '../sql/focus-filter';
import { scorecardSql } from '../sql/scorecard';
import { segmentGeographySql, type GeoLevel } from '../sql/segment-geography';
import {
  segmentProfileSql,
  type ProfileAttributeSource,
  type SegmentProfileRow,
} from '../sql/segment-profile';
import {
  drawnCustomers,
  quadrantBins,
  quadrantTotals,
  type QuadrantBin,
  type QuadrantCell,
  type QuadrantTotal,
} from '../transforms/quadrant-rollup';
import type { QuadrantMembers } from '../transforms/quadrant-recount';
import { FEATURES_TABLE } from '../model/features-table';

/**
 * The numbers behind a segmentation's charts and evaluation, all aggregated in DuckDB: only
 * small results (hundreds of rows at most) come back to draw.
 */

export async function scorecard(
  engine: Engine,
  result: string,
  churnDays: number,
  lang: Lang,
  order?: readonly string[],
  focus?: Focus,
): Promise<Row[]> {
  const sql = scorecardSql({
    segments: focusedSegments({ table: result }, FEATURES_TABLE, focus, lang),
    features: FEATURES_TABLE,
    churnDays,
    lang,
    ...(order ? { order } : {}),
  });
  return (await engine.query(sql)).rows;
}

export interface Concentration {
  points: Row[];
  gini: number | null;
  topShare: number | null;
}

export async function concentration(engine: Engine): Promise<Concentration> {
  const points = (await engine.query(paretoCurveSql({ features: FEATURES_TABLE }))).rows;
  const g = (await engine.query(giniSql({ features: FEATURES_TABLE }))).rows[0] ?? {};
  return {
    points,
    gini: g.gini === null || g.gini === undefined ? null : Number(g.gini),
    topShare: g.top_share === null || g.top_share === undefined ? null : Number(g.top_share),
  };
}

export async function geography(
  engine: Engine,
  result: string,
  level: GeoLevel,
  lang: Lang,
  order?: readonly string[],
  focus?: Focus,
): Promise<Row[]> {
  const sql = segmentGeographySql({
    segments: focusedSegments({ table: result }, FEATURES_TABLE, focus, lang),
    features: FEATURES_TABLE,
    level,
    topN: 12,
    lang,
    ...(order ? { order } : {}),
  });
  return (await engine.query(sql)).rows;
}

/** Customers and revenue per segment within a focus (sql/focus-filter.ts). */
export async function focusedSummary(
  engine: Engine,
  result: string,
  focus: Focus,
  lang: Lang,
  order?: readonly string[],
): Promise<Row[]> {
  const sql = focusedSummarySql({ table: result }, FEATURES_TABLE, focus, lang, order);
  return (await engine.query(sql)).rows;
}

/** The customers within a focus of the cell's linked charts, as one group named `label`. */
export interface FocusedGroup {
  focus: Focus;
  label: string;
}

/**
 * Every segment's features against the rest (sql/segment-profile.ts); with a focus, the focused
 * customers' alone, against all the others.
 */
export async function profiles(
  engine: Engine,
  result: string,
  lang: Lang,
  attributes: ProfileAttributeSource[],
  order?: readonly string[],
  group?: FocusedGroup,
): Promise<SegmentProfileRow[]> {
  const sql = segmentProfileSql({
    segments: group
      ? focusGroup({ table: result }, FEATURES_TABLE, group.focus, lang, group.label)
      : { table: result },
    features: FEATURES_TABLE,
    lang,
    attributes,
    ...(group ? { order: [group.label] } : order ? { order } : {}),
  });
  const rows = (await engine.query(sql)).rows as unknown as SegmentProfileRow[];
  // A few dozen aggregated rows: the other group's are dropped here.
  return group ? rows.filter((r) => r.segment === group.label) : rows;
}

export interface Quadrant {
  /** Every drawn customer as a point, or past QUADRANT_POINTS customers, density bins. */
  rows: (QuadrantPointRow | QuadrantBin)[];
  summary: QuadrantTotal[];
  valueThreshold: number | null;
  loyaltyThreshold: number | null;
  /** How each axis is drawn; density bins are even in it. */
  valueScale: AxisScale;
  loyaltyScale: AxisScale;
  /** What the totals and bins were added up from (transforms/quadrant-rollup.ts). */
  cells: QuadrantCell[];
}

/**
 * The value x loyalty scatter (or its density bins) and quadrant totals, added up from one
 * query's cells; only a result small enough to draw as points needs a second, for the points.
 */
export async function quadrant(
  engine: Engine,
  result: string,
  choice: ScaleChoice = 'auto',
): Promise<Quadrant> {
  const segments = { table: result };
  const spread = (await engine.query(quadrantSpreadSql(segments))).rows[0] as unknown as
    QuadrantSpread | undefined;
  const of = (m: 'value' | 'loyalty') => ({
    min: spread?.[`${m}_min`] ?? null,
    median: spread?.[`${m}_median`] ?? null,
    max: spread?.[`${m}_max`] ?? null,
  });
  const valueScale = chooseScale(choice, of('value'));
  const loyaltyScale = chooseScale(choice, of('loyalty'));
  const scale = { value: valueScale, loyalty: loyaltyScale };
  const cells = (await engine.query(quadrantCellsSql({ segments, scale })))
    .rows as unknown as QuadrantCell[];
  const rows =
    drawnCustomers(cells) <= QUADRANT_POINTS
      ? ((await engine.query(quadrantPointsSql({ segments })))
          .rows as unknown as QuadrantPointRow[])
      : quadrantBins(cells);
  // Every cell carries the thresholds; an empty result has none.
  const cuts = cells[0];
  return {
    rows,
    summary: quadrantTotals(cells),
    valueThreshold: cuts?.value_threshold ?? null,
    loyaltyThreshold: cuts?.loyalty_threshold ?? null,
    valueScale,
    loyaltyScale,
    cells,
  };
}

/** A quadrant's customers, to count it again at other thresholds in JS. */
export interface QuadrantMemberColumns extends QuadrantMembers {
  /** With drawn points: each member's id, in the members' order, to recolour the points. */
  ids: string[] | null;
}

/**
 * The customers of a value × loyalty result as columns, binned on the grid `q` was drawn on
 * (transforms/quadrant-recount.ts). Fetched once per result, after the chart: not on its way.
 */
export async function quadrantMembers(
  engine: Engine,
  result: string,
  q: Quadrant,
): Promise<QuadrantMemberColumns> {
  const options = {
    segments: { table: result },
    scale: { value: q.valueScale, loyalty: q.loyaltyScale },
  };
  const points = q.rows.some((r) => r.kind === 'point');
  if (!points) {
    const c = await engine.queryNumbers(quadrantMembersSql(options));
    return {
      value: c.value!,
      loyalty: c.loyalty!,
      monetary: c.monetary!,
      prospect: c.prospect!,
      bin: c.bin!,
      ids: null,
    };
  }
  // Few enough to draw one by one: rows, for their ids.
  const { rows } = await engine.query(quadrantMembersSql({ ...options, ids: true }));
  const column = (name: string) =>
    Float64Array.from(rows, (r) => (r[name] === null ? NaN : Number(r[name])));
  return {
    value: column('value'),
    loyalty: column('loyalty'),
    monetary: column('monetary'),
    prospect: column('prospect'),
    bin: column('bin'),
    ids: rows.map((r) => String(r.customer_id)),
  };
}

export async function campaigns(
  engine: Engine,
  result: string,
  mapping: TableMapping,
  byCampaign: boolean,
  lang: Lang,
  order?: readonly string[],
  focus?: Focus,
): Promise<Row[]> {
  const c = mapping.columns;
  const sql = campaignResponseSql({
    campaigns: {
      relation: mapping.table,
      customerId: c.customerId!,
      ...(c.campaign ? { campaign: c.campaign } : {}),
      ...(c.responded ? { responded: c.responded } : {}),
      ...(c.converted ? { converted: c.converted } : {}),
      ...(c.control ? { control: c.control } : {}),
    },
    segments: focusedSegments({ table: result }, FEATURES_TABLE, focus, lang),
    segmentedOnly: isFocused(focus),
    byCampaign,
    lang,
    ...(order ? { order } : {}),
  });
  return (await engine.query(sql)).rows;
}

/** The periods whose cohorts a cohort table shows: two years of months, half a year of weeks. */
export const COHORT_PERIODS_SHOWN = 24;

/**
 * The cohort table (src/sql/cohort-retention.ts) of all customers, of one segment's, or of the
 * customers within a focus (`group`, which takes the place of a segment).
 */
export async function cohorts(
  engine: Engine,
  orders: TableMapping,
  period: CohortPeriod,
  segment: { result: string; label: string } | null,
  lang: Lang,
  group?: FocusedGroup,
): Promise<Row[]> {
  const members =
    segment && group
      ? {
          segments: focusGroup(
            { table: segment.result },
            FEATURES_TABLE,
            group.focus,
            lang,
            group.label,
          ),
          label: group.label,
        }
      : segment
        ? { segments: { table: segment.result }, label: segment.label }
        : null;
  const sql = cohortRetentionSql({
    orders: ordersRelation(orders),
    period,
    lastPeriods: COHORT_PERIODS_SHOWN,
    lang,
    ...(members ? { segment: members } : {}),
  });
  return (await engine.query(sql)).rows;
}

export interface Backtest {
  rows: Row[];
  separation: Row[];
}

/**
 * How segments formed as of `cutoff` did in the `horizonDays` after it. `segmentsAt` gives each
 * segmentation's SQL as of the cut-off (their features must already exist).
 */
export async function backtest(
  engine: Engine,
  orders: TableMapping,
  cutoff: string,
  horizonDays: number,
  segmentations: { name: string; sql: string }[],
  lang: Lang,
  order?: readonly string[],
): Promise<Backtest> {
  const window = { orders: ordersRelation(orders), cutoff, horizonDays };
  const first = segmentations[0]!;
  const rows = (
    await engine.query(
      backtestSql({ ...window, segments: { sql: first.sql }, lang, ...(order ? { order } : {}) }),
    )
  ).rows;
  const separation = (
    await engine.query(
      separationSql({
        ...window,
        segmentations: segmentations.map((s) => ({ name: s.name, segments: { sql: s.sql } })),
      }),
    )
  ).rows;
  return { rows, separation };
}

export interface Migration {
  sizes: Row[];
  transitions: Row[];
}

/** Segment membership as of each date (recomputed from orders), sizes and transitions. */
export async function migration(
  engine: Engine,
  orders: TableMapping,
  dates: string[],
  segmentsAsOf: (asOf: string) => string,
  lang: Lang,
  order?: readonly string[],
): Promise<Migration> {
  const options = { dates, segmentsAsOf, lang, ...(order ? { order } : {}) };
  const sizes = (await engine.query(segmentSizesSql(options))).rows;
  const transitions = (
    await engine.query(transitionsSql({ ...options, orders: ordersRelation(orders) }))
  ).rows;
  return { sizes, transitions };
}
