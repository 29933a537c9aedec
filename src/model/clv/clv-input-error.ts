import type { Labels } from '../../domain/labels';

/** Bad input to a predictive-value model; `labels` says what is wrong in both languages. */
export class ClvInputError extends Error {
  constructor(readonly labels: Labels) {
    super(labels.en);
    this.name = 'ClvInputError';
  }
}
