import { ClvInputError } from './clv-input-error';
import {
  bad,
  fitContinuousModels,
  predict,
  type ExtraOutcome,
  type PredictProgress,
  type PredictResult,
  type PredictSettings,
} from './predict';
import { bgBbOutcome, predictBgBb, type PeriodInput } from './predict-bgbb';

/** What the Predict cell sends its worker: the continuous summary and the period histories. */
export interface PredictRequest {
  /** `clvSummarySql` rows. */
  rows: Record<string, unknown>[];
  /** The orders by calendar period, for BG/BB; null when BG/BB is neither chosen nor compared. */
  periods: PeriodInput | null;
  settings: PredictSettings;
}

/**
 * Runs the chosen model: BG/BB on the periods, any other on the summary rows. With `compare`
 * the others join the comparison; a BG/BB that cannot be fitted beside a continuous model
 * (too few periods) becomes a warning instead of failing the forecast.
 */
export function predictRequest(
  request: PredictRequest,
  onProgress?: (p: PredictProgress) => void,
): PredictResult {
  const { rows, periods, settings } = request;
  if (settings.model === 'bgbb') {
    if (!periods) bad('BG/BB needs the orders by period.', 'BG/BB 需要按期汇总的订单。');
    const continuous =
      settings.compare && rows.length > 0 ? fitContinuousModels(rows, onProgress) : undefined;
    return predictBgBb(periods, settings, onProgress, continuous);
  }
  const extra: ExtraOutcome[] = [];
  let skipped: ClvInputError | null = null;
  let bgbbMs = 0;
  if (settings.compare && periods) {
    const started = performance.now();
    try {
      extra.push(bgBbOutcome(periods, onProgress));
      bgbbMs = performance.now() - started;
    } catch (e) {
      if (!(e instanceof ClvInputError)) throw e;
      skipped = e;
    }
  }
  const result = predict(rows, settings, onProgress, extra);
  if (extra.length > 0) result.timings.bgbb = bgbbMs;
  if (skipped) {
    result.warnings.push({
      code: 'not-compared',
      message: {
        en: `BG/BB is left out of the comparison: ${skipped.labels.en}`,
        zh: `BG/BB 未参与比较：${skipped.labels.zh}`,
      },
    });
  }
  return result;
}
