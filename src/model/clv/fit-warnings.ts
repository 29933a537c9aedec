import type { Labels } from '../../domain/labels';
import type { BgNbdFit } from './bgnbd';
import { purchaseModelLabel, type AnyPurchaseFit } from './purchase-models';
import type { GammaGammaFit } from './gamma-gamma';
import type { CustomerSummary } from './summary';

/** Something about the data or a fit the user should know before trusting the forecast. */
export interface FitWarning {
  code:
    | 'no-customers'
    | 'few-customers'
    | 'few-repeat-buyers'
    | 'no-observation-time'
    | 'non-positive-spend'
    | 'spend-depends-on-frequency'
    | 'not-converged'
    | 'extreme-parameters'
    | 'unbounded-spend'
    | 'not-compared';
  message: Labels;
}

export const MIN_CUSTOMERS = 200;
export const MIN_REPEAT_BUYERS = 50;
/** Above this |correlation| between frequency and spend the Gamma-Gamma assumption is doubtful. */
export const MAX_SPEND_FREQUENCY_CORRELATION = 0.3;

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Warnings about summary data before fitting: too little of it, or data the models do not suit. */
export function checkFitData(summary: CustomerSummary): FitWarning[] {
  const n = summary.frequency.length;
  if (n === 0) {
    return [
      {
        code: 'no-customers',
        message: {
          en: 'No customers made a purchase before the calibration end, so there is nothing to fit.',
          zh: '校准期结束前没有客户购买，无法拟合模型。',
        },
      },
    ];
  }
  const warnings: FitWarning[] = [];
  const xs: number[] = [];
  const ms: number[] = [];
  let nonPositive = 0;
  let maxT = 0;
  for (let i = 0; i < n; i++) {
    maxT = Math.max(maxT, summary.T[i]);
    if (summary.frequency[i] > 0) {
      if (summary.monetaryValue[i] > 0) {
        xs.push(summary.frequency[i]);
        ms.push(summary.monetaryValue[i]);
      } else nonPositive++;
    }
  }
  const repeatBuyers = xs.length + nonPositive;
  if (n < MIN_CUSTOMERS) {
    warnings.push({
      code: 'few-customers',
      message: {
        en: `Only ${n} customers: estimates from fewer than ${MIN_CUSTOMERS} are unreliable.`,
        zh: `仅有 ${n} 位客户：少于 ${MIN_CUSTOMERS} 位客户时估计结果不可靠。`,
      },
    });
  }
  if (repeatBuyers < MIN_REPEAT_BUYERS) {
    warnings.push({
      code: 'few-repeat-buyers',
      message: {
        en: `Only ${repeatBuyers} customers bought again in the calibration period; with fewer than ${MIN_REPEAT_BUYERS} the models can barely tell buying rates from drop-out.`,
        zh: `校准期内仅有 ${repeatBuyers} 位客户复购；少于 ${MIN_REPEAT_BUYERS} 位时模型难以区分购买频率与流失。`,
      },
    });
  }
  if (maxT === 0) {
    warnings.push({
      code: 'no-observation-time',
      message: {
        en: 'Every customer first bought on the calibration end date; choose a later calibration end.',
        zh: '所有客户都在校准期结束当天首次购买；请选择更晚的校准期结束日期。',
      },
    });
  }
  if (nonPositive > 0) {
    warnings.push({
      code: 'non-positive-spend',
      message: {
        en: `${nonPositive} repeat buyers have zero or negative average spend (returns?); the spend model leaves them out.`,
        zh: `${nonPositive} 位复购客户的平均消费为零或负数（可能有退货）；消费金额模型不使用这些客户。`,
      },
    });
  }
  if (xs.length >= 3) {
    const r = pearson(xs, ms);
    if (Math.abs(r) > MAX_SPEND_FREQUENCY_CORRELATION) {
      warnings.push({
        code: 'spend-depends-on-frequency',
        message: {
          en: `Average spend and purchase frequency are correlated (r = ${r.toFixed(2)}); the Gamma-Gamma model assumes they are independent, so spend forecasts may be biased.`,
          zh: `平均消费与购买频次相关（r = ${r.toFixed(2)}）；Gamma-Gamma 模型假设两者独立，消费预测可能有偏差。`,
        },
      });
    }
  }
  return warnings;
}

/** Warnings about a finished fit: no convergence, or parameters that make forecasts unusable. */
export function checkFitResult(fit: BgNbdFit | GammaGammaFit | AnyPurchaseFit): FitWarning[] {
  const warnings: FitWarning[] = [];
  const model =
    'model' in fit ? purchaseModelLabel(fit.model) : 'r' in fit ? 'BG/NBD' : 'Gamma-Gamma';
  if (!fit.converged) {
    warnings.push({
      code: 'not-converged',
      message: {
        en: `The ${model} fit stopped after ${fit.iterations} iterations without converging; treat its parameters with caution.`,
        zh: `${model} 模型拟合在 ${fit.iterations} 次迭代后停止但未收敛；请谨慎使用其参数。`,
      },
    });
  }
  const values =
    'model' in fit
      ? Object.values(fit.params)
      : 'r' in fit
        ? [fit.r, fit.alpha, fit.a, fit.b]
        : [fit.p, fit.q, fit.gamma];
  if (values.some((v) => !(v > 1e-6 && v < 1e6))) {
    warnings.push({
      code: 'extreme-parameters',
      message: {
        en: `Some ${model} parameters are extremely small or large; the data may not suit the model.`,
        zh: `部分 ${model} 参数极小或极大；数据可能不适合该模型。`,
      },
    });
  }
  if ('q' in fit && fit.q <= 1) {
    warnings.push({
      code: 'unbounded-spend',
      message: {
        en: `The spend model's q is ${fit.q.toFixed(2)} (at most 1), so the mean spend of new or one-off customers is unbounded.`,
        zh: `消费金额模型的 q 为 ${fit.q.toFixed(2)}（不大于 1），新客户或只购买一次的客户的平均消费没有上限。`,
      },
    });
  }
  return warnings;
}
