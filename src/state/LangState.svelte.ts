import type { Lang } from '../domain/labels';
import { initialLang, translate, type MessageKey, type MessageParams } from '../i18n/translate';

const KEY = 'seglab.lang';

/** The interface language: chosen by the user, remembered, defaulting to the browser's. */
export class LangState {
  lang = $state<Lang>('en');

  constructor(
    private readonly storage: Storage | null,
    browserLangs: readonly string[],
  ) {
    this.lang = initialLang(storage?.getItem(KEY) ?? null, browserLangs);
  }

  set(lang: Lang): void {
    this.lang = lang;
    try {
      this.storage?.setItem(KEY, lang);
    } catch {
      // Storage may be full or disabled (private mode); the choice still holds for this session.
    }
  }

  t = (key: MessageKey, params?: MessageParams): string => translate(this.lang, key, params);
}
