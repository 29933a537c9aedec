/**
 * Special functions for the BG/NBD and Gamma-Gamma models: log-gamma, log-beta, log-sum-exp
 * and the Gauss hypergeometric function 2F1. Pure numerics, no dependencies.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log |Γ(x)| (Lanczos, g = 7). +Infinity at the poles 0, -1, -2, ... */
export function logGamma(x: number): number {
  if (x < 0.5) {
    if (Number.isInteger(x)) return Infinity;
    // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The sign of Γ(x): +1 for x > 0, alternating between the poles for x < 0. */
export function gammaSign(x: number): 1 | -1 {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** log(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log Σ e^v without overflow; -Infinity for no values. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

const SERIES_EPS = 1e-16;
const SERIES_MAX_TERMS = 2_000_000;

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** Direct power series, valid for |z| < 1. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  const vertex = ((a + b) * z - c - 1) / (2 * (1 - z));
  // Past this index every factor is positive and the term ratio has no later rise above 1.
  const settled = Math.max(-a, -b, -c, vertex, 0) + 1;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    const bound = Math.max(Math.abs(ratio), Math.abs(z));
    if (n > settled && bound < 1 && Math.abs(term) <= SERIES_EPS * Math.abs(sum) * (1 - bound)) {
      return sum;
    }
  }
  throw new Error(`2F1(${a}, ${b}; ${c}; ${z}) did not converge: z is too close to 1`);
}

/** Γ(p0)Γ(p1) / (Γ(q0)Γ(q1)); 0 when a denominator argument is a pole. */
function gammaQuotient(p0: number, p1: number, q0: number, q1: number): number {
  if (isNonPositiveInteger(q0) || isNonPositiveInteger(q1)) return 0;
  const sign = gammaSign(p0) * gammaSign(p1) * gammaSign(q0) * gammaSign(q1);
  return sign * Math.exp(logGamma(p0) + logGamma(p1) - logGamma(q0) - logGamma(q1));
}

/**
 * The z -> 1 - z connection formula (Abramowitz & Stegun 15.3.6), for 0.75 < z < 1 when
 * s = c - a - b is safely away from an integer (at an integer the two terms have poles).
 */
function hyp2f1Reflected(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const s = c - a - b;
  let result = 0;
  const g1 = gammaQuotient(c, s, c - a, c - b);
  if (g1 !== 0) result += g1 * hyp2f1Series(a, b, 1 - s, w);
  const g2 = gammaQuotient(c, -s, a, b);
  if (g2 !== 0) result += g2 * Math.pow(w, s) * hyp2f1Series(c - a, c - b, 1 + s, w);
  return result;
}

/** Terms the direct series needs near z = 1 before z^n alone drops below the tolerance. */
function seriesLength(z: number): number {
  return z <= 0 ? 0 : Math.log(SERIES_EPS) / Math.log(z);
}

/** Spacing of the points the near-integer case interpolates between. */
const INTERPOLATION_STEP = 1e-3;

/**
 * 2F1 near z = 1 when s = c - a - b is close to an integer m, where the connection formula's
 * two terms have poles that cancel: evaluated at c shifted so that s = m ± h, m ± 2h, and
 * interpolated back to c (a cubic through the four points; error of order h^4).
 */
function hyp2f1NearInteger(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const m = Math.round(s);
  const h = INTERPOLATION_STEP;
  const offsets = [-2, -1, 1, 2].map((k) => m - s + k * h);
  const values = offsets.map((d) => hyp2f1Reflected(a, b, c + d, z));
  let result = 0;
  for (let i = 0; i < 4; i++) {
    let weight = 1;
    for (let j = 0; j < 4; j++) {
      if (j !== i) weight *= (0 - offsets[j]) / (offsets[i] - offsets[j]);
    }
    result += weight * values[i];
  }
  return result;
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real z < 1.
 * Series for |z| <= 0.75, Pfaff's transformation for z < 0, the 1 - z connection formula
 * near 1 (interpolated across the integer values of c - a - b, where it has poles). Throws
 * when c is a pole (0, -1, -2, ...) or z >= 1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new Error(`2F1 needs finite arguments, got (${a}, ${b}; ${c}; ${z})`);
  }
  if (!(z < 1)) throw new Error(`2F1 is only defined here for z < 1, got z = ${z}`);
  if (isNonPositiveInteger(c)) throw new Error(`2F1 is undefined for c = ${c}`);
  if (z < 0) {
    // Pfaff: maps z < 0 into (0, 1).
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  const s = c - a - b;
  const gap = Math.abs(s - Math.round(s));
  const polynomial = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  // A large c makes the direct series converge fast and the reflected one cancel badly.
  if (z <= 0.75 || polynomial || Math.abs(c) > 20 || Math.abs(s) > 20) {
    return hyp2f1Series(a, b, c, z);
  }
  if (gap >= 0.05) return hyp2f1Reflected(a, b, c, z);
  // Near an integer s the direct series is exact but slow as z -> 1; past a few hundred
  // thousand terms, interpolation across the poles of the connection formula takes over.
  if (seriesLength(z) < 200_000) return hyp2f1Series(a, b, c, z);
  if (gap >= 2 * INTERPOLATION_STEP) return hyp2f1Reflected(a, b, c, z);
  return hyp2f1NearInteger(a, b, c, z);
}
