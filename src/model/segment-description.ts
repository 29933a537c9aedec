import { pick, type Lang } from '../domain/labels';
import type { SegmentProfileRow } from '../sql/segment-profile';
import { PROFILE_ATTRIBUTE_LABELS, PROFILE_FEATURES } from './profile-features';
import { ATTRIBUTE_SHORT_WORDS, PROFILE_SHORT_WORDS } from './profile-short-words';

export type { SegmentProfileRow };

/** One way a segment differs from the rest of the customers (a row of `segmentProfileSql`). */
export interface ProfileTrait {
  kind: 'number' | 'attribute';
  /** A features-table column (`frequency`) or attribute (`region`). */
  feature: string;
  /** The attribute's value; null for a number. */
  value: string | null;
  /** The segment's mean, or for an attribute the share of `value` in it. */
  segmentMean: number | null;
  /** Everyone's mean, or share. */
  overallMean: number | null;
  /** segmentMean / overallMean. */
  lift: number | null;
  /** (segment − rest) / pooled SD; null when it cannot be told. */
  stdDiff: number | null;
  /**
   * The segment alike, the rest alike and the two apart (no spread to divide by): the largest
   * difference there is, in the direction of segmentMean against overallMean.
   */
  separated?: boolean;
}

export interface DescribeOptions {
  /** Traits named at most (default 3). */
  max?: number;
  /** Smaller |stdDiff| is no difference worth naming (default 0.2, a "small" effect). */
  minStdDiff?: number;
  /** A lift this large or more is said as a multiple, "3.1×" (default 1.5). */
  timesFrom?: number;
}

const NOTHING = {
  en: 'Close to average on every measure',
  zh: '各项指标接近平均水平',
};
const TOO_FEW = {
  en: 'Too few customers to tell apart from the rest',
  zh: '客户太少，无法与其他客户区分',
};

export function profileTrait(row: SegmentProfileRow): ProfileTrait {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    kind: row.kind,
    feature: row.feature,
    value: row.value,
    segmentMean: n(row.segment_mean),
    overallMean: n(row.overall_mean),
    lift: n(row.lift),
    stdDiff: n(row.std_diff),
    separated: row.note === 'separated',
  };
}

function times(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: x < 10 ? 1 : 0 }).format(x);
}

function percent(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(x);
}

/** The standardised difference, a separation as ±Infinity; null when it cannot be told. */
function effect(trait: ProfileTrait): number | null {
  if (trait.separated) {
    const gap = (trait.segmentMean ?? 0) - (trait.overallMean ?? 0);
    return gap === 0 ? null : Math.sign(gap) * Infinity;
  }
  return trait.stdDiff !== null && Number.isFinite(trait.stdDiff) ? trait.stdDiff : null;
}

/** The phrase for one trait, or null when the feature is unknown or the difference unclear. */
function phrase(trait: ProfileTrait, lang: Lang, timesFrom: number): string | null {
  const d = effect(trait)!;
  if (trait.kind === 'attribute') {
    const words = PROFILE_ATTRIBUTE_LABELS[trait.feature];
    if (!words || d <= 0 || trait.value === null) return null;
    const share = trait.segmentMean ?? 0;
    if (share >= 0.5) return pick(words.mostly, lang).replace('{v}', trait.value);
    const text = pick(words.often, lang).replace('{v}', trait.value);
    if (trait.overallMean === null) return text;
    const s = percent(share, lang);
    const o = percent(trait.overallMean, lang);
    return lang === 'zh-CN' ? `${text}（${s}，整体${o}）` : `${text} (${s} vs ${o})`;
  }
  const words = PROFILE_FEATURES[trait.feature];
  if (!words) return null;
  if (d > 0) {
    if (words.mostly && (trait.segmentMean ?? 0) >= 0.5) return pick(words.mostly, lang);
    if (words.times && trait.lift !== null && trait.lift >= timesFrom)
      return pick(words.times, lang).replace('{x}', times(trait.lift, lang));
    return pick(words.more, lang);
  }
  return pick(words.less, lang);
}

function groupOf(trait: ProfileTrait): string {
  const words =
    trait.kind === 'attribute'
      ? PROFILE_ATTRIBUTE_LABELS[trait.feature]
      : PROFILE_FEATURES[trait.feature];
  return words?.group ?? trait.feature;
}

/**
 * What a description names, most distinguishing first: the traits of at least `minStdDiff`
 * (largest |stdDiff| first), one per group of like features, each said by `say` (null: not
 * said, the next is tried), at most `max`. Null when no trait can be told.
 */
