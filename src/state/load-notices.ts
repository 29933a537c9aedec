import { LoadError } from '../ingest/load-error';
import type { LoadedTable } from '../ingest/load-file';
import { errorText } from '../model/error-text';
import { pick, type Lang } from '../domain/labels';
import type { LangState } from './LangState.svelte';

export type NoticeKind = 'error' | 'warning' | 'info';

/** A button on a notice, e.g. "Read as GB18030". */
export interface NoticeAction {
  label: string;
  run: () => void;
}

/** The encoding Chinese Excel files are in, offered when a file was not the encoding read. */
export const RETRY_ENCODING = 'gb18030';

/** What to tell the user about a failed load: the message and what to do, in their language. */
export function failureText(error: unknown, fileName: string, lang: LangState): string {
  if (error instanceof LoadError) {
    return `${pick(error.messages, lang.lang)} ${pick(error.hint, lang.lang)}`;
  }
  return lang.t('load.failed', { file: fileName, message: errorText(error, lang.lang) });
}

/** Whether reading the file again as GB18030 is worth offering. */
export function offerRetry(error: unknown, encoding: string | undefined): boolean {
  return error instanceof LoadError && error.code === 'encoding' && encoding !== RETRY_ENCODING;
}

/** The warnings about a loaded file, one per line: renames, skipped titles and lines. */
export function warningText(loaded: LoadedTable, lang: Lang): string | null {
  const all = [...loaded.warnings, ...(loaded.skippedWarning ? [loaded.skippedWarning] : [])];
  return all.length > 0 ? all.map((w) => pick(w, lang)).join('\n') : null;
}
