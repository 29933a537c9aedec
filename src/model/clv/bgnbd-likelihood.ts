/*
 * Internal to bgnbd.ts (inputs are assumed valid): the BG/NBD likelihood over compressed data,
 * fast enough for the ~1,000 evaluations of a Nelder-Mead fit on tens of thousands of customers.
 */
import { logGamma } from './special-functions';

/** Frequency x, recency t_x and age T per customer, in one time unit. */
export interface RfmArrays {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/**
 * Customers with equal (x, t_x, T), counted once with a weight. x, t_x and T are stored as
 * indexes into their distinct values, so each evaluation takes the logarithms of only a few
 * hundred numbers (summary times are whole days) instead of two per customer.
 */
export interface Patterns {
  weight: Float64Array;
  xIndex: Int32Array;
  txIndex: Int32Array;
  tIndex: Int32Array;
  distinctX: Float64Array;
  distinctTx: Float64Array;
  distinctT: Float64Array;
  repeats: number;
}

function indexer(): { index: (v: number) => number; values: () => Float64Array } {
  const seen = new Map<number, number>();
  return {
    index(v) {
      let i = seen.get(v);
      if (i === undefined) seen.set(v, (i = seen.size));
      return i;
    },
    values: () => Float64Array.from(seen.keys()),
  };
}

/** Compresses the data, multiplying times by `scale`. */
export function compressRfm(data: RfmArrays, scale: number): Patterns {
  const rows = new Map<string, number>();
  const xs = indexer();
  const txs = indexer();
  const ts = indexer();
  const weight: number[] = [];
  const xIndex: number[] = [];
  const txIndex: number[] = [];
  const tIndex: number[] = [];
  let repeats = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i];
    repeats += x;
    const key = `${x},${data.recency[i]},${data.T[i]}`;
    const row = rows.get(key);
    if (row !== undefined) {
      weight[row]++;
      continue;
    }
    rows.set(key, weight.length);
    weight.push(1);
    xIndex.push(xs.index(x));
    txIndex.push(txs.index(data.recency[i] * scale));
    tIndex.push(ts.index(data.T[i] * scale));
  }
  return {
    weight: Float64Array.from(weight),
    xIndex: Int32Array.from(xIndex),
    txIndex: Int32Array.from(txIndex),
    tIndex: Int32Array.from(tIndex),
    distinctX: xs.values(),
    distinctTx: txs.values(),
    distinctT: ts.values(),
    repeats,
  };
}

/**
 * The BG/NBD log-likelihood (eq. 6 of Fader, Hardie & Lee 2005) of `p` as a function of the
 * parameters, summed over customers. Scratch tables are allocated once, not per evaluation.
 */
export function bgNbdLikelihood(
  p: Patterns,
): (r: number, alpha: number, a: number, b: number) => number {
  const base = new Float64Array(p.distinctX.length);
  const repeat = new Float64Array(p.distinctX.length);
  const logAlphaTx = new Float64Array(p.distinctTx.length);
  const logAlphaT = new Float64Array(p.distinctT.length);
  const { weight, xIndex, txIndex, tIndex, distinctX } = p;
  return (r, alpha, a, b) => {
    const lgR = logGamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    const rLogAlpha = r * Math.log(alpha);
    const logA = Math.log(a);
    for (let k = 0; k < distinctX.length; k++) {
      const x = distinctX[k];
      base[k] =
        logGamma(r + x) - lgR + rLogAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
      repeat[k] = x > 0 ? logA - Math.log(b + x - 1) : 0;
    }
    for (let k = 0; k < logAlphaTx.length; k++) logAlphaTx[k] = Math.log(alpha + p.distinctTx[k]);
    for (let k = 0; k < logAlphaT.length; k++) logAlphaT[k] = Math.log(alpha + p.distinctT[k]);
    let sum = 0;
    for (let i = 0; i < weight.length; i++) {
      const k = xIndex[i];
      const x = distinctX[k];
      const rx = r + x;
      const gone = -rx * logAlphaT[tIndex[i]];
      let ll = gone;
      if (x > 0) {
        // log(e^gone + e^alive) without overflow.
        const alive = repeat[k] - rx * logAlphaTx[txIndex[i]];
        ll =
          gone > alive
            ? gone + Math.log1p(Math.exp(alive - gone))
            : alive + Math.log1p(Math.exp(gone - alive));
      }
      sum += weight[i] * (base[k] + ll);
    }
    return sum;
  };
}

/**
 * The data compressed on a time scale where the largest T is 10, as the fits run: `scale`
 * multiplies the data's times, and `shift` (repeats x log scale) turns a log-likelihood on that
 * scale back into one on the data's (scaling time by s multiplies each customer's likelihood by
 * s^-x).
 */
export function fitScalePatterns(data: RfmArrays): {
  patterns: Patterns;
  scale: number;
  shift: number;
} {
  let maxT = 0;
  for (let i = 0; i < data.T.length; i++) maxT = Math.max(maxT, data.T[i]);
  const scale = maxT > 0 ? 10 / maxT : 1;
  const patterns = compressRfm(data, scale);
  return { patterns, scale, shift: patterns.repeats * Math.log(scale) };
}
