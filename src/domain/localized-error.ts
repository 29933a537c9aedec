import type { Labels } from './labels';

/**
 * An error a user reads: what went wrong, in both languages. Every user-facing error is one (or
 * a subclass, for `instanceof` checks); `errorText(e, lang)` picks the language to show.
 */
export class LocalizedError extends Error {
  constructor(
    readonly labels: Labels,
    options?: ErrorOptions,
  ) {
    super(`${labels.en}\n${labels.zh}`, options);
  }
}
