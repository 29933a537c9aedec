import { num } from './quote';

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959964;

/**
 * SQL for the Wilson score interval of `successes` out of `trials` (both SQL expressions):
 *
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)
 *
 * with p = successes / trials. Unlike p ± z·se it stays inside [0, 1] and is sensible for
 * small groups and rates near 0 or 1. Both bounds are NULL when trials is 0.
 */
export function wilsonSql(successes: string, trials: string, z = Z_95): { lo: string; hi: string } {
  const n = `NULLIF(CAST(${trials} AS DOUBLE), 0)`;
  const p = `(CAST(${successes} AS DOUBLE) / ${n})`;
  const z2 = num(z * z);
  const centre = `(${p} + ${z2} / (2 * ${n})) / (1 + ${z2} / ${n})`;
  const half = `${num(z)} / (1 + ${z2} / ${n}) * sqrt(${p} * (1 - ${p}) / ${n} + ${z2} / (4 * ${n} * ${n}))`;
  // At p = 0 and p = 1 the bound is exactly 0 or 1, which rounding would miss; GREATEST and
  // LEAST skip NULLs, so the empty case is spelled out.
  return {
    lo: `CASE WHEN ${n} IS NULL THEN NULL WHEN ${successes} = 0 THEN 0.0
      ELSE GREATEST(0, ${centre} - ${half}) END`,
    hi: `CASE WHEN ${n} IS NULL THEN NULL WHEN ${successes} = ${trials} THEN 1.0
      ELSE LEAST(1, ${centre} + ${half}) END`,
  };
}