function namedTraits(
  traits: readonly ProfileTrait[],
  options: { max: number; minStdDiff: number },
  say: (trait: ProfileTrait) => string | null,
): string[] | null {
  const told = traits
    .map((trait) => ({ trait, d: effect(trait) }))
    .filter((t): t is { trait: ProfileTrait; d: number } => t.d !== null);
  if (told.length === 0) return null;
  const ranked = told
    .filter((t) => Math.abs(t.d) >= options.minStdDiff)
    .sort((x, y) => Math.abs(y.d) - Math.abs(x.d));
  const groups = new Set<string>();
  const phrases: string[] = [];
  for (const { trait, d } of ranked) {
    if (phrases.length >= options.max) break;
    const group = groupOf(trait);
    if (groups.has(group)) continue;
    // The group's plainest feature says it when it differs nearly as much, the same way.
    const lead = ranked.find(
      (t) =>
        groupOf(t.trait) === group &&
        PROFILE_FEATURES[t.trait.feature]?.lead === true &&
        Math.sign(t.d) === Math.sign(d) &&
        Math.abs(t.d) >= 0.8 * Math.abs(d),
    );
    const text = say(lead?.trait ?? trait);
    if (text === null) continue;
    groups.add(group);
    phrases.push(text);
  }
  return phrases;
}

const capitalised = (line: string) => line.charAt(0).toUpperCase() + line.slice(1);

/**
 * One line saying how a segment differs from the rest, from its most distinguishing traits
 * (largest |stdDiff| first, one per group of like features): "Buys 3.1× as often as average,
 * mostly in 华东, spends less per order". Plain inputs, so anything that has the traits (a
 * profile query, a clustering) can name its segments.
 */
export function describeSegment(
  traits: readonly ProfileTrait[],
  lang: Lang,
  options: DescribeOptions = {},
): string {
  const { max = 3, minStdDiff = 0.2, timesFrom = 1.5 } = options;
  const phrases = namedTraits(traits, { max, minStdDiff }, (t) => phrase(t, lang, timesFrom));
  if (phrases === null) return pick(TOO_FEW, lang);
  if (phrases.length === 0) return pick(NOTHING, lang);
  return lang === 'zh-CN' ? phrases.join('，') : capitalised(phrases.join(', '));
}

/** A trait in a word or two, or null when the feature is unknown or the difference unclear. */
function shortPhrase(trait: ProfileTrait, lang: Lang): string | null {
  const d = effect(trait)!;
  if (trait.kind === 'attribute') {
    const words = ATTRIBUTE_SHORT_WORDS[trait.feature];
    if (!words || d <= 0 || trait.value === null) return null;
    return pick(words, lang).replace('{v}', trait.value);
  }
  const words = PROFILE_SHORT_WORDS[trait.feature];
  return words ? pick(d > 0 ? words.more : words.less, lang) : null;
}

const TYPICAL = { en: 'Typical', zh: '中间客户' };
const TOO_FEW_SHORT = { en: 'Too few to tell', zh: '客户过少' };

/**
 * The short form of `describeSegment`, for a name: the same traits in the same order, each in
 * a word or two, two at most by default: "Frequent, high spend" / "高频、高消费".
 */
export function shortDescription(
  traits: readonly ProfileTrait[],
  lang: Lang,
  options: Omit<DescribeOptions, 'timesFrom'> = {},
): string {
  const { max = 2, minStdDiff = 0.2 } = options;
  const phrases = namedTraits(traits, { max, minStdDiff }, (t) => shortPhrase(t, lang));
  if (phrases === null) return pick(TOO_FEW_SHORT, lang);
  if (phrases.length === 0) return pick(TYPICAL, lang);
  return lang === 'zh-CN' ? phrases.join('、') : capitalised(phrases.join(', '));
}

/** A segment's one-line description, as `describeProfiles` gives it. */
export interface SegmentDescription {
  segment: string;
  customers: number;
  description: string;
}

/** The description of every segment of a profile (`segmentProfileSql` rows), in their order. */
export function describeProfiles(
  rows: readonly SegmentProfileRow[],
  lang: Lang,
): SegmentDescription[] {
  const bySegment = new Map<string, SegmentProfileRow[]>();
  for (const row of rows) {
    const list = bySegment.get(row.segment);
    if (list) list.push(row);
    else bySegment.set(row.segment, [row]);
  }
  return [...bySegment].map(([segment, list]) => ({
    segment,
    customers: Number(list[0]!.customers),
    description: describeSegment(list.map(profileTrait), lang),
  }));
}
