import { pick, type Labels, type Lang } from '../domain/labels';

/** An error whose message exists in both languages. */
export class LocalizedError extends Error {
  constructor(readonly labels: Labels) {
    super(`${labels.en}\n${labels.zh}`);
  }
}

const CJK = /[\u3400-\u9fff]/;

/** The two-language text an error carries: `labels` (LocalizedError, ClvInputError) or `messages` (LoadError). */
function labelsOf(error: unknown): Labels | null {
  const e = error as { labels?: Partial<Labels>; messages?: Partial<Labels> } | null;
  const labels = e?.labels ?? e?.messages;
  return typeof labels?.en === 'string' && typeof labels.zh === 'string'
    ? (labels as Labels)
    : null;
}

/** An error's message as it is, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The message of an error in the user's language. Model code throws either a LocalizedError or
 * an Error whose message is the English line followed by the Chinese line.
 */
export function errorText(error: unknown, lang: Lang): string {
  const labels = labelsOf(error);
  if (labels) return pick(labels, lang);
  const message = messageOf(error);
  const lines = message.split('\n');
  const zhStart = lines.findIndex((l, i) => i > 0 && CJK.test(l) && !CJK.test(lines[i - 1] ?? ''));
  if (zhStart > 0 && lines.slice(0, zhStart).every((l) => !CJK.test(l))) {
    return (lang === 'zh-CN' ? lines.slice(zhStart) : lines.slice(0, zhStart)).join('\n');
  }
  return message;
}
