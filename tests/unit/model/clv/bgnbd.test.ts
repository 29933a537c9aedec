import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
} from '../../../../src/model/clv/bgnbd';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';

/*
 * The model's closed forms (Fader, Hardie & Lee 2005, eqs. 6, 9, 10) are checked against the
 * model's DEFINITION, integrated numerically: purchases are Poisson(lambda) while alive,
 * lambda ~ Gamma(r, alpha), and after each purchase the customer leaves with probability
 * p ~ Beta(a, b). The densities are normalised numerically too, so no gamma function is used.
 */

/** A quadrature rule: integral of f over [0, hi] ~ sum of w[i] * f(x[i]). */
interface Rule {
  x: Float64Array;
  w: Float64Array;
}

/** Simpson's rule on [0, hi] after substituting x = u^k, which smooths x^(s-1) at 0. */
function simpson(hi: number, k: number, n: number): Rule {
  const h = Math.pow(hi, 1 / k) / n;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 1; i <= n; i++) {
    const u = i * h;
    x[i - 1] = Math.pow(u, k);
    w[i - 1] = ((i === n ? 1 : i % 2 === 1 ? 4 : 2) * h * k * Math.pow(u, k - 1)) / 3;
  }
  return { x, w };
}

/** The rule weighted by an unnormalised density, normalised numerically. */
function weighted(rule: Rule, density: (x: number) => number): Rule {
  const w = rule.w.map((wi, i) => wi * density(rule.x[i]));
  const total = w.reduce((s, v) => s + v, 0);
  return { x: rule.x, w: w.map((v) => v / total) };
}

const expect1 = (rule: Rule, f: (x: number) => number) =>
  rule.x.reduce((s, xi, i) => s + rule.w[i] * f(xi), 0);

/** Expectations over lambda ~ Gamma(r, alpha) and p ~ Beta(a, b), by quadrature. */
function model(P: BgNbdParams) {
  const lambda = weighted(
    simpson(60 / P.alpha, 2, 1000),
    (l) => Math.pow(l, P.r - 1) * Math.exp(-P.alpha * l),
  );
  // Both ends of (0, 1) are smoothed: p = u^5 on (0, 1/2], 1 - p = u^5 on (0, 1/2].
  const half = simpson(0.5, 5, 600);
  const unit = {
    x: Float64Array.from([...half.x, ...half.x.map((q) => 1 - q)]),
    w: Float64Array.from([...half.w, ...half.w]),
  };
  const p = weighted(unit, (v) => Math.pow(v, P.a - 1) * Math.pow(1 - v, P.b - 1));

  /** E over both of g(lambda) h(p) (1 - e^(-lambda p t)) / p: purchases in t while alive. */
  const future = (g: (l: number) => number, h: (p: number) => number, t: number) => {
    const hp = p.x.map((v, j) => (p.w[j] * h(v)) / v);
    let s = 0;
    for (let i = 0; i < lambda.x.length; i++) {
      const l = lambda.x[i];
      let inner = 0;
      for (let j = 0; j < hp.length; j++) inner -= hp[j] * Math.expm1(-l * p.x[j] * t);
      s += lambda.w[i] * g(l) * inner;
    }
    return s;
  };
  const stillAlive = (x: number, T: number) =>
    expect1(lambda, (l) => Math.pow(l, x) * Math.exp(-l * T)) *
    expect1(p, (v) => Math.pow(1 - v, x));
  const likelihood = (x: number, tx: number, T: number) =>
    stillAlive(x, T) +
    (x > 0
      ? expect1(lambda, (l) => Math.pow(l, x) * Math.exp(-l * tx)) *
        expect1(p, (v) => v * Math.pow(1 - v, x - 1))
      : 0);
  return {
    likelihood,
    alive: (x: number, tx: number, T: number) => stillAlive(x, T) / likelihood(x, tx, T),
    unconditional: (t: number) =>
      future(
        () => 1,
        () => 1,
        t,
      ),
    // Posterior weight of (lambda, p) and being alive at T is (1-p)^x lambda^x e^(-lambda T).
    conditional: (t: number, x: number, tx: number, T: number) =>
      future(
        (l) => Math.pow(l, x) * Math.exp(-l * T),
        (v) => Math.pow(1 - v, x),
        t,
      ) / likelihood(x, tx, T),
  };
}

