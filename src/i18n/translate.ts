import type { Lang } from '../domain/labels';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

/** A number in a message: grouped, and in Chinese from ten thousand up in 万 and 亿 (1.23万). */
export function formatNumber(lang: Lang, value: number): string {
  const abs = Math.abs(value);
  if (lang === 'zh-CN' && abs >= 1e4) {
    const [scaled, unit] = abs >= 1e8 ? [value / 1e8, '亿'] : [value / 1e4, '万'];
    return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(scaled)}${unit}`;
  }
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

/** The language to start in: the remembered one, else the browser's, else English. */
export function initialLang(remembered: string | null, browserLangs: readonly string[]): Lang {
  if (remembered === 'en' || remembered === 'zh-CN') return remembered;
  for (const l of browserLangs) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}
