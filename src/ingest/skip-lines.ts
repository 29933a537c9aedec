/** `text` without its first `count` lines (any of \r\n, \n, \r ends a line). */
export function skipLines(text: string, count: number): string {
  let at = 0;
  for (let i = 0; i < count && at < text.length; i++) {
    const lf = text.indexOf('\n', at);
    const cr = text.indexOf('\r', at);
    if (lf === -1 && cr === -1) return '';
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    at = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return text.slice(at);
}
