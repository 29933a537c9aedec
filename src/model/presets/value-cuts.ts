import type { Labels } from '../../domain/labels';
import type { ParamError, ParamSpec } from './preset';

/** Where the important and VIP tiers start on the value measure, when the user fixed them. */
export interface FixedValueCuts {
  important: number;
  vip: number;
}

export const VALUE_CUTS_LABEL: Labels = {
  en: 'Fixed value cuts (important, VIP)',
  zh: '固定价值分界点（重要客户, VIP）',
};

/** The typed cuts: `null` when empty, `'invalid'` when not exactly two numbers. */
export function parseValueCuts(text: unknown): FixedValueCuts | null | 'invalid' {
  if (text === undefined || text === null) return null;
  if (typeof text !== 'string') return 'invalid';
  const parts = text.split(/[\s,，;；]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  if (values.length !== 2 || !values.every(Number.isFinite)) return 'invalid';
  return { important: values[0]!, vip: values[1]! };
}

export function valueCutsError(text: unknown): ParamError | null {
  const cuts = parseValueCuts(text);
  if (cuts === null) return null;
  const error = (message: Labels): ParamError => ({ key: 'valueCuts', message });
  if (cuts === 'invalid') {
    return error({
      en: 'Fixed value cuts must be two numbers: where important starts, then where VIP starts, e.g. 300, 1200.',
      zh: '固定价值分界点必须是两个数字：先写重要客户的起始值，再写VIP的起始值，如 300, 1200。',
    });
  }
  if (cuts.vip <= cuts.important) {
    return error({
      en: `Fixed value cuts must increase: VIP (${cuts.vip}) must start above important (${cuts.important}).`,
      zh: `固定价值分界点必须递增：VIP的起始值（${cuts.vip}）必须高于重要客户的起始值（${cuts.important}）。`,
    });
  }
  return null;
}

/**
 * The parameter change that sets cut `index` (0: important, 1: VIP) to `value`, keeping the other
 * where it is now (`current`, as DuckDB computed it): the tiers then start at these fixed values,
 * which the SQL holds as literals.
 */
export function typedValueCut(
  current: readonly (number | null)[],
  index: number,
  value: number,
): { valueCuts: string } {
  const cuts = [0, 1].map((i) => (i === index ? value : current[i]));
  return {
    valueCuts: cuts.map((c) => (c === null || c === undefined ? '' : String(c))).join(', '),
  };
}

/** The parameter change that tiers by the chosen method again. */
export function methodValueCuts(): { valueCuts: string } {
  return { valueCuts: '' };
}

/** The form field: the same cuts the Cut points tab types. */
export const VALUE_CUTS_SPEC: ParamSpec = {
  key: 'valueCuts',
  kind: 'text',
  label: VALUE_CUTS_LABEL,
  help: {
    en: 'Optional: where important starts, then where VIP starts, e.g. 300, 1200. A value equal to a cut goes above it. Replaces the method’s value cut-offs.',
    zh: '可选：先写重要客户的起始值，再写VIP的起始值，如 300, 1200；等于分界点的值归入上一档。填写后替代所选方法的价值分界。',
  },
};
