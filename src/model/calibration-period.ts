import { LocalizedError } from '../domain/localized-error';
import { addDays, daysBetween } from './days';

export interface CalibrationPeriod {
  calibrationEnd: string;
  /** Last day of the holdout period, or null when the calibration runs to the last order. */
  holdoutEnd: string | null;
}

/**
 * The calibration and holdout periods for a prediction. An empty `chosen` end keeps the last
 * third of the order history (at most a year) as holdout, so the model can be checked against
 * what really happened; an end on or after the last order day means no holdout.
 */
export function calibrationPeriod(
  firstDay: string,
  lastDay: string,
  chosen: string,
): CalibrationPeriod {
  if (chosen) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(chosen)) {
      throw new LocalizedError({
        en: `Calibration end must be a date (YYYY-MM-DD), got "${chosen}".`,
        zh: `校准期结束日期必须是日期（YYYY-MM-DD），实际为“${chosen}”。`,
      });
    }
    if (chosen < firstDay) {
      throw new LocalizedError({
        en: `Calibration end ${chosen} is before the first order (${firstDay}).`,
        zh: `校准期结束日期 ${chosen} 早于第一笔订单（${firstDay}）。`,
      });
    }
    return chosen >= lastDay
      ? { calibrationEnd: lastDay, holdoutEnd: null }
      : { calibrationEnd: chosen, holdoutEnd: lastDay };
  }
  const span = daysBetween(firstDay, lastDay);
  const holdout = Math.min(365, Math.floor(span / 3));
  if (holdout < 1) return { calibrationEnd: lastDay, holdoutEnd: null };
  return { calibrationEnd: addDays(lastDay, -holdout), holdoutEnd: lastDay };
}
