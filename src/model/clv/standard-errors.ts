import { cholesky } from './cholesky';
/** One fitted parameter with its uncertainty. */
export interface ParameterEstimate {
  name: string;
  value: number;
  /** From the observed information matrix; NaN when it is not invertible at the optimum. */
  standardError: number;
  /** A 95% interval, Wald on the log scale so it stays positive: value * exp(±1.96 se / value). */
  low: number;
  high: number;
}

const Z95 = 1.959963984540054;

/**
 * The Hessian of `f` at `x` by central differences, with steps relative to each coordinate
 * (1e-4 of it, about the fourth root of machine precision, which balances truncation and
 * rounding for second differences).
 */
export function numericalHessian(f: (x: number[]) => number, x: readonly number[]): number[][] {
  const n = x.length;
  const h = x.map((v) => 1e-4 * Math.max(Math.abs(v), 1e-8));
  const at = (di: number, si: number, dj: number, sj: number): number => {
    const p = [...x];
    p[di] += si * h[di];
    p[dj] += sj * h[dj];
    return f(p);
  };
  const f0 = f([...x]);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const p = [...x];
    p[i] += h[i];
    const up = f(p);
    p[i] -= 2 * h[i];
    const down = f(p);
    H[i][i] = (up - 2 * f0 + down) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const v =
        (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i] * h[j]);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/**
 * The inverse of a symmetric positive-definite matrix by Cholesky decomposition; null when it
 * is not positive definite (the optimum is not a strict maximum, so there is no information).
 */
export function invertPositiveDefinite(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  const L = cholesky(m);
  if (!L) return null;
  // inv = L^-T L^-1: solve column by column.
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
      y[i] = s / L[i][i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < n; k++) s -= L[k][i] * inv[k][c];
      inv[i][c] = s / L[i][i];
    }
  }
  return inv;
}

/**
 * The covariance of maximum-likelihood estimates: the inverse of the observed information
 * matrix (the Hessian of the negative log-likelihood at the optimum); null when it is not
 * positive definite.
 */
export function observedCovariance(
  logLikelihood: (params: number[]) => number,
  values: readonly number[],
): number[][] | null {
  try {
    return invertPositiveDefinite(numericalHessian((p) => -logLikelihood(p), values));
  } catch {
    // An estimate at the edge of its domain (a BG/NBD `a` fitted to 1e-16): the differences
    // step outside it and the likelihood refuses. The fit stands; it has no standard errors.
    return null;
  }
}

/** Standard errors and 95% intervals from a covariance (`observedCovariance`). */
export function estimatesFromCovariance(
  names: readonly string[],
  values: readonly number[],
  covariance: readonly (readonly number[])[] | null,
): ParameterEstimate[] {
  return names.map((name, i) => {
    const value = values[i];
    const variance = covariance ? covariance[i][i] : Number.NaN;
    const standardError = variance > 0 ? Math.sqrt(variance) : Number.NaN;
    const spread = Math.exp((Z95 * standardError) / value);
    return { name, value, standardError, low: value / spread, high: value * spread };
  });
}

/**
 * Standard errors and 95% intervals of maximum-likelihood estimates: the inverse of the
 * observed information matrix (the Hessian of the negative log-likelihood at the optimum).
 */
export function parameterEstimates(
  logLikelihood: (params: number[]) => number,
  names: readonly string[],
  values: readonly number[],
): ParameterEstimate[] {
  return estimatesFromCovariance(names, values, observedCovariance(logLikelihood, values));
}
