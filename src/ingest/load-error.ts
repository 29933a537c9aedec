import type { Labels } from '../domain/labels';
import { LocalizedError } from '../domain/localized-error';

/** What went wrong, for code that reacts differently (e.g. offers an encoding picker). */
export type LoadErrorCode =
  | 'empty'
  | 'no-rows'
  | 'html'
  | 'pdf'
  | 'image'
  | 'archive'
  | 'zip-not-workbook'
  | 'unsupported'
  | 'binary'
  | 'encoding'
  | 'too-many-columns'
  | 'csv-layout'
  | 'line-too-long'
  | 'unclosed-quote'
  | 'bad-rows'
  | 'type-mismatch'
  | 'csv-read'
  | 'excel-unreadable'
  | 'excel-encrypted'
  | 'sheet-not-found'
  | 'json-invalid'
  | 'parquet-unreadable'
  | 'too-big'
  | 'out-of-memory';

export interface LoadErrorInit {
  code: LoadErrorCode;
  file: string;
  messages: Labels;
  hint: Labels;
  /** 1-based line (CSV) or row (sheet) the problem was found on. */
  row?: number;
  column?: string;
  cause?: unknown;
}

/** A file that cannot be loaded, explained in both languages with what to do about it. */
export class LoadError extends LocalizedError {
  readonly code: LoadErrorCode;
  readonly file: string;
  readonly hint: Labels;
  readonly row?: number;
  readonly column?: string;

  constructor(init: LoadErrorInit) {
    super(init.messages, { cause: init.cause });
    this.name = 'LoadError';
    this.code = init.code;
    this.file = init.file;
    this.hint = init.hint;
    if (init.row !== undefined) this.row = init.row;
    if (init.column !== undefined) this.column = init.column;
  }

  /** What went wrong in both languages (the `labels` of a LocalizedError). */
  get messages(): Labels {
    return this.labels;
  }
}
