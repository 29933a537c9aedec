import type { RfmArrays } from './bgnbd-likelihood';
import type { BgNbdParams } from './bgnbd';
import {
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
} from './bgnbd';
import type { FitOptions } from './fit-options';
import {
  fitMbgNbd,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
} from './mbgnbd';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdConditionalExpectedPurchasesAt,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from './pareto-nbd';
import {
  estimatesFromCovariance,
  observedCovariance,
  type ParameterEstimate,
} from './standard-errors';

/** The continuous-time purchase models the Predict cell can fit on (x, t_x, T) summaries. */
export const CONTINUOUS_MODELS = ['bgnbd', 'pareto-nbd', 'mbgnbd'] as const;
export type ContinuousModelKey = (typeof CONTINUOUS_MODELS)[number];

export function isContinuousModel(v: unknown): v is ContinuousModelKey {
  return (CONTINUOUS_MODELS as readonly unknown[]).includes(v);
}

/** A fitted purchase model: its parameters in the data's time unit, with their uncertainty. */
export interface PurchaseModelFit {
  model: ContinuousModelKey;
  params: Record<string, number>;
  estimates: ParameterEstimate[];
  /**
   * The estimates' covariance (inverse observed information) in the order of `estimates`, on
   * the parameters' own scale; null when the information is not invertible.
   */
  covariance: number[][] | null;
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

type Params = Record<string, number>;
type Fitted = { logLikelihood: number; converged: boolean; iterations: number } & object;

interface ModelDefinition {
  label: string;
  names: readonly string[];
  fit(data: RfmArrays, options: FitOptions): Fitted;
  logLikelihood(p: Params, data: RfmArrays): number;
  pAlive(p: Params, x: number, tx: number, T: number): number;
  conditional(p: Params, t: number, x: number, tx: number, T: number): number;
  /** The conditional expectation at several horizons, when that is cheaper than one by one. */
  conditionalAt?(p: Params, ts: readonly number[], x: number, tx: number, T: number): Float64Array;
  expected(p: Params, t: number): number;
}

type Bg = { r: number; alpha: number; a: number; b: number };
type Pareto = { r: number; alpha: number; s: number; beta: number };

const DEFINITIONS: Record<ContinuousModelKey, ModelDefinition> = {
  bgnbd: {
    label: 'BG/NBD',
    names: ['r', 'alpha', 'a', 'b'],
    fit: (d, o) => ({ ...fitBgNbd(d, o) }),
    logLikelihood: (p, d) => bgNbdLogLikelihood(p as Bg, d),
    pAlive: (p, x, tx, T) => probabilityAlive(p as Bg, x, tx, T),
    conditional: (p, t, x, tx, T) => conditionalExpectedPurchases(p as Bg, t, x, tx, T),
    expected: (p, t) => expectedPurchases(p as Bg, t),
  },
  'pareto-nbd': {
    label: 'Pareto/NBD',
    names: ['r', 'alpha', 's', 'beta'],
    fit: (d, o) => ({ ...fitParetoNbd(d, o) }),
    logLikelihood: (p, d) => paretoNbdLogLikelihood(p as Pareto, d),
    pAlive: (p, x, tx, T) => paretoNbdProbabilityAlive(p as Pareto, x, tx, T),
    conditional: (p, t, x, tx, T) =>
      paretoNbdConditionalExpectedPurchases(p as Pareto, t, x, tx, T),
    conditionalAt: (p, ts, x, tx, T) =>
      paretoNbdConditionalExpectedPurchasesAt(p as Pareto, ts, x, tx, T),
    expected: (p, t) => paretoNbdExpectedPurchases(p as Pareto, t),
  },
  mbgnbd: {
    label: 'MBG/NBD',
    names: ['r', 'alpha', 'a', 'b'],
    fit: (d, o) => ({ ...fitMbgNbd(d, o) }),
    logLikelihood: (p, d) => mbgNbdLogLikelihood(p as Bg, d),
    pAlive: (p, x, tx, T) => mbgNbdProbabilityAlive(p as Bg, x, tx, T),
    conditional: (p, t, x, tx, T) => mbgNbdConditionalExpectedPurchases(p as Bg, t, x, tx, T),
    expected: (p, t) => mbgNbdExpectedPurchases(p as Bg, t),
  },
};

export function modelLabel(model: ContinuousModelKey): string {
  return DEFINITIONS[model].label;
}

/** Fits `model` by maximum likelihood and adds standard errors for its parameters. */
export function fitPurchaseModel(
  model: ContinuousModelKey,
  data: RfmArrays,
  options: FitOptions = {},
): PurchaseModelFit {
  const def = DEFINITIONS[model];
  const raw = def.fit(data, options);
  const params: Params = {};
  for (const name of def.names) params[name] = Number((raw as Record<string, unknown>)[name]);
  const values = def.names.map((name) => params[name]);
  const covariance = observedCovariance((v) => {
    const p: Params = {};
    def.names.forEach((name, i) => (p[name] = v[i]));
    return def.logLikelihood(p, data);
  }, values);
  return {
    model,
    params,
    estimates: estimatesFromCovariance(def.names, values, covariance),
    covariance,
    logLikelihood: raw.logLikelihood,
    converged: raw.converged,
    iterations: raw.iterations,
  };
}

/** A fitted model's identity and parameters: all that scoring needs. */
export type ModelRef = Pick<PurchaseModelFit, 'model' | 'params'>;

/** Bare BG/NBD parameters (the original API) or any fitted model. */
export type PurchaseModelLike = BgNbdParams | ModelRef;

export function asModelRef(p: PurchaseModelLike): ModelRef {
  if ('model' in p) return p;
  return { model: 'bgnbd', params: { r: p.r, alpha: p.alpha, a: p.a, b: p.b } };
}

/** P(alive | x, t_x, T) under the fitted model. */
export function modelProbabilityAlive(fit: ModelRef, x: number, tx: number, T: number): number {
  return DEFINITIONS[fit.model].pAlive(fit.params, x, tx, T);
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in the next t time units. */
export function modelConditionalExpectedPurchases(
  fit: ModelRef,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return DEFINITIONS[fit.model].conditional(fit.params, t, x, tx, T);
}

/** E[Y(t) | x, t_x, T] at each horizon in `ts`. */
export function modelConditionalExpectedPurchasesAt(
  fit: ModelRef,
  ts: readonly number[],
  x: number,
  tx: number,
  T: number,
): Float64Array {
  const def = DEFINITIONS[fit.model];
  if (def.conditionalAt) return def.conditionalAt(fit.params, ts, x, tx, T);
  return Float64Array.from(ts, (t) => def.conditional(fit.params, t, x, tx, T));
}

/** E[X(t)]: expected repeat purchases of a new customer in t time units. */
export function modelExpectedPurchases(fit: ModelRef, t: number): number {
  return DEFINITIONS[fit.model].expected(fit.params, t);
}
