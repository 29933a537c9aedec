import { pick, type Labels, type Lang } from '../domain/labels';

/** The two-language text an error carries: a LocalizedError's (or any error's) `labels`. */
function labelsOf(error: unknown): Labels | null {
  const labels = (error as { labels?: Partial<Labels> } | null)?.labels;
  return typeof labels?.en === 'string' && typeof labels.zh === 'string'
    ? (labels as Labels)
    : null;
}

/** An error's message as it is, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The message of an error in the user's language: the chosen half of a LocalizedError's labels,
 * or the message as it is for anything else (a DuckDB error, a browser error).
 */
export function errorText(error: unknown, lang: Lang): string {
  const labels = labelsOf(error);
  return labels ? pick(labels, lang) : messageOf(error);
}
