import { ClvInputError } from './clv-input-error';

/** One point of the ROC curve: flagging everyone with churn risk >= threshold. */
export interface RocPoint {
  threshold: number;
  /** Share of non-buyers flagged (true positive rate). */
  tpr: number;
  /** Share of buyers flagged (false positive rate). */
  fpr: number;
}

export interface CalibrationBin {
  /** 1..10 from the lowest P(alive) up. */
  decile: number;
  customers: number;
  meanPAlive: number;
  /** Share of these customers who bought in the holdout. */
  boughtShare: number;
}

export interface ChurnValidation {
  customers: number;
  /** Customers without a purchase in the holdout. */
  churned: number;
  /** Area under the ROC curve of 1 - P(alive) for "no purchase in the holdout". */
  auc: number;
  /** Mean of (P(alive) - bought)^2, bought 1 or 0. */
  brier: number;
  roc: RocPoint[];
  calibration: CalibrationBin[];
}

/**
 * Scores P(alive) at the end of calibration against what happened in the holdout: churn risk
 * 1 - P(alive) as a classifier of "no purchase in the holdout" (ROC curve, AUC with ties
 * counted half), the Brier score of P(alive) as a forecast of "bought again", and a calibration
 * table by deciles of P(alive) (equal-count groups in P(alive) order).
 */
export function churnValidation(
  pAlive: ArrayLike<number>,
  holdoutPurchases: ArrayLike<number>,
): ChurnValidation {
  const n = pAlive.length;
  if (holdoutPurchases.length !== n) {
    throw new ClvInputError({
      en: 'P(alive) and holdout purchases must have one value per customer.',
      zh: '存活概率和留出期购买次数必须每位客户各有一个值。',
    });
  }
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => Number.isFinite(pAlive[i]));
  const m = order.length;
  const bought = (i: number) => (holdoutPurchases[i] > 0 ? 1 : 0);
  let churned = 0;
  let brier = 0;
  for (const i of order) {
    churned += 1 - bought(i);
    brier += (pAlive[i] - bought(i)) ** 2;
  }
  const buyers = m - churned;
  // Highest risk (lowest P(alive)) first; equal scores enter the curve together.
  order.sort((i, j) => pAlive[i] - pAlive[j]);
  const roc: RocPoint[] = [{ threshold: Infinity, tpr: 0, fpr: 0 }];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  for (let k = 0; k < m;) {
    const p = pAlive[order[k]];
    let dtp = 0;
    let dfp = 0;
    while (k < m && pAlive[order[k]] === p) {
      if (bought(order[k])) dfp++;
      else dtp++;
      k++;
    }
    // Trapezoid: ties between a churner and a buyer count half.
    auc += dfp * (tp + dtp / 2);
    tp += dtp;
    fp += dfp;
    roc.push({
      threshold: 1 - p,
      tpr: churned ? tp / churned : 0,
      fpr: buyers ? fp / buyers : 0,
    });
  }
  const calibration: CalibrationBin[] = [];
  for (let d = 0; d < 10 && m > 0; d++) {
    const from = Math.floor((d * m) / 10);
    const to = Math.floor(((d + 1) * m) / 10);
    if (to <= from) continue;
    let sumP = 0;
    let sumBought = 0;
    for (let k = from; k < to; k++) {
      sumP += pAlive[order[k]];
      sumBought += bought(order[k]);
    }
    calibration.push({
      decile: d + 1,
      customers: to - from,
      meanPAlive: sumP / (to - from),
      boughtShare: sumBought / (to - from),
    });
  }
  return {
    customers: m,
    churned,
    auc: churned && buyers ? auc / (churned * buyers) : Number.NaN,
    brier: m ? brier / m : Number.NaN,
    roc,
    calibration,
  };
}
