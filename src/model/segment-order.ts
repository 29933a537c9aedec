/**
 * The segments a result has, in the order its preset defines them (then any it does not, as
 * they come). Charts colour segments by this order, so a segment keeps its colour when a re-run
 * changes which segment is largest.
 */
export function orderSegments(present: readonly string[], defined: readonly string[]): string[] {
  const rank = (s: string) => {
    const i = defined.indexOf(s);
    return i < 0 ? defined.length : i;
  };
  return present
    .map((segment, at) => ({ segment, at }))
    .sort((a, b) => rank(a.segment) - rank(b.segment) || a.at - b.at)
    .map((x) => x.segment);
}
