import { describe, expect, it } from 'vitest';
import { minimize, type OptimizeProgress } from '../../../../src/model/clv/optimize';

/** The extended Rosenbrock function; its minimum is 0 at (1, 1, ..., 1). */
function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  }
  return s;
}

describe('minimize (Nelder-Mead with restarts)', () => {
  it('finds the minimum of the 2-D Rosenbrock valley from the classic start (-1.2, 1)', () => {
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('finds the minimum of the 4-D Rosenbrock function', () => {
    const result = minimize(rosenbrock, [-1.2, 1, -1.2, 1], { maxIterations: 20000 });
    expect(result.converged).toBe(true);
    for (const xi of result.x) expect(xi).toBeCloseTo(1, 5);
  });

  it('finds the centre of a badly scaled, rotated quadratic', () => {
    // f(x) = (x - c)' A (x - c) + 7 with A positive definite and condition number ~1e3.
    const c = [3, -2, 0.5, 10];
    const A = [
      [1000, 10, 0, 0],
      [10, 20, 3, 0],
      [0, 3, 1, 0.2],
      [0, 0, 0.2, 5],
    ];
    const f = (x: Float64Array) => {
      let s = 7;
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) s += (x[i] - c[i]) * A[i][j] * (x[j] - c[j]);
      }
      return s;
    };
    const result = minimize(f, [0, 0, 0, 0]);
    expect(result.converged).toBe(true);
    expect(result.value).toBeCloseTo(7, 9);
    result.x.forEach((xi, i) => expect(xi).toBeCloseTo(c[i], 4));
  });

  it('treats NaN as +Infinity, so an objective may refuse points outside its domain', () => {
    // Minimum of x - log(x) is at x = 1; log is NaN for x < 0.
    const result = minimize((x) => x[0] - Math.log(x[0]), [5], { initialStep: 10 });
    expect(result.x[0]).toBeCloseTo(1, 6);
  });

  it('reports non-convergence when the iteration cap is hit', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(10);
  });

  it('reports progress every iteration with a best value that never rises', () => {
    const seen: OptimizeProgress[] = [];
    const result = minimize(rosenbrock, [-1.2, 1], { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBe(result.iterations);
    expect(seen.map((p) => p.iteration)).toEqual(seen.map((_, i) => i + 1));
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].value).toBeLessThanOrEqual(seen[i - 1].value);
      expect(seen[i].evaluations).toBeGreaterThan(seen[i - 1].evaluations);
    }
    expect(seen.some((p) => p.restart > 0)).toBe(true);
  });

  it('rejects an empty or non-finite start', () => {
    expect(() => minimize(rosenbrock, [])).toThrow(/at least one/);
    expect(() => minimize(rosenbrock, [1, Number.NaN])).toThrow(/not a finite number/);
  });
});
