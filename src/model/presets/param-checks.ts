import { LocalizedError } from '../../domain/localized-error';
import type { Labels } from '../../domain/labels';
import type { ParamError, PresetContext } from './preset';

interface NumberRule {
  min?: number;
  max?: number;
  /** Whether `min` itself is allowed (default true). */
  minInclusive?: boolean;
  integer?: boolean;
}

/** Checks one numeric parameter; returns a readable error or null. */
export function numberError(
  key: string,
  label: Labels,
  value: unknown,
  rule: NumberRule = {},
): ParamError | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { key, message: { en: `${label.en} must be a number.`, zh: `${label.zh}必须是数字。` } };
  }
  if (rule.integer && !Number.isInteger(value)) {
    return {
      key,
      message: { en: `${label.en} must be a whole number.`, zh: `${label.zh}必须是整数。` },
    };
  }
  const { min, max } = rule;
  const tooLow = min !== undefined && (rule.minInclusive === false ? value <= min : value < min);
  if (tooLow || (max !== undefined && value > max)) {
    return { key, message: rangeMessage(label, rule) };
  }
  return null;
}

function rangeMessage(label: Labels, { min, max, minInclusive }: NumberRule): Labels {
  const above = minInclusive === false;
  if (min !== undefined && max !== undefined) {
    return above
      ? {
          en: `${label.en} must be above ${min} and at most ${max}.`,
          zh: `${label.zh}必须大于${min}且不超过${max}。`,
        }
      : {
          en: `${label.en} must be between ${min} and ${max}.`,
          zh: `${label.zh}必须在${min}到${max}之间。`,
        };
  }
  if (min !== undefined) {
    return above
      ? { en: `${label.en} must be above ${min}.`, zh: `${label.zh}必须大于${min}。` }
      : { en: `${label.en} must be at least ${min}.`, zh: `${label.zh}不能小于${min}。` };
  }
  return { en: `${label.en} must be at most ${max}.`, zh: `${label.zh}不能大于${max}。` };
}

/** Checks that `low` does not exceed `high` (or stays strictly below it); reported at `key`. */
export function orderError(
  key: string,
  low: { label: Labels; value: number },
  high: { label: Labels; value: number },
  strict = false,
): ParamError | null {
  const bad = strict ? low.value >= high.value : low.value > high.value;
  if (!bad) return null;
  return strict
    ? {
        key,
        message: {
          en: `${low.label.en} must be below ${high.label.en}.`,
          zh: `${low.label.zh}必须小于${high.label.zh}。`,
        },
      }
    : {
        key,
        message: {
          en: `${low.label.en} must not exceed ${high.label.en}.`,
          zh: `${low.label.zh}不能大于${high.label.zh}。`,
        },
      };
}

/** Checks that a choice parameter holds one of the allowed values. */
export function choiceError(
  key: string,
  label: Labels,
  value: unknown,
  allowed: readonly string[],
): ParamError | null {
  if (typeof value === 'string' && allowed.includes(value)) return null;
  return {
    key,
    message: {
      en: `${label.en} must be one of: ${allowed.join(', ')}.`,
      zh: `${label.zh}必须是以下之一：${allowed.join('、')}。`,
    },
  };
}

/** Drops the nulls of a list of checks. */
export function errorsOf(checks: (ParamError | null)[]): ParamError[] {
  return checks.filter((e): e is ParamError => e !== null);
}

/** Throws one readable error, in both languages, listing every parameter problem. */
export function throwIfInvalid(presetLabel: Labels, errors: ParamError[]): void {
  if (errors.length === 0) return;
  const en = errors.map((e) => e.message.en).join(' ');
  const zh = errors.map((e) => e.message.zh).join('');
  throw new LocalizedError({ en: `${presetLabel.en}: ${en}`, zh: `${presetLabel.zh}：${zh}` });
}

/** Throws a readable error when the context cannot produce valid SQL. */
export function assertContext(ctx: PresetContext): void {
  if (typeof ctx.features !== 'string' || ctx.features.trim() === '') {
    throw new LocalizedError({ en: 'The features table name is empty.', zh: '特征表名称为空。' });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ctx.asOf) || Number.isNaN(Date.parse(ctx.asOf))) {
    throw new LocalizedError({
      en: `The analysis date "${ctx.asOf}" is not a date (YYYY-MM-DD).`,
      zh: `分析日期“${ctx.asOf}”不是有效日期（YYYY-MM-DD）。`,
    });
  }
  const days = ctx.churnDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1)) {
    throw new LocalizedError({
      en: `The churn threshold must be a whole number of days from 1: ${String(days)}.`,
      zh: `流失天数阈值必须是不小于 1 的整数：${String(days)}。`,
    });
  }
  if (ctx.lang !== 'en' && ctx.lang !== 'zh-CN') {
    throw new LocalizedError({
      en: `Unknown language "${String(ctx.lang)}".`,
      zh: `未知语言“${String(ctx.lang)}”。`,
    });
  }
}
