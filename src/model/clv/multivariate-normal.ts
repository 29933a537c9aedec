import { cholesky } from './cholesky';

/** A seeded uniform generator on [0, 1) (mulberry32), so draws are the same on every run. */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws from a uniform generator, by the Box-Muller transform. */
export function standardNormal(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * Draws from the multivariate normal N(mean, covariance), seeded; null when the covariance is
 * not positive definite.
 */
export function multivariateNormal(
  mean: readonly number[],
  covariance: readonly (readonly number[])[],
  seed: number,
): (() => number[]) | null {
  const L = cholesky(covariance);
  if (!L) return null;
  const z = standardNormal(seededUniform(seed));
  return () => {
    const e = mean.map(() => z());
    return mean.map((m, i) => {
      let v = m;
      for (let k = 0; k <= i; k++) v += L[i][k] * e[k];
      return v;
    });
  };
}
