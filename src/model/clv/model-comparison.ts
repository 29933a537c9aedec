/** What one fitted model predicted, for comparing it with others on the same customers. */
export interface ModelOutcome {
  model: string;
  /** Number of fitted parameters, k. */
  parameters: number;
  logLikelihood: number;
  /** Customers the model was fitted on, n. */
  customers: number;
  /** Per customer, expected holdout purchases; empty without a holdout. */
  predicted: ArrayLike<number>;
  /** Per customer, actual holdout purchases, in the same order. */
  actual: ArrayLike<number>;
  /**
   * Fitted on other data in another unit (BG/BB: periods with a purchase, not purchases): shown
   * beside the others but never ranked against them.
   */
  discrete?: boolean;
}

export interface ModelScore {
  model: string;
  logLikelihood: number;
  /** k ln(n) - 2 LL: lower is better. */
  bic: number;
  /** Mean over customers of |predicted - actual| holdout purchases; NaN without a holdout. */
  holdoutMae: number;
  /** (total predicted - total actual) / total actual holdout purchases; NaN without a holdout. */
  trackingError: number;
  /** Not comparable with the others (see `ModelOutcome.discrete`). */
  discrete?: boolean;
}

export interface ModelComparison {
  rows: ModelScore[];
  /**
   * The best model: lowest holdout MAE (ties: lower BIC), or lowest BIC without a holdout; rows
   * marked `discrete` are left out.
   */
  recommended: string | null;
  basis: 'holdout' | 'bic';
}

function score(o: ModelOutcome): ModelScore {
  return { ...scoreOf(o), ...(o.discrete ? { discrete: true } : {}) };
}

function scoreOf(o: ModelOutcome): ModelScore {
  const bic = o.parameters * Math.log(o.customers) - 2 * o.logLikelihood;
  const n = o.predicted.length;
  if (n === 0 || o.actual.length !== n) {
    return {
      model: o.model,
      logLikelihood: o.logLikelihood,
      bic,
      holdoutMae: NaN,
      trackingError: NaN,
    };
  }
  let absolute = 0;
  let predicted = 0;
  let actual = 0;
  for (let i = 0; i < n; i++) {
    absolute += Math.abs(o.predicted[i] - o.actual[i]);
    predicted += o.predicted[i];
    actual += o.actual[i];
  }
  return {
    model: o.model,
    logLikelihood: o.logLikelihood,
    bic,
    holdoutMae: absolute / n,
    trackingError: actual > 0 ? (predicted - actual) / actual : NaN,
  };
}

/**
 * Scores fitted models on in-sample fit (log-likelihood, BIC) and on the holdout (per-customer
 * MAE of purchases, error of the total) and recommends one. Pure: the fits come in done.
 */
export function compareModels(outcomes: readonly ModelOutcome[]): ModelComparison {
  const rows = outcomes.map(score);
  const ranked = rows.filter((r) => !r.discrete);
  const holdout = ranked.length > 0 && ranked.every((r) => Number.isFinite(r.holdoutMae));
  let best: ModelScore | null = null;
  for (const r of ranked) {
    if (!Number.isFinite(r.bic)) continue;
    if (
      best === null ||
      (holdout
        ? r.holdoutMae < best.holdoutMae || (r.holdoutMae === best.holdoutMae && r.bic < best.bic)
        : r.bic < best.bic)
    ) {
      best = r;
    }
  }
  return { rows, recommended: best?.model ?? null, basis: holdout ? 'holdout' : 'bic' };
}
