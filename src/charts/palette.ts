import { pick, type Labels, type Lang } from '../domain/labels';

/**
 * Segment colours belong to the segment, not to its rank in a result: a colour is looked up by
 * the segment's key in its preset, so "Core" is the same blue in every tab, in present mode, in
 * both languages and after a re-run that changes which segment is largest. The colours carry
 * meaning: the top tier is the deepest blue, growing customers blues and greens, customers
 * slipping away oranges, at risk and churned reds, prospects and leftovers grey.
 */
const TONE = {
  best: '#1f4e8c',
  strong: '#4e79a7',
  good: '#59a14f',
  fair: '#76b7b2',
  growth: '#8cd17d',
  light: '#a0cbe8',
  promise: '#edc948',
  care: '#f28e2b',
  slipping: '#ffbe7d',
  risk: '#e15759',
  danger: '#b8262b',
  lost: '#7f1d1d',
  fading: '#ff9da7',
  rest: '#9d9d9d',
  prospect: '#c7c7c7',
} as const;

/** Keys that mean the same in every preset. */
const COMMON: Record<string, string> = {
  prospect: TONE.prospect,
  prospects: TONE.prospect,
  others: TONE.rest,
  other: TONE.rest,
  none: TONE.rest,
  not_scored: TONE.rest,
  not_clustered: TONE.rest,
};

/** Per preset, by segment key. Presets not listed (geography, combine) use the fallback. */
const BY_PRESET: Record<string, Record<string, string>> = {
  rfm: {
    // The classic eight (重要价值 … 一般挽留).
    'important-value': TONE.best,
    'important-development': TONE.strong,
    'important-retention': TONE.care,
    'important-win-back': TONE.risk,
    'general-value': TONE.good,
    'general-development': TONE.light,
    'general-retention': TONE.slipping,
    'general-win-back': TONE.fading,
    // The standard eleven (Champions … Lost).
    champions: TONE.best,
    'loyal-customers': TONE.strong,
    'potential-loyalist': TONE.good,
    promising: TONE.growth,
    'new-customers': TONE.fair,
    'need-attention': TONE.promise,
    'about-to-sleep': TONE.care,
    'at-risk': TONE.risk,
    'cant-lose-them': TONE.danger,
    hibernating: TONE.fading,
    lost: TONE.lost,
  },
  lifecycle: {
    loyal: TONE.best,
    active: TONE.strong,
    new: TONE.good,
    potential: TONE.prospect,
    at_risk: TONE.risk,
    churned: TONE.danger,
  },
  'value-tiers': {
    vip: TONE.best,
    important: TONE.strong,
    ordinary: TONE.light,
    potential: TONE.prospect,
  },
  'value-loyalty': {
    core: TONE.best,
    grow_loyalty: TONE.good,
    increase_spend: TONE.fair,
    low_priority: TONE.promise,
  },
  'churn-risk': {
    high_risk: TONE.danger,
    watch: TONE.care,
    likely_active: TONE.strong,
    one_time_lapsed: TONE.fading,
    one_time_recent: TONE.fair,
  },
  'purchase-behaviour': {
    frequent_big: TONE.best,
    frequent: TONE.strong,
    occasional_big: TONE.fair,
    occasional: TONE.light,
  },
  'customer-type': {
    vip: TONE.best,
    enterprise: TONE.strong,
    individual: TONE.fair,
  },
  needs: {
    price: TONE.care,
    brand: TONE.strong,
    quality: TONE.good,
  },
};

/**
 * For segments with no colour of their own (user-written RFM rules, regions, combinations):
 * by their place in the preset's definition, which does not change with the data. No reds and
 * no greys, which carry meaning.
 */
export const SEGMENT_COLORS = [
  '#4e79a7',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#499894',
  '#d37295',
  '#8cd17d',
  '#a0cbe8',
  '#f28e2b',
  '#d4a6c8',
  '#86bcb6',
  '#ffbe7d',
] as const;

/** Greys for labels that are not segments ("New", "Left", "Total"). */
export const NEUTRAL_COLORS = ['#6f6f6f', '#4d4d4d', '#8c8c8c', '#b6b6b6'] as const;

/** Segment label → colour. Labels of both languages are in it. */
export type SegmentColors = Readonly<Record<string, string>>;

/** A preset's segment as the palette needs it: its key and its label in both languages. */
export interface PaletteSegment {
  key: string;
  label: Labels | string;
}

/** The colour of every segment of a preset, keyed by its label in each language. */
export function segmentColors(
  presetId: string,
  segments: readonly PaletteSegment[],
): SegmentColors {
  const own = BY_PRESET[presetId] ?? {};
  const fixed = (key: string) => own[key] ?? COMMON[key];
  const taken = new Set(segments.map((s) => fixed(s.key)));
  const free = SEGMENT_COLORS.filter((c) => !taken.has(c));
  const spare = free.length > 0 ? free : SEGMENT_COLORS;
  const out: Record<string, string> = {};
  let next = 0;
  for (const s of segments) {
    const color = fixed(s.key) ?? spare[next++ % spare.length]!;
    for (const lang of ['en', 'zh-CN'] as Lang[]) {
      const label = typeof s.label === 'string' ? s.label : pick(s.label, lang);
      out[label] ??= color;
    }
  }
  return out;
}

export interface ColorScale {
  domain: string[];
  range: string[];
}

/**
 * The colour scale for `segments` (each with its colour from `colors`; one without takes a
 * fallback colour by its place among those), then `neutral` labels in greys. A label listed
 * twice keeps its first colour.
 */
export function segmentColorScale(
  segments: readonly string[],
  neutral: readonly string[] = [],
  colors: SegmentColors = {},
): ColorScale {
  const domain: string[] = [];
  const range: string[] = [];
  let next = 0;
  for (const s of segments) {
    if (domain.includes(s)) continue;
    range.push(colors[s] ?? SEGMENT_COLORS[next++ % SEGMENT_COLORS.length]!);
    domain.push(s);
  }
  let grey = 0;
  for (const s of neutral) {
    if (domain.includes(s)) continue;
    domain.push(s);
    range.push(NEUTRAL_COLORS[grey++ % NEUTRAL_COLORS.length]!);
  }
  return { domain, range };
}
