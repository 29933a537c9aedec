import { describe, expect, it } from 'vitest';
import { ClvInputError } from '../../../../src/model/clv/clv-input-error';
import {
  conditionalExpectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from '../../../../src/model/clv/gamma-gamma';

/*
 * Checked against the model's definition (Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"): each purchase's spend is Gamma(shape p, rate nu), so the mean of x
 * purchases is Gamma(p x, nu x), and nu ~ Gamma(shape q, rate gamma) across customers. The
 * mixing integral over nu is done numerically. p = 2 keeps p x whole, so Gamma(p x) is a
 * factorial; the Gamma(q) constant is found numerically.
 */
function simpson(f: (v: number) => number, hi: number, n = 4000): number {
  const h = hi / n;
  let s = f(0) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

const P: GammaGammaParams = { p: 2, q: 3.7, gamma: 15 };
const prior = (v: number) => Math.pow(v, P.q - 1) * Math.exp(-P.gamma * v);
const priorMass = simpson(prior, 80 / P.gamma);
const meanDensity = (m: number, x: number, v: number) => {
  const shape = P.p * x;
  return (
    (Math.pow(v * x, shape) * Math.pow(m, shape - 1) * Math.exp(-v * x * m)) / factorial(shape - 1)
  );
};
const CUSTOMERS: [number, number][] = [
  [1, 12.5],
  [2, 30],
  [5, 22.4],
  [9, 71.3],
];

describe('Gamma-Gamma closed forms vs numerical integration', () => {
  it('log-likelihood of the mean spend m_x (eq. 1a of the note)', () => {
    const expected = CUSTOMERS.reduce((s, [x, m]) => {
      const hi = 80 / (P.gamma + x * m);
      const density = simpson((v) => meanDensity(m, x, v) * prior(v), hi) / priorMass;
      return s + Math.log(density);
    }, 0);
    const data = {
      frequency: CUSTOMERS.map((c) => c[0]),
      monetaryValue: CUSTOMERS.map((c) => c[1]),
    };
    expect(gammaGammaLogLikelihood(P, data)).toBeCloseTo(expected, 7);
  });

  it('expected spend per purchase given (x, m_x): E[p / nu | data] (eq. 5)', () => {
    for (const [x, m] of CUSTOMERS) {
      const hi = 80 / (P.gamma + x * m);
      const post = (v: number) => meanDensity(m, x, v) * prior(v);
      const expected = simpson((v) => (v === 0 ? 0 : (P.p / v) * post(v)), hi) / simpson(post, hi);
      expect(conditionalExpectedAverageSpend(P, x, m)).toBeCloseTo(expected, 7);
    }
  });

  it('falls back to the population mean E[p / nu] = p gamma / (q - 1) without repeat purchases', () => {
    const expected =
      simpson((v) => (v === 0 ? 0 : (P.p / v) * prior(v)), 80 / P.gamma, 20000) / priorMass;
    expect(conditionalExpectedAverageSpend(P, 0, 0)).toBeCloseTo(expected, 5);
  });
});

/** Deterministic spend data: x in 1..8, mean spend varying around 30. */
function syntheticSpend(n: number): { frequency: number[]; monetaryValue: number[] } {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const frequency: number[] = [];
  const monetaryValue: number[] = [];
  for (let i = 0; i < n; i++) {
    frequency.push(1 + Math.floor(next() * 8));
    monetaryValue.push(5 + 50 * next() * next() + 20 * next());
  }
  return { frequency, monetaryValue };
}

describe('fitGammaGamma', () => {
  it('is currency-free: scaling spend by 1000 scales gamma by 1000 and leaves p, q alone', () => {
    const data = syntheticSpend(300);
    const fit = fitGammaGamma(data);
    const scaled = fitGammaGamma({
      ...data,
      monetaryValue: data.monetaryValue.map((m) => m * 1000),
    });
    expect(fit.converged && scaled.converged).toBe(true);
    expect(scaled.p / fit.p).toBeCloseTo(1, 5);
    expect(scaled.q / fit.q).toBeCloseTo(1, 5);
    expect(scaled.gamma / fit.gamma).toBeCloseTo(1000, 2);
    // The density of m_x picks up a factor 1/1000 per customer.
    expect(scaled.logLikelihood - fit.logLikelihood).toBeCloseTo(-300 * Math.log(1000), 4);
  });

  it('reports the log-likelihood at its parameters, which no nearby parameters beat', () => {
    const data = syntheticSpend(300);
    const fit = fitGammaGamma(data);
    expect(gammaGammaLogLikelihood(fit, data)).toBeCloseTo(fit.logLikelihood, 6);
    for (const key of ['p', 'q', 'gamma'] as const) {
      for (const f of [0.99, 1.01]) {
        expect(gammaGammaLogLikelihood({ ...fit, [key]: fit[key] * f }, data)).toBeLessThan(
          fit.logLikelihood,
        );
      }
    }
  });

  it('uses only repeat buyers with positive spend', () => {
    const data = syntheticSpend(100);
    const fit = fitGammaGamma({
      frequency: [...data.frequency, 0, 0, 3],
      monetaryValue: [...data.monetaryValue, 0, 0, -5],
    });
    expect(fit.customers).toBe(100);
    expect(fit.p).toBeCloseTo(fitGammaGamma(data).p, 6);
  });

  it('rejects unusable input in both languages', () => {
    const labels = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ClvInputError);
        return (e as ClvInputError).labels;
      }
      throw new Error('did not throw');
    };
    expect(labels(() => fitGammaGamma({ frequency: [0, 0], monetaryValue: [0, 0] })).zh).toMatch(
      /复购/,
    );
    expect(labels(() => fitGammaGamma({ frequency: [1], monetaryValue: [1, 2] })).en).toMatch(
      /one value per customer/,
    );
    expect(labels(() => conditionalExpectedAverageSpend({ ...P, q: 0.8 }, 0, 0)).en).toMatch(
      /unbounded/,
    );
    expect(labels(() => conditionalExpectedAverageSpend({ ...P, p: 0 }, 1, 3)).en).toMatch(
      /positive/,
    );
  });
});
