import { ClvInputError } from './clv-input-error';

/** Throws a readable error unless each of `keys` in `params` is a positive, finite number. */
export function assertPositiveParams<K extends string>(
  model: string,
  params: Readonly<Record<K, number>>,
  keys: readonly K[],
): void {
  for (const key of keys) {
    const v = params[key];
    if (!Number.isFinite(v) || v <= 0) {
      throw new ClvInputError({
        en: `${model} parameter ${key} must be a positive number, got ${v}.`,
        zh: `${model} 参数 ${key} 必须为正数，实际为 ${v}。`,
      });
    }
  }
}

/** Throws a readable error unless `t`, a forecast horizon, is a number >= 0. */
export function assertHorizon(t: number): void {
  if (!Number.isFinite(t) || t < 0) {
    throw new ClvInputError({
      en: `The forecast horizon must be a number >= 0, got ${t}.`,
      zh: `预测时长必须是不小于 0 的数，实际为 ${t}。`,
    });
  }
}
