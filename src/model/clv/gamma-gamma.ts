import { ClvInputError } from './clv-input-error';
import type { FitOptions } from './fit-options';
import { minimize } from './optimize';
import { logGamma } from './special-functions';
import { assertPositiveParams } from './param-checks';

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves
 * for Customer Base Analysis"; Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary
 * Value"). A customer's spend per purchase is Gamma(p, nu) with nu ~ Gamma(q, gamma) across
 * customers; it assumes spend does not depend on how often a customer buys.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  /** The scale of the spread of mean spend, written v in lifetimes. */
  gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Sum of the log-likelihood over the customers used. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Customers the fit used: those with repeat purchases and a positive mean spend. */
  customers: number;
}

export interface SpendArrays {
  /** x: repeat purchases per customer. */
  frequency: ArrayLike<number>;
  /** m_x: mean spend of those repeat purchases. */
  monetaryValue: ArrayLike<number>;
}

/** Repeat buyers with positive spend, with their per-customer constants precomputed. */
interface Buyers {
  x: Float64Array;
  logX: Float64Array;
  logM: Float64Array;
  xm: Float64Array;
  xIndex: Int32Array;
  distinctX: Float64Array;
}

function assertSpend(data: SpendArrays): void {
  const { frequency, monetaryValue } = data;
  if (frequency.length !== monetaryValue.length) {
    throw new ClvInputError({
      en: 'frequency and monetary value must have one value per customer.',
      zh: 'frequency 与 monetary value 必须每位客户各有一个值。',
    });
  }
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    if (!Number.isInteger(x) || x < 0 || !Number.isFinite(monetaryValue[i])) {
      throw new ClvInputError({
        en: `Customer ${i + 1}: needs a whole number of repeat purchases >= 0 and a finite mean spend, got ${x} and ${monetaryValue[i]}.`,
        zh: `第 ${i + 1} 位客户：复购次数须为不小于 0 的整数且平均消费须为有限数，实际为 ${x} 和 ${monetaryValue[i]}。`,
      });
    }
  }
}

function repeatBuyers(data: SpendArrays, moneyScale: number): Buyers {
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i] > 0 && data.monetaryValue[i] > 0) {
      xs.push(data.frequency[i]);
      ms.push(data.monetaryValue[i] * moneyScale);
    }
  }
  const distinct = [...new Set(xs)];
  const where = new Map(distinct.map((x, i) => [x, i]));
  return {
    x: Float64Array.from(xs),
    logX: Float64Array.from(xs, Math.log),
    logM: Float64Array.from(ms, Math.log),
    xm: Float64Array.from(xs, (x, i) => x * ms[i]),
    xIndex: Int32Array.from(xs, (x) => where.get(x) as number),
    distinctX: Float64Array.from(distinct),
  };
}

function likelihood(c: Buyers): (p: number, q: number, gamma: number) => number {
  const byX = new Float64Array(c.distinctX.length);
  return (p, q, gamma) => {
    const head = q * Math.log(gamma) - logGamma(q);
    for (let k = 0; k < byX.length; k++) {
      const px = p * c.distinctX[k];
      byX[k] = logGamma(px + q) - logGamma(px) + head;
    }
    let sum = 0;
    for (let i = 0; i < c.x.length; i++) {
      const px = p * c.x[i];
      sum +=
        byX[c.xIndex[i]] +
        (px - 1) * c.logM[i] +
        px * c.logX[i] -
        (px + q) * Math.log(c.xm[i] + gamma);
    }
    return sum;
  };
}

function assertParams(params: GammaGammaParams): void {
  assertPositiveParams('Gamma-Gamma', params, ['p', 'q', 'gamma'] as const);
}

/** The Gamma-Gamma log-likelihood, summed over customers with x > 0 and m_x > 0. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendArrays): number {
  assertParams(params);
  assertSpend(data);
  return likelihood(repeatBuyers(data, 1))(params.p, params.q, params.gamma);
}

/**
 * Maximum-likelihood Gamma-Gamma parameters from the repeat buyers (x > 0) with positive mean
 * spend; other customers are left out. Spend is rescaled to a mean of 10 while fitting, so
 * the fit behaves the same for any currency.
 */
export function fitGammaGamma(data: SpendArrays, options: FitOptions = {}): GammaGammaFit {
  assertSpend(data);
  const raw = repeatBuyers(data, 1);
  const n = raw.x.length;
  if (n === 0) {
    throw new ClvInputError({
      en: 'The spend model needs customers with repeat purchases and positive spend; there are none.',
      zh: '消费金额模型需要有复购且消费为正的客户，目前没有。',
    });
  }
  let meanM = 0;
  for (let i = 0; i < n; i++) meanM += Math.exp(raw.logM[i]) / n;
  const scale = 10 / meanM;
  const ll = likelihood(repeatBuyers(data, scale));
  // Rescaling spend by s divides each customer's density by s.
  const shift = -n * Math.log(scale);
  const result = minimize(
    (v) => -ll(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2])) / n,
    [0, 0, 0],
    {
      maxIterations: options.maxIterations,
      onProgress: (pr) =>
        options.onProgress?.({
          iteration: pr.iteration,
          evaluations: pr.evaluations,
          logLikelihood: -pr.value * n - shift,
        }),
    },
  );
  const [p, q, gamma] = result.x.map(Math.exp);
  return {
    p,
    q,
    gamma: gamma / scale,
    logLikelihood: -result.value * n - shift,
    converged: result.converged,
    iterations: result.iterations,
    customers: n,
  };
}

/**
 * E[M | x, m_x]: the expected spend per future purchase of a customer with x repeat purchases
 * of mean spend m_x (eq. 5 of Fader & Hardie 2013), a weighted mean of m_x and the population
 * mean p*gamma/(q-1). For x = 0 it is the population mean, which needs q > 1.
 */
export function conditionalExpectedAverageSpend(
  params: GammaGammaParams,
  x: number,
  mx: number,
): number {
  assertParams(params);
  if (!Number.isInteger(x) || x < 0 || !Number.isFinite(mx)) {
    throw new ClvInputError({
      en: `Needs a whole number of repeat purchases >= 0 and a finite mean spend, got ${x} and ${mx}.`,
      zh: `复购次数须为不小于 0 的整数且平均消费须为有限数，实际为 ${x} 和 ${mx}。`,
    });
  }
  const { p, q, gamma } = params;
  const weight = p * x + q - 1;
  if (weight <= 0) {
    throw new ClvInputError({
      en: `The spend model has q = ${q.toFixed(3)} <= 1, so the expected spend of customers with few purchases is unbounded.`,
      zh: `消费金额模型的 q = ${q.toFixed(3)} <= 1，购买次数少的客户的期望消费没有上限。`,
    });
  }
  return (p * (gamma + (x > 0 ? x * mx : 0))) / weight;
}
