import type { Labels } from '../../domain/labels';
import { combineSql } from '../../sql/presets/combine';
import { assertContext, throwIfInvalid } from './param-checks';
import type { ParamError, Preset, PresetContext } from './preset';

export interface CombineParams {
  /** The two segmentation results to combine, by name. */
  left: string;
  right: string;
}

const LABEL: Labels = { en: 'Combine two segmentations', zh: '组合两个分群' };

function validate(params: CombineParams): ParamError[] {
  const errors: ParamError[] = [];
  for (const key of ['left', 'right'] as const) {
    if (typeof params[key] !== 'string' || params[key].trim() === '') {
      errors.push({
        key,
        message: { en: 'Choose a segmentation result.', zh: '请选择一个分群结果。' },
      });
    }
  }
  if (errors.length === 0 && params.left.toLowerCase() === params.right.toLowerCase()) {
    errors.push({
      key: 'right',
      message: { en: 'Choose two different segmentations.', zh: '请选择两个不同的分群。' },
    });
  }
  return errors;
}

/**
 * Crosses two segmentations (e.g. value tier × lifecycle stage) into one: every pair of
 * segments becomes a segment, so strategies can be written per combination.
 */
export const combinePreset: Preset<CombineParams> = {
  id: 'combine',
  label: LABEL,
  description: {
    en: 'Crosses two segmentations into one (e.g. value tier × lifecycle stage): each pair of segments becomes a segment named "A × B". Customers missing from one side show "(none)" there.',
    zh: '将两个分群交叉组合为一个（如价值分级 × 生命周期）：每对分群组合成一个新分群“A × B”。某一侧没有的客户显示为“（无）”。',
  },
  params: [
    { key: 'left', kind: 'result', label: { en: 'First segmentation', zh: '第一个分群' } },
    { key: 'right', kind: 'result', label: { en: 'Second segmentation', zh: '第二个分群' } },
  ],
  defaults: () => ({ left: '', right: '' }),
  validate,
  // The combinations depend on the data; strategies are written per combination in the cell.
  segments: () => [],
  toSql(params: CombineParams, ctx: PresetContext): string {
    assertContext(ctx);
    throwIfInvalid(LABEL, validate(params));
    return combineSql({ table: params.left }, { table: params.right }, ctx.lang);
  },
};
