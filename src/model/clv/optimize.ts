/** Where a minimisation is, reported after every Nelder-Mead iteration. */
export interface OptimizeProgress {
  iteration: number;
  evaluations: number;
  /** The best objective value so far. */
  value: number;
  /** Which start this is: 0 for the first simplex, then one per restart. */
  restart: number;
}

export interface OptimizeOptions {
  /** Cap on iterations over all restarts. Default 5,000. */
  maxIterations?: number;
  /** Converged when the simplex's values span at most this (absolute). Default 1e-10. */
  valueTolerance?: number;
  /** ...and its vertices lie within this of the best one in every coordinate. Default 1e-8. */
  pointTolerance?: number;
  /** Size of the first simplex along each axis. Default 0.5. */
  initialStep?: number;
  /** Fresh simplices started from the best point after convergence. Default 3. */
  restarts?: number;
  onProgress?: (progress: OptimizeProgress) => void;
}

export interface OptimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  /** False when the iteration cap was hit before the tolerances were met. */
  converged: boolean;
}

/**
 * Minimises `f` with the Nelder-Mead simplex method, using the dimension-adaptive
 * coefficients of Gao & Han (2012), then restarts from the best point until a restart no
 * longer improves the value. A restart undoes the simplex collapse that can stall plain
 * Nelder-Mead short of the minimum. Non-finite values (NaN, infinities) count as +Infinity,
 * so `f` may return NaN outside its domain.
 */
export function minimize(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: OptimizeOptions = {},
): OptimizeResult {
  const n = start.length;
  if (n === 0) throw new Error('minimize needs at least one parameter');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(start[i])) throw new Error(`Start point ${i + 1} is not a finite number`);
  }
  const maxIterations = options.maxIterations ?? 5000;
  const valueTol = options.valueTolerance ?? 1e-10;
  const pointTol = options.pointTolerance ?? 1e-8;
  const step = options.initialStep ?? 0.5;
  const maxRestarts = options.restarts ?? 3;

  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  let best: Float64Array = Float64Array.from(start);
  let bestValue = evaluate(best);
  let iterations = 0;
  let converged = false;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const run = nelderMead(evaluate, best, bestValue, {
      // Restarts probe the neighbourhood of a point already believed optimal.
      step: restart === 0 ? step : step * 0.1,
      valueTol,
      pointTol,
      maxIterations: maxIterations - iterations,
      report: (iteration, value) =>
        options.onProgress?.({ iteration: iterations + iteration, evaluations, value, restart }),
    });
    iterations += run.iterations;
    const improvement = bestValue - run.value;
    if (run.value <= bestValue) {
      best = run.x;
      bestValue = run.value;
    }
    converged = run.converged;
    if (!converged || iterations >= maxIterations) break;
    if (restart > 0 && !(improvement > valueTol)) break;
  }
  return { x: Array.from(best), value: bestValue, iterations, evaluations, converged };
}

interface RunOptions {
  step: number;
  valueTol: number;
  pointTol: number;
  maxIterations: number;
  report: (iteration: number, value: number) => void;
}

function nelderMead(
  evaluate: (x: Float64Array) => number,
  x0: Float64Array,
  f0: number,
  opts: RunOptions,
): { x: Float64Array; value: number; iterations: number; converged: boolean } {
  const n = x0.length;
  const alpha = 1;
  const gamma = 1 + 2 / n;
  const rho = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;

  const points: Float64Array[] = [Float64Array.from(x0)];
  const values: number[] = [f0];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    p[i] += p[i] !== 0 ? opts.step * Math.max(1, Math.abs(p[i])) : opts.step;
    points.push(p);
    values.push(evaluate(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const trial = new Float64Array(n);

  const along = (out: Float64Array, coef: number): void => {
    const worst = points[order[n]];
    for (let j = 0; j < n; j++) out[j] = centroid[j] + coef * (worst[j] - centroid[j]);
  };
  const replaceWorst = (from: Float64Array, value: number): void => {
    points[order[n]].set(from);
    values[order[n]] = value;
  };

  let iteration = 0;
  let converged = false;
  while (iteration < opts.maxIterations) {
    order.sort((i, j) => values[i] - values[j]);
    const bestP = points[order[0]];
    let spread = 0;
    for (let k = 1; k <= n; k++) {
      const p = points[order[k]];
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(p[j] - bestP[j]));
    }
    if (values[order[n]] - values[order[0]] <= opts.valueTol && spread <= opts.pointTol) {
      converged = true;
      break;
    }
    iteration++;

    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]];
      for (let j = 0; j < n; j++) centroid[j] += p[j] / n;
    }
    along(reflected, -alpha);
    const fr = evaluate(reflected);
    const fBest = values[order[0]];
    const fSecondWorst = values[order[n - 1]];
    const fWorst = values[order[n]];
    if (fr < fBest) {
      along(trial, -alpha * gamma);
      const fe = evaluate(trial);
      if (fe < fr) replaceWorst(trial, fe);
      else replaceWorst(reflected, fr);
    } else if (fr < fSecondWorst) {
      replaceWorst(reflected, fr);
    } else {
      const outside = fr < fWorst;
      along(trial, outside ? -alpha * rho : rho);
      const fc = evaluate(trial);
      if (fc < (outside ? fr : fWorst)) {
        replaceWorst(trial, fc);
      } else {
        for (let k = 1; k <= n; k++) {
          const p = points[order[k]];
          for (let j = 0; j < n; j++) p[j] = bestP[j] + sigma * (p[j] - bestP[j]);
          values[order[k]] = evaluate(p);
        }
      }
    }
    opts.report(iteration, Math.min(...values));
  }
  order.sort((i, j) => values[i] - values[j]);
  return {
    x: Float64Array.from(points[order[0]]),
    value: values[order[0]],
    iterations: iteration,
    converged,
  };
}
