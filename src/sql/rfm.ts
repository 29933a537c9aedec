import { LocalizedError } from '../domain/localized-error';
import { ident, num, str } from './quote';
import { relationCte, type Relation } from './relation';

/** How one dimension is cut into scores: quantile bins, or the user's own increasing cut points. */
export type RfmBinning = { bins: number } | { cuts: number[] };

/**
 * One score condition of a segment rule: an inclusive score range, or `high` / `low` against
 * the mean or median score of all scored customers (above it / at or below it).
 */
export type ScoreCondition = readonly [number, number] | 'high' | 'low';

export interface RfmSegmentRule {
  /** The segment name as it appears in the output. */
  segment: string;
  recency: ScoreCondition;
  frequency: ScoreCondition;
  monetary: ScoreCondition;
}

export interface RfmBinningInput {
  /**
   * A table or view with customer_id, recency_days, frequency, monetary. Rows whose
   * recency_days is NULL are prospects (no orders): they get no scores and no bin.
   */
  source: string;
  recency: RfmBinning;
  frequency: RfmBinning;
  monetary: RfmBinning;
}

export interface RfmSqlInput extends RfmBinningInput {
  /** Ordered rules; the first match wins. */
  rules: RfmSegmentRule[];
  /** What `high` / `low` conditions compare a score with. */
  cutStatistic: 'mean' | 'median';
  otherSegment: string;
  prospectSegment: string;
}

type Dimension = 'recency' | 'frequency' | 'monetary';

const DIMENSIONS: { name: Dimension; column: string; recentIsHigh: boolean }[] = [
  { name: 'recency', column: 'recency_days', recentIsHigh: true },
  { name: 'frequency', column: 'frequency', recentIsHigh: false },
  { name: 'monetary', column: 'monetary', recentIsHigh: false },
];

function scoreCount(binning: RfmBinning): number {
  return 'bins' in binning ? binning.bins : binning.cuts.length + 1;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * The cut points of R's rfm package: quantile type 7 at k/n plus one (a value scores above a
 * cut from `cut` on, so a value equal to the quantile stays in the lower bin). Rounded so float
 * noise in the interpolation cannot move a tie across a cut.
 */
function cutExpressions(input: RfmBinningInput): string[] {
  return DIMENSIONS.flatMap(({ name, column }) => {
    const binning = input[name];
    return range(1, scoreCount(binning) - 1).map((k) => {
      const value =
        'bins' in binning
          ? `round(quantile_cont(${column}, ${num(k / binning.bins)}) + 1, 9)`
          : num(binning.cuts[k - 1]);
      return `${value} AS ${name}_cut_${k}`;
    });
  });
}

function checkBinning(input: RfmBinningInput): void {
  if (!input.source?.trim())
    throw new LocalizedError({ en: 'RFM needs a features table.', zh: 'RFM 需要特征表。' });
  for (const { name } of DIMENSIONS) {
    const b = input[name];
    const n = scoreCount(b);
    const increasing = 'bins' in b || b.cuts.every((c, i) => i === 0 || c > b.cuts[i - 1]!);
    if (!Number.isInteger(n) || n < 2 || n > 9 || !increasing) {
      throw new LocalizedError({
        en: `RFM ${name}: use 2 to 9 bins, or 1 to 8 increasing cut points.`,
        zh: `RFM ${name}：请使用 2 到 9 档，或 1 到 8 个递增的分界点。`,
      });
    }
  }
}

function thresholdsCte(input: RfmBinningInput): string {
  checkBinning(input);
  const fromData = DIMENSIONS.some(({ name }) => 'bins' in input[name]);
  const from = `\n  FROM ${ident(input.source)}\n  WHERE recency_days IS NOT NULL`;
  const note = fromData
    ? '\n  -- R rfm cut points: quantile + 1, rounded so float noise cannot move ties'
    : '';
  return `thresholds AS (${note}
  SELECT
    ${cutExpressions(input).join(',\n    ')}${fromData ? from : ''}
)`;
}

function scoreCase(name: Dimension, column: string, recentIsHigh: boolean, n: number): string {
  const score = (passed: number) => (recentIsHigh ? n - passed : passed + 1);
  const guard =
    column === 'recency_days'
      ? 'recency_days IS NULL'
      : `recency_days IS NULL OR ${column} IS NULL`;
  const whens = range(1, n - 1)
    .reverse()
    .map((k) => `      WHEN ${column} >= ${name}_cut_${k} THEN ${score(k)}`);
  return [
    '    CASE',
    `      WHEN ${guard} THEN NULL`,
    ...whens,
    `      ELSE ${score(0)}`,
    `    END AS ${name}_score`,
  ].join('\n');
}

