import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../../src/model/clv/bgnbd';
import {
  checkFitData,
  checkFitResult,
  type FitWarning,
} from '../../../../src/model/clv/fit-warnings';
import type { CustomerSummary } from '../../../../src/model/clv/summary';

function summary(rows: [number, number, number, number][]): CustomerSummary {
  return {
    frequency: Float64Array.from(rows, (r) => r[0]),
    recency: Float64Array.from(rows, (r) => r[1]),
    T: Float64Array.from(rows, (r) => r[2]),
    monetaryValue: Float64Array.from(rows, (r) => r[3]),
  };
}

/**
 * n customers, every third a repeat buyer. Buyer k has frequency 1 + k % 5 and spend
 * 20 + 5 * (floor(k / 5) % 4): every 20 buyers cover all pairs once, so the two are uncorrelated.
 */
function plenty(n: number): CustomerSummary {
  return summary(
    Array.from({ length: n }, (_, i): [number, number, number, number] => {
      const k = i / 3;
      return i % 3 === 0
        ? [1 + (k % 5), 10 + (k % 7), 30, 20 + 5 * (Math.floor(k / 5) % 4)]
        : [0, 0, 30, 0];
    }),
  );
}

const codes = (w: FitWarning[]) => w.map((x) => x.code);
const bilingual = (w: FitWarning[]) =>
  w.forEach((x) => {
    expect(x.message.en.length).toBeGreaterThan(10);
    expect(x.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

describe('checkFitData', () => {
  it('is quiet for enough customers and repeat buyers', () => {
    expect(checkFitData(plenty(600))).toEqual([]);
  });

  it('warns about too few customers and repeat buyers', () => {
    const w = checkFitData(plenty(60));
    expect(codes(w)).toEqual(['few-customers', 'few-repeat-buyers']);
    expect(w[0].message.en).toMatch(/Only 60 customers/);
    expect(w[1].message.en).toMatch(/Only 20 customers bought again/);
    bilingual(w);
  });

  it('warns when there is nothing or no time to fit on', () => {
    expect(codes(checkFitData(summary([])))).toEqual(['no-customers']);
    const w = checkFitData(summary(Array.from({ length: 300 }, () => [0, 0, 0, 0])));
    expect(codes(w)).toContain('no-observation-time');
    bilingual(w);
  });

  it('counts repeat buyers without positive spend', () => {
    const s = plenty(600);
    s.monetaryValue[0] = 0;
    s.monetaryValue[3] = -12;
    const w = checkFitData(s);
    expect(codes(w)).toEqual(['non-positive-spend']);
    expect(w[0].message.en).toMatch(/^2 repeat buyers/);
    bilingual(w);
  });

  it('warns when spend rises with frequency (the Gamma-Gamma independence assumption)', () => {
    const s = plenty(600);
    for (let i = 0; i < 600; i++)
      if (s.frequency[i] > 0) s.monetaryValue[i] = 10 * s.frequency[i] + (i % 3);
    const w = checkFitData(s);
    expect(codes(w)).toEqual(['spend-depends-on-frequency']);
    bilingual(w);
  });
});

describe('checkFitResult', () => {
  it('flags a fit stopped by its iteration cap', () => {
    const fit = fitBgNbd(plenty(300), { maxIterations: 5 });
    expect(fit.converged).toBe(false);
    const w = checkFitResult(fit);
    expect(codes(w)).toContain('not-converged');
    expect(w[0].message.en).toMatch(/BG\/NBD fit stopped after 5 iterations/);
    bilingual(w);
  });

  it('flags extreme parameters and an unbounded mean spend', () => {
    const w = checkFitResult({
      p: 2,
      q: 0.8,
      gamma: 1e9,
      logLikelihood: -1,
      converged: true,
      iterations: 10,
      customers: 100,
    });
    expect(codes(w)).toEqual(['extreme-parameters', 'unbounded-spend']);
    expect(w[0].message.en).toMatch(/Gamma-Gamma/);
    bilingual(w);
  });

  it('is quiet for a converged fit with ordinary parameters', () => {
    expect(
      checkFitResult({
        r: 0.24,
        alpha: 4.4,
        a: 0.79,
        b: 2.4,
        logLikelihood: -1,
        converged: true,
        iterations: 400,
      }),
    ).toEqual([]);
  });
});
