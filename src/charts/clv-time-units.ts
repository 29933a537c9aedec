import { pick, type Labels, type Lang } from '../domain/labels';

/** The time a CLV chart measures in: the continuous models' unit, or BG/BB's calendar period. */
export type ClvChartUnit = 'days' | 'weeks' | 'months' | 'quarters' | 'years';

/** BG/BB's periods are whole steps: its grids have one cell per period. */
export function isDiscreteUnit(unit: ClvChartUnit): boolean {
  return unit !== 'days' && unit !== 'weeks';
}

const WORDS: Record<ClvChartUnit, Labels> = {
  days: { en: 'days', zh: '天' },
  weeks: { en: 'weeks', zh: '周' },
  months: { en: 'months', zh: '个月' },
  quarters: { en: 'quarters', zh: '个季度' },
  years: { en: 'years', zh: '年' },
};

const NOUNS: Record<ClvChartUnit, Labels> = {
  days: { en: 'Days', zh: '天数' },
  weeks: { en: 'Weeks', zh: '周数' },
  months: { en: 'Months', zh: '月数' },
  quarters: { en: 'Quarters', zh: '季度数' },
  years: { en: 'Years', zh: '年数' },
};

/** "weeks" / "周": after a number. */
export function unitWord(unit: ClvChartUnit, lang: Lang): string {
  return pick(WORDS[unit], lang);
}

/** "Weeks from first to last purchase (recency)", with `calibration` for the holdout check. */
export function recencyTitle(unit: ClvChartUnit, lang: Lang, calibration = false): string {
  const noun = NOUNS[unit];
  if (calibration) {
    return lang === 'en'
      ? `${noun.en} from first to last calibration purchase`
      : `校准期首次到最后一次购买的${noun.zh}`;
  }
  return lang === 'en'
    ? `${noun.en} from first to last purchase (recency)`
    : `首次到最后一次购买的${noun.zh}（最近购买）`;
}