function scoredCte(input: RfmBinningInput): string {
  const scores = DIMENSIONS.map(({ name, column, recentIsHigh }) =>
    scoreCase(name, column, recentIsHigh, scoreCount(input[name])),
  );
  return `scored AS (
  SELECT
    customer_id,
    recency_days,
    frequency,
    monetary,
${scores.join(',\n')}
  FROM ${ident(input.source)}
  CROSS JOIN thresholds
)`;
}

function usesCutStatistic(rules: RfmSegmentRule[]): boolean {
  return rules.some((rule) => DIMENSIONS.some(({ name }) => typeof rule[name] === 'string'));
}

function scoreCutsCte(statistic: 'mean' | 'median'): string {
  const fn = statistic === 'mean' ? 'avg' : 'median';
  const lines = DIMENSIONS.map(({ name }) => `${fn}(${name}_score) AS ${name}_cut`);
  return `score_cuts AS (
  SELECT
    ${lines.join(',\n    ')}
  FROM scored
)`;
}

function condition(name: Dimension, cond: ScoreCondition): string {
  if (cond === 'high') return `${name}_score > ${name}_cut`;
  if (cond === 'low') return `${name}_score <= ${name}_cut`;
  return `${name}_score BETWEEN ${num(cond[0])} AND ${num(cond[1])}`;
}

function ruleWhen(rule: RfmSegmentRule): string {
  const [first, ...rest] = DIMENSIONS.map(({ name }) => condition(name, rule[name]));
  const more = rest.map((c) => `\n        AND ${c}`).join('');
  return `      WHEN ${first}${more} THEN ${str(rule.segment)}`;
}

function segmentedCte(input: RfmSqlInput, withCuts: boolean): string {
  const whens = input.rules.map(ruleWhen);
  return `segmented AS (
  SELECT
    scored.*,
    recency_score * 100 + frequency_score * 10 + monetary_score AS rfm_score,
    CASE
      WHEN recency_score IS NULL THEN ${str(input.prospectSegment)}
${whens.map((w) => `${w}\n`).join('')}      ELSE ${str(input.otherSegment)}
    END AS segment
  FROM scored${withCuts ? '\n  CROSS JOIN score_cuts' : ''}
)`;
}

/**
 * RFM scores and segments over a relation of per-customer recency / frequency / monetary,
 * compatible with R's rfm package (rfm_table_* and rfm_segment). One readable SELECT.
 */
export function rfmSql(input: RfmSqlInput): string {
  const withCuts = usesCutStatistic(input.rules);
  const ctes = [
    thresholdsCte(input),
    scoredCte(input),
    ...(withCuts ? [scoreCutsCte(input.cutStatistic)] : []),
    segmentedCte(input, withCuts),
  ];
  return `WITH ${ctes.join(',\n')}
SELECT
  customer_id,
  recency_days,
  frequency,
  monetary,
  recency_score,
  frequency_score,
  monetary_score,
  rfm_score,
  segment
FROM segmented`;
}

/**
 * The bins actually used, one row per dimension and bin: `[lower, upper)` with R's bounds
 * (lowest value, the cuts, highest value + 1) and the score the bin gives.
 */
export function rfmThresholdsSql(input: RfmBinningInput): string {
  const bounds = DIMENSIONS.map(
    ({ name, column }) =>
      `min(${column}) AS ${name}_min,\n    max(${column}) + 1 AS ${name}_max_plus_1`,
  );
  const rows = DIMENSIONS.flatMap(({ name, recentIsHigh }) => {
    const n = scoreCount(input[name]);
    return range(1, n).map((bin) => {
      const lower = bin === 1 ? `${name}_min` : `${name}_cut_${bin - 1}`;
      const upper = bin === n ? `${name}_max_plus_1` : `${name}_cut_${bin}`;
      const score = recentIsHigh ? n + 1 - bin : bin;
      return `SELECT ${str(name)} AS dimension, ${bin} AS bin, ${score} AS score, ${lower} AS lower, ${upper} AS upper FROM thresholds CROSS JOIN bounds`;
    });
  });
  return `WITH ${thresholdsCte(input)},
bounds AS (
  SELECT
    ${bounds.join(',\n    ')}
  FROM ${ident(input.source)}
  WHERE recency_days IS NOT NULL
),
bins AS (
  ${rows.join('\n  UNION ALL\n  ')}
)
SELECT *
FROM bins
ORDER BY CASE dimension WHEN 'recency' THEN 1 WHEN 'frequency' THEN 2 ELSE 3 END, bin`;
}

/**
 * Customers, orders, revenue and average order value per segment (R's rfm_segment_summary),
 * over RFM output: a table of it, or the preset's SELECT itself.
 */
export function rfmSummarySql(segmented: Relation): string {
  return `WITH ${relationCte('segmented', segmented)}
SELECT
  segment,
  count(*) AS customers,
  sum(frequency) AS orders,
  sum(monetary) AS revenue,
  sum(monetary) / nullif(sum(frequency), 0) AS aov
FROM "segmented"
GROUP BY segment
ORDER BY segment`;
}
