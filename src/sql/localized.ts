/** The UI languages, spelled as in domain/labels. */
export type SqlLang = 'en' | 'zh-CN';

/** A text in both languages that ends up as a value in a result, e.g. a "Total" row label. */
export interface SqlLabels {
  en: string;
  zh: string;
}

export function localized(labels: SqlLabels, lang: SqlLang): string {
  return lang === 'zh-CN' ? labels.zh : labels.en;
}

/** Shown for a customer whose segment is missing. */
export const NO_SEGMENT_LABEL: SqlLabels = { en: '(no segment)', zh: '（未分群）' };
