import { describe, expect, it } from 'vitest';
import { churnValidation } from '../../../../src/model/clv/churn-validation';

describe('churnValidation', () => {
  // Five customers; P(alive) and whether they bought in the holdout:
  //   0.1 no, 0.4 yes, 0.4 no, 0.8 yes, 0.9 yes.
  // Churners {0.1, 0.4}, buyers {0.4, 0.8, 0.9}. Pairs (churner riskier than buyer):
  //   0.1 vs 0.4, 0.8, 0.9 -> 3; 0.4 vs 0.4 tie -> 0.5; 0.4 vs 0.8, 0.9 -> 2. AUC = 5.5 / 6.
  // Brier: (0.1-0)^2 + (0.4-1)^2 + (0.4-0)^2 + (0.8-1)^2 + (0.9-1)^2 = 0.58, / 5 = 0.116.
  const v = churnValidation([0.4, 0.1, 0.9, 0.4, 0.8], [2, 0, 1, 0, 3]);

  it('computes AUC with ties counted half, and the Brier score, by hand', () => {
    expect(v.customers).toBe(5);
    expect(v.churned).toBe(2);
    expect(v.auc).toBeCloseTo(5.5 / 6, 12);
    expect(v.brier).toBeCloseTo(0.116, 12);
  });

  it('walks the ROC curve from (0, 0) to (1, 1), tied scores as one step', () => {
    expect(v.roc.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [1 / 3, 1],
      [2 / 3, 1],
      [1, 1],
    ]);
  });

  it('groups deciles in P(alive) order (with 5 customers, one each in deciles 2, 4, 6, 8, 10)', () => {
    expect(v.calibration.map((b) => [b.decile, b.customers, b.meanPAlive, b.boughtShare])).toEqual([
      [2, 1, 0.1, 0],
      [4, 1, 0.4, expect.any(Number)],
      [6, 1, 0.4, expect.any(Number)],
      [8, 1, 0.8, 1],
      [10, 1, 0.9, 1],
    ]);
    // The two customers at 0.4: one bought, one did not.
    expect(v.calibration[1].boughtShare + v.calibration[2].boughtShare).toBe(1);
  });

  it('perfect separation gives AUC 1; no churners leaves AUC undefined', () => {
    expect(churnValidation([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]).auc).toBe(1);
    expect(Number.isNaN(churnValidation([0.5, 0.6], [1, 1]).auc)).toBe(true);
    expect(() => churnValidation([0.5], [])).toThrow(/one value per customer/);
  });
});