const PARAMS: BgNbdParams[] = [
  { r: 2.3, alpha: 3, a: 2.5, b: 3 },
  { r: 1.5, alpha: 2, a: 0.6, b: 1.8 },
  // a = 1 is a removable 0/0 in eq. 10.
  { r: 2, alpha: 1.5, a: 1, b: 2.2 },
];
const CUSTOMERS: [number, number, number][] = [
  [0, 0, 5],
  [1, 0.5, 5],
  [3, 4.2, 6],
  [12, 9.5, 10],
];
const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe.each(PARAMS)('BG/NBD closed forms vs numerical integration, %o', (P) => {
  const m = model(P);

  it('log-likelihood (eq. 6), summed over customers', () => {
    const data = {
      frequency: CUSTOMERS.map((c) => c[0]),
      recency: CUSTOMERS.map((c) => c[1]),
      T: CUSTOMERS.map((c) => c[2]),
    };
    const expected = CUSTOMERS.reduce((s, [x, tx, T]) => s + Math.log(m.likelihood(x, tx, T)), 0);
    expect(bgNbdLogLikelihood(P, data)).toBeCloseTo(expected, 7);
  });

  it('P(alive)', () => {
    for (const [x, tx, T] of CUSTOMERS)
      relClose(probabilityAlive(P, x, tx, T), m.alive(x, tx, T), 2e-8);
  });

  it('unconditional E[X(t)] (eq. 9), for short and long horizons', () => {
    for (const t of [0.5, 4, 40]) relClose(expectedPurchases(P, t), m.unconditional(t), 2e-8);
    expect(expectedPurchases(P, 0)).toBe(0);
  });

  it('conditional E[Y(t) | x, t_x, T] (eq. 10), for short and long horizons', () => {
    for (const [x, tx, T] of CUSTOMERS) {
      for (const t of [1, 40]) {
        relClose(conditionalExpectedPurchases(P, t, x, tx, T), m.conditional(t, x, tx, T), 2e-8);
      }
    }
  });
});

describe('BG/NBD inputs', () => {
  const P = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('gives P(alive) = 1 without repeat purchases and no expected purchases for t = 0', () => {
    expect(probabilityAlive(P, 0, 0, 30)).toBe(1);
    expect(conditionalExpectedPurchases(P, 0, 3, 10, 30)).toBe(0);
  });

  it("stays finite for heavy buyers, where the paper's 2F1 alone would overflow", () => {
    const [x, tx, T, t] = [1000, 38.95, 39, 52];
    const e = conditionalExpectedPurchases(P, t, x, tx, T);
    // Drop-out only lowers the posterior mean rate (r + x) / (alpha + T) times t.
    expect(e).toBeGreaterThan(100);
    expect(e).toBeLessThan(((P.r + x) / (P.alpha + T)) * t);
  });

  it('rejects impossible customers and parameters with messages in both languages', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ClvInputError);
        return (e as ClvInputError).labels;
      }
      throw new Error('did not throw');
    };
    expect(err(() => probabilityAlive(P, 1.5, 1, 2)).en).toMatch(/whole number/);
    expect(err(() => probabilityAlive(P, 2, 5, 4)).zh).toMatch(/最近购买间隔/);
    expect(err(() => probabilityAlive(P, 0, 1, 4)).en).toMatch(/recency must be 0/);
    expect(err(() => expectedPurchases({ ...P, b: -1 }, 3)).zh).toMatch(/必须为正数/);
    expect(err(() => expectedPurchases(P, -3)).en).toMatch(/horizon/);
    expect(err(() => fitBgNbd({ frequency: [], recency: [], T: [] })).en).toMatch(/no customers/);
    expect(err(() => fitBgNbd({ frequency: [1, 2], recency: [1], T: [3, 4] })).en).toMatch(
      /one value per customer/,
    );
  });
});
