/** The languages SegLab speaks. Every user-visible string exists in both. */
export type Lang = 'zh-CN' | 'en';

/** A text in both languages, used by model definitions (presets, segments, strategies). */
export interface Labels {
  en: string;
  zh: string;
}

export function pick(labels: Labels, lang: Lang): string {
  return lang === 'zh-CN' ? labels.zh : labels.en;
}
