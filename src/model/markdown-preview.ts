/**
 * The start of a long markdown text, shown until the reader asks for all of it: laying out one
 * paragraph of 100,000 characters took the page 40 ms on 2 cores (20,000 take 8), and a
 * notebook may hold 39.
 */
export const PREVIEW_CHARACTERS = 20_000;

/**
 * `source` cut at the last paragraph break (else line break) within `max` characters, or at
 * `max` when there is neither in its second half; null when it is short enough to show whole.
 */
export function markdownPreview(source: string, max = PREVIEW_CHARACTERS): string | null {
  if (source.length <= max) return null;
  const head = source.slice(0, max);
  for (const brk of ['\n\n', '\n']) {
    const at = head.lastIndexOf(brk);
    if (at >= max / 2) return head.slice(0, at);
  }
  return head;
}
