import { pick, type Labels, type Lang } from '../domain/labels';

/** A segment as its preset defines it: its label and default strategy in both languages. */
export interface StrategyDef {
  label: Labels;
  strategy: Labels;
}

export interface StrategyText {
  text: string;
  /**
   * Where the user edited it: 'here' (in this language), 'other' (only in the other language:
   * that text is shown, untranslated, rather than lost), or 'none' (the preset's default).
   */
  edited: 'here' | 'other' | 'none';
}

const OTHER: Record<Lang, Lang> = { en: 'zh-CN', 'zh-CN': 'en' };

/**
 * The strategy shown for `segment` (a label in `lang`). Edits are kept under the segment's label
 * in the language they were made in, so each language keeps its own; a segment edited in one
 * language only shows that edit in the other too, marked, instead of the default.
 */
export function strategyText(
  strategies: Readonly<Record<string, string>>,
  defs: readonly StrategyDef[],
  segment: string,
  lang: Lang,
): StrategyText {
  const own = strategies[segment];
  if (own !== undefined) return { text: own, edited: 'here' };
  const def = defs.find((d) => pick(d.label, lang) === segment);
  if (!def) return { text: '', edited: 'none' };
  const other = strategies[pick(def.label, OTHER[lang])];
  if (other !== undefined) return { text: other, edited: 'other' };
  return { text: pick(def.strategy, lang), edited: 'none' };
}
