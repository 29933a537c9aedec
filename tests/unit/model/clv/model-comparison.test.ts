import { describe, expect, it } from 'vitest';
import { compareModels } from '../../../../src/model/clv/model-comparison';

describe('compareModels', () => {
  // Three customers who bought 0, 2 and 4 times in the holdout (6 in all), n = 3, k = 4.
  const actual = [0, 2, 4];
  const a = {
    model: 'A',
    parameters: 4,
    logLikelihood: -10,
    customers: 3,
    actual,
    predicted: [1, 2, 3],
  };
  const b = {
    model: 'B',
    parameters: 4,
    logLikelihood: -9,
    customers: 3,
    actual,
    predicted: [0.5, 1, 2],
  };

  it('scores by hand: BIC, per-customer MAE and total tracking error', () => {
    const { rows } = compareModels([a, b]);
    // A: BIC = 4 ln 3 + 20; MAE = (1 + 0 + 1) / 3; total 6 vs 6 -> 0.
    expect(rows[0].bic).toBeCloseTo(4 * Math.log(3) + 20, 12);
    expect(rows[0].holdoutMae).toBeCloseTo(2 / 3, 12);
    expect(rows[0].trackingError).toBe(0);
    // B: BIC = 4 ln 3 + 18; MAE = (0.5 + 1 + 2) / 3; total 3.5 vs 6 -> -2.5 / 6.
    expect(rows[1].bic).toBeCloseTo(4 * Math.log(3) + 18, 12);
    expect(rows[1].holdoutMae).toBeCloseTo(3.5 / 3, 12);
    expect(rows[1].trackingError).toBeCloseTo(-2.5 / 6, 12);
  });

  it('recommends the lower holdout MAE even when its BIC is worse', () => {
    expect(compareModels([a, b])).toMatchObject({ recommended: 'A', basis: 'holdout' });
  });

  it('falls back to BIC without a holdout', () => {
    const none = [
      { ...a, predicted: [], actual: [] },
      { ...b, predicted: [], actual: [] },
    ];
    const c = compareModels(none);
    expect(c).toMatchObject({ recommended: 'B', basis: 'bic' });
    expect(Number.isNaN(c.rows[0].holdoutMae)).toBe(true);
  });
});
