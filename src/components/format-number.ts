import { formatNumber as messageNumber } from '../i18n/translate';
import type { Lang } from '../domain/labels';

/**
 * A measure as a reader of the UI language writes it: 95.95万 and 1.2亿 in Chinese from ten
 * thousand up, 959,531 with grouping in English; whole numbers from 100 up, else two decimals.
 */
export function formatNumber(value: number, lang: Lang): string {
  const abs = Math.abs(value);
  if (lang === 'zh-CN' && abs >= 1e4) return messageNumber(lang, value);
  return new Intl.NumberFormat(lang, { maximumFractionDigits: abs >= 100 ? 0 : 2 }).format(value);
}

/** A share (0.123) as a percentage with one decimal: 12.3%. */
export function formatShare(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A difference of two percentages in points: "2.4 pp", "2.4 个百分点". */
export function formatPoints(points: number, lang: Lang): string {
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(points);
  return lang === 'zh-CN' ? `${n} 个百分点` : `${n} pp`;
}
