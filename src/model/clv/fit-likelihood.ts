import type { FitOptions } from './fit-options';
import { minimize } from './optimize';

export interface LikelihoodFit {
  /** The maximising parameters, in the model's own scale. */
  params: number[];
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

/**
 * Maximises `logLikelihood` over positive parameters by Nelder-Mead in log-parameter space,
 * from all parameters equal to 1 (as lifetimes starts). The objective is divided by `n` (the
 * number of customers) so the optimiser's tolerances do not depend on the data's size.
 */
export function fitLikelihood(
  logLikelihood: (params: number[]) => number,
  dimension: number,
  n: number,
  options: FitOptions = {},
): LikelihoodFit {
  const result = minimize(
    (v) => -logLikelihood(Array.from(v, Math.exp)) / n,
    new Array<number>(dimension).fill(0),
    {
      maxIterations: options.maxIterations,
      onProgress: (p) =>
        options.onProgress?.({
          iteration: p.iteration,
          evaluations: p.evaluations,
          logLikelihood: -p.value * n,
        }),
    },
  );
  return {
    params: result.x.map(Math.exp),
    logLikelihood: -result.value * n,
    converged: result.converged,
    iterations: result.iterations,
  };
}
