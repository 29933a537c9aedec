import type { PredictResult } from '../model/clv/predict';

/** What a Predict cell shows after a run: its dates, the fits and their holdout checks. */
export interface PredictView {
  asOf: string;
  calibrationEnd: string;
  holdoutEnd: string | null;
  /** The fit on the calibration period, checked against the holdout (when there is one). */
  check: PredictResult | null;
  tracking: { period: number; actual: number; expected: number }[];
  calibrationPeriod: number;
  /** The fit on all orders before the analysis date, whose predictions join the features. */
  forecast: PredictResult;
  scored: number;
  totalClv: number;
  meanPAlive: number;
  elapsedMs: number;
  /** Wall time of each model fit in the worker (BG/NBD, Gamma-Gamma and scoring). */
  checkFitMs: number;
  forecastFitMs: number;
}
