import { quantileCuts, typedCut, type CutDimension } from './rfm-cut-points';
import { methodValueCuts, typedValueCut } from './value-cuts';

/** How typing on a preset's Cut points tab changes its parameters. */
export interface CutEditor {
  /** The parameter whose validation error belongs to `dimension`'s typed cuts. */
  paramKey(dimension: string): string;
  /** Cut `index` of `dimension` set to `value`, the others kept at `current`. */
  typed(
    dimension: string,
    current: readonly (number | null)[],
    index: number,
    value: number,
  ): Record<string, unknown>;
  /** Back to the cut points the preset's method computes. */
  reset(dimension: string): Record<string, unknown>;
}

const rfm: CutEditor = {
  paramKey: (d) => `${d}Thresholds`,
  typed: (d, current, index, value) =>
    typedCut(
      d as CutDimension,
      current.map((c) => c ?? 0),
      index,
      value,
    ),
  reset: (d) => quantileCuts(d as CutDimension),
};

const valueTiers: CutEditor = {
  paramKey: () => 'valueCuts',
  typed: (_d, current, index, value) => typedValueCut(current, index, value),
  reset: () => methodValueCuts(),
};

/** One cut per measure; a typed one is the preset's fixed-count or fixed-amount rule. */
const purchaseBehaviour: CutEditor = {
  paramKey: (d) => (d === 'frequency' ? 'frequencyMin' : 'ticketMin'),
  typed: (d, _current, _index, value) =>
    d === 'frequency'
      ? { frequencyCut: 'absolute', frequencyMin: value }
      : { ticketCut: 'absolute', ticketMin: value },
  reset: (d) => (d === 'frequency' ? { frequencyCut: 'percentile' } : { ticketCut: 'percentile' }),
};

/** Quality-sensitive is the one quantile cut of needs: a typed one is its fixed unit price. */
const needs: CutEditor = {
  paramKey: () => 'qualityMin',
  typed: (_d, _current, _index, value) => ({ qualityCut: 'absolute', qualityMin: value }),
  reset: () => ({ qualityCut: 'percentile' }),
};

const EDITORS: Record<string, CutEditor> = {
  rfm,
  'value-tiers': valueTiers,
  'purchase-behaviour': purchaseBehaviour,
  needs,
};

/** The presets with a Cut points tab, and how each takes typed cuts. */
export function cutEditor(presetId: string): CutEditor | null {
  return EDITORS[presetId] ?? null;
}
