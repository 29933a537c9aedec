import { LocalizedError } from '../../domain/localized-error';

/** Bad input to a predictive-value model; `labels` says what is wrong in both languages. */
export class ClvInputError extends LocalizedError {
  constructor(labels: LocalizedError['labels']) {
    super(labels);
    this.name = 'ClvInputError';
  }
}
